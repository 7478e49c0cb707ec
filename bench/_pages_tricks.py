"""
Do the speed tricks still pay with the page cache in place? CPU time per request, in-process, with and without:
- `wijkplatform.memory.no_cyclic_gc` (agenda.queries, agenda.ical),
- `gc.freeze()` after start-up (wijkplatform/asgi.py did this until measured here),
- the recurrence phase cache (dropins.recurrence: shared weekly patterns, lru_cache).

Pages as a logged-in resident sees them (never from the page cache, parts from the fragment cache); the same with
the cache emptied before each request, as the first request after any change finds it; the year's calendar feed so.
Variants take turns, `--rounds` times, the best round of each kept: a noisy machine slows all alike. Production
settings (bench/_pages_settings.py) on the database bench/pages.py builds, or DATABASE_URL.

Run: `.venv/bin/python bench/_pages_tricks.py [--scale 0] [--requests 20] [--rounds 3]`.
"""

import argparse
import contextlib
import gc
import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(scale):
    from bench.agenda import environment

    env = environment(os.environ.get("DATABASE_URL") or f"sqlite:////tmp/wijk-bench-pages-{scale}.sqlite3")
    env.update({"DJANGO_SETTINGS_MODULE": "bench._pages_settings", "PAGE_CACHE_SECONDS": "600"})
    env.pop("REDIS_URL", None)
    os.environ.update(env)
    import django

    django.setup()


def plain_dates(rule, first, last):
    """Rule.dates without the shared patterns: every series expands its own rrule."""
    if not rule.interval:
        return [rule.starts_on] if first <= rule.starts_on <= last else []
    moments = rule.to_rrule().between(datetime.combine(first, rule.start_time), datetime.combine(last, rule.start_time),
                                      inc=True)
    return [moment.date() for moment in moments]


@contextlib.contextmanager
def variant(name):
    from agenda import ical, queries
    from dropins import recurrence

    patched = []

    def patch(module, attribute, value):
        patched.append((module, attribute, getattr(module, attribute)))
        setattr(module, attribute, value)

    if name.startswith("without no_cyclic_gc"):
        for module in (queries, ical):
            if name.endswith(("no_cyclic_gc", module.__name__)):
                patch(module, "no_cyclic_gc", contextlib.nullcontext)
    elif name == "without phase cache":
        patch(recurrence.Rule, "dates", plain_dates)
    elif name == "with gc.freeze":
        gc.freeze()
    try:
        yield
    finally:
        for module, attribute, value in patched:
            setattr(module, attribute, value)
        gc.unfreeze()


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--scale", type=int, default=0)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    setup(args.scale)

    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    from agenda.filters import today

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="bewoner"))
    year = f"van={today().isoformat()}&tot={(today() + timedelta(days=364)).isoformat()}"
    targets = {
        "home": "/",
        "agenda": "/agenda/",
        "agenda month": "/agenda/?periode=maand",
        "drop-ins": "/inloop/",
        "home after a write": "/",
        "agenda month after a write": "/agenda/?periode=maand",
        "drop-ins after a write": "/inloop/",
        "year feed after a write": f"/agenda/agenda.ics?{year}",
    }
    variants = ["as is", "without no_cyclic_gc", "with gc.freeze", "without phase cache"]
    variants += [f"without no_cyclic_gc in {name}" for name in ("agenda.queries", "agenda.ical")]
    best = {}
    for target, url in targets.items():
        count = max(2, args.requests // 5) if "feed" in target else args.requests
        cold = "after a write" in target
        for _round in range(args.rounds):
            for name in variants:
                with variant(name):
                    assert client.get(url).status_code == 200  # warm: caches, lru_caches, renditions
                    spent = 0
                    for _number in range(count):
                        if cold:
                            cache.clear()
                        began = time.process_time()
                        client.get(url)
                        spent += time.process_time() - began
                    ms = spent / count * 1000
                best[(target, name)] = min(ms, best.get((target, name), ms))
        base = best[(target, "as is")]
        figures = [f"{name} {best[(target, name)]:.1f} ms ({best[(target, name)] / base - 1:+.0%})"
                   for name in variants]
        print(f"{target}: {', '.join(figures)}", flush=True)


if __name__ == "__main__":
    main()
