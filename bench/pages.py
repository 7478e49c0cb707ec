"""
Benchmark: pages per second on each server stack, in one run, as ratios to a floor.

The floor is a bare Django view (`/bench/floor/`, returns "ok") served by the same server with the same
settings. For each stack (Daphne and uvicorn over ASGI, gunicorn over WSGI with 1 and with 8 threads; one worker
each) and each page (home, agenda, a story, an initiative, the drop-in list) it measures with wrk (10 connections):
- "cached": a visitor without an account, answered from the anonymous page cache;
- "uncached": a logged-in resident, whose pages are never cached whole (parts are: templatetags/fragments.py).
Targets are measured round robin, `--rounds` times, and the best round of each is kept, so a noisy
neighbour on the machine cannot make one stack look better than another.

"baseline-uncached": the same logged-in pages served by an older commit (`--baseline`, by default 56609d1, the
commit when issue 15 asked for uncached pages 4x as fast), exported with `git archive` into /tmp, with its own
SQLite database at the same `--scale`, the same Python and the same gunicorn settings on another port, measured
round robin with ours; "÷ baseline" is ours / the baseline's for the same page. `--baseline ""` leaves it out.

Production settings, DEBUG=0, SQLite with the demo content (`--scale`), local-memory cache, rate limits off.
Needs wrk (Debian's package; `make bench` installs it where it can). Writes bench/results.md and, for the
`make bench` table, its rows as JSON to bench-results/pages.json.

Run: `.venv/bin/python bench/pages.py [--seconds 5] [--rounds 2] [--scale 0] [--stacks daphne,uvicorn,gunicorn]
[--baseline 56609d1]`.
"""

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.agenda import PYTHON, environment, free_port, prepare  # noqa: E402

BASELINE_STACK = "gunicorn"

BIN = Path(PYTHON).parent
STACKS = {
    "daphne": lambda port: [BIN / "daphne", "-b", "127.0.0.1", "-p", str(port), "wijkplatform.asgi:application"],
    "uvicorn": lambda port: [
        BIN / "uvicorn", "wijkplatform.asgi:application", "--host", "127.0.0.1", "--port", str(port),
        "--lifespan", "off", "--no-access-log", "--log-level", "error",
    ],
    "gunicorn": lambda port: gunicorn(port, threads=1),
    "gunicorn-8-threads": lambda port: gunicorn(port, threads=8),
}


def gunicorn(port, threads):
    """
    One gunicorn worker (gthread, keep-alive). One thread measured fastest for every page (`make serve` runs it so,
    with more workers): with 8 threads each thread that waits for SQLite waits again for the GIL afterwards.
    """
    return [BIN / "gunicorn", "wijkplatform.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1",
            "-k", "gthread", "--threads", str(threads), "--log-level", "error"]


PAGE_URLS_SCRIPT = """
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from initiatives.models import InitiativePage
from stories.models import StoryPage
from wagtail.models import Site

# Pages of the default site, as paths: with --scale other neighbourhoods get sites (and hosts) of their own.
site = Site.objects.get(is_default_site=True)
story = StoryPage.objects.live().in_site(site).order_by("-first_published_at").first()
initiative = InitiativePage.objects.live().in_site(site).order_by("pk").first()
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(username="bewoner"))
print(story.relative_url(site), initiative.relative_url(site), client.cookies["sessionid"].value)
"""
RESULT = re.compile(r"Requests/sec:\s+([\d.]+)")
PERCENTILE = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT = {"us": 0.001, "ms": 1, "s": 1000}


def wrk(url, seconds, cookie=None):
    command = ["wrk", "-t1", "-c10", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latencies = {int(p): float(value) * UNIT[unit] for p, value, unit in PERCENTILE.findall(output)}
    return {"rps": float(RESULT.search(output).group(1)), "p50": latencies.get(50), "p99": latencies.get(99)}


def start(command, env, cwd=ROOT, ready="/bench/floor/"):
    port = free_port()
    server = subprocess.Popen(command(port), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}{ready}", timeout=1).close()
            return server, base
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"{command(port)[0].name} in {cwd} did not start")


def page_urls(env, cwd=ROOT):
    """The story, the initiative and a logged-in resident's session cookie, from the database env points to."""
    story, initiative, session = subprocess.run(
        [PYTHON, "-c", PAGE_URLS_SCRIPT], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout.split()[-3:]
    pages = {"home": "/", "agenda": "/agenda/", "story": story, "initiative": initiative, "drop-ins": "/inloop/"}
    return pages, f"sessionid={session}"


def baseline_server(commit, scale):
    """
    The commit to compare with, served as ours is: its tree exported once per commit (kept in /tmp for the next
    run), its own database at the same scale, its bench settings (production over plain HTTP) and gunicorn.
    """
    sha = subprocess.run(["git", "rev-parse", "--verify", f"{commit}^{{commit}}"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    tree = Path(f"/tmp/wijk-bench-baseline-{sha[:12]}")
    if not (tree / "manage.py").exists():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.Popen(["git", "archive", sha], cwd=ROOT, stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(tree)], stdin=archive.stdout, check=True)
        if archive.wait() != 0:
            raise SystemExit(f"git archive {commit} failed")
    db_file = Path(f"{tree}-{scale}.sqlite3")
    env = environment(f"sqlite:///{db_file}")
    env.update({"DJANGO_SETTINGS_MODULE": "bench._signup_settings", "PYTHONPATH": str(tree)})
    env["PAGE_CACHE_SECONDS"] = "600"
    env.pop("REDIS_URL", None)
    for arguments in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *arguments], cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL)
    marker = Path(f"{db_file}.seeded")
    if not marker.exists():
        subprocess.run([PYTHON, "manage.py", "seed_demo", "--scale", str(scale)], cwd=tree, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        marker.touch()
    pages, cookie = page_urls(env, tree)

    def command(port):  # the commit may have no wsgi.py of its own: gunicorn calls Django's factory instead
        ours = STACKS[BASELINE_STACK](port)
        return [ours[0], "django.core.wsgi:get_wsgi_application()", *ours[2:]]

    server, base = start(command, env, cwd=tree, ready="/")
    return server, base, pages, cookie


def measure(args):
    db_file = Path(f"/tmp/wijk-bench-pages-{args.scale}.sqlite3")
    env = environment(f"sqlite:///{db_file}")
    env.update({"DJANGO_SETTINGS_MODULE": "bench._pages_settings", "PYTHONPATH": str(ROOT), "PAGE_CACHE_SECONDS": "600"})
    env.pop("REDIS_URL", None)
    prepare(env, args.scale, args.fresh, db_file)
    pages, cookie = page_urls(env)
    servers = {stack: start(STACKS[stack], env) for stack in args.stacks}
    baseline = baseline_server(args.baseline, args.scale) if args.baseline else None
    best = {}
    try:
        for round_number in range(args.rounds):
            for stack, (_server, base) in servers.items():
                targets = [("floor", "floor", base, "/bench/floor/", None)]
                targets += [(page, "cached", base, path, None) for page, path in pages.items()]
                targets += [(page, "uncached", base, path, cookie) for page, path in pages.items()]
                if baseline and stack == BASELINE_STACK:
                    _server, baseline_base, baseline_pages, baseline_cookie = baseline
                    targets += [
                        (page, "baseline-uncached", baseline_base, path, baseline_cookie)
                        for page, path in baseline_pages.items()
                    ]
                for page, mode, base_url, path, target_cookie in targets:
                    if round_number == 0:
                        wrk(base_url + path, 1, target_cookie)  # warm: the first request fills the caches
                    result = wrk(base_url + path, args.seconds, target_cookie)
                    key = (stack, page, mode)
                    if key not in best or result["rps"] > best[key]["rps"]:
                        best[key] = result
                    print(f"round {round_number + 1} {stack:9} {mode:17} {page:10} {result['rps']:8.0f} req/s",
                          flush=True)
    finally:
        for server, *_rest in [*servers.values(), *([baseline] if baseline else [])]:
            server.terminate()
            server.wait()
    return best


def rows(best, args):
    """Every measurement with its ratios, as bench-results/pages.json holds them."""
    floors = {stack: best[(stack, "floor", "floor")]["rps"] for stack in args.stacks}
    fastest = max(floors.values())
    result = []
    for (stack, page, mode), figures in best.items():
        baseline = best.get((stack, page, "baseline-uncached")) if mode == "uncached" else None
        result.append(
            {
                "stack": stack,
                "page": page,
                "mode": mode,
                "req_s": round(figures["rps"], 1),
                "p50_ms": figures["p50"],
                "p99_ms": figures["p99"],
                "ratio_floor": round(figures["rps"] / floors[stack], 3),
                "ratio_fastest_floor": round(figures["rps"] / fastest, 3),
                "ratio_baseline": round(figures["rps"] / baseline["rps"], 2) if baseline else None,
            }
        )
    return result


def table(result, args):
    floors = {row["stack"]: row["req_s"] for row in result if row["mode"] == "floor"}
    fastest_stack = max(floors, key=floors.get)
    baseline = f" Baseline: commit {args.baseline}, logged-in pages on {BASELINE_STACK}." if args.baseline else ""
    lines = [
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.node()} ({platform.machine()}, "
        f"{os.cpu_count()} cores), demo content at --scale {args.scale}, one worker per stack, wrk -c10 for "
        f"{args.seconds} s, best of {args.rounds} rounds. Command: `{' '.join(['python', *sys.argv])}`.",
        "",
        f"Floor: a bare Django view on the same server. "
        f"Fastest floor: {fastest_stack} ({floors[fastest_stack]:.0f} req/s).{baseline}",
        "",
        "| stack | page | mode | req/s | p50 ms | p99 ms | ÷ own floor | ÷ fastest floor | ÷ baseline |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result:
        ratio = "" if row["ratio_baseline"] is None else f"{row['ratio_baseline']:.1f}"
        lines.append(
            f"| {row['stack']} | {row['page']} | {row['mode']} | {row['req_s']:.0f} | {row['p50_ms'] or 0:.1f} "
            f"| {row['p99_ms'] or 0:.1f} | {row['ratio_floor']:.2f} | {row['ratio_fastest_floor']:.2f} | {ratio} |"
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--scale", type=int, default=0)
    parser.add_argument("--stacks", default=",".join(STACKS))
    parser.add_argument("--fresh", action="store_true", help="build the database again")
    parser.add_argument("--baseline", default="56609d1", help='commit to compare logged-in pages with ("" for none)')
    args = parser.parse_args()
    args.stacks = [stack for stack in args.stacks.split(",") if stack]
    if shutil.which("wrk") is None:
        raise SystemExit("bench/pages.py needs wrk: apt-get install -y wrk")
    result = rows(measure(args), args)
    output = ROOT / "bench-results"
    output.mkdir(exist_ok=True)
    (output / "pages.json").write_text(json.dumps(result, indent=1) + "\n")
    text = table(result, args)
    print("\n" + text)
    (ROOT / "bench" / "results.md").write_text("# Pages per second (`bench/pages.py`)\n\n" + text)


if __name__ == "__main__":
    main()
