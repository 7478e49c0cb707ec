"""
Benchmark: the agenda for a month and the calendar feed for a year, served
by the production settings, on the demo content at `seed_demo --scale 10`.

Builds (once; kept for the next run) a SQLite database in /tmp, or uses
DATABASE_URL when set, migrates it and loads the demo content at the given
scale. Then:

- counts the SQL queries of the month page and the year feed in-process, for
  two different months/years, to show the count does not grow with the items;
- serves the site with Daphne (production settings, DEBUG=0) and times
  sequential requests from a client on this machine: the month page (page 1
  and a later page), the year feed cold (a fresh cache key each time: the
  feed is built) and warm (cached for 10 minutes, as calendar apps poll it).

Run: `.venv/bin/python bench/agenda.py [--scale 10] [--runs 30] [--fresh]`.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def environment(database_url):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "wijkplatform.settings.production",
            "SECRET_KEY": env.get("SECRET_KEY", "bench-only-not-secret"),
            "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "RATELIMIT_ENABLE": "0",
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(env, scale, fresh, db_file):
    if db_file and fresh and db_file.exists():
        for suffix in ("", "-wal", "-shm", f".scale{scale}"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    marker = Path(f"{db_file}.scale{scale}") if db_file else None
    began = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    if marker is None or not marker.exists():
        manage(env, "seed_demo", "--scale", str(scale))
        if marker is not None:
            marker.touch()
    manage(env, "collectstatic", "--noinput", "-v0")
    return time.perf_counter() - began


QUERY_COUNT_SCRIPT = """
import json
from datetime import date, timedelta
import django
django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from agenda.filters import today
from agenda.queries import collect
from agenda.filters import parse
from django.http import QueryDict

client = Client(HTTP_HOST="127.0.0.1")
first = today().replace(day=1)
months = [(first + timedelta(days=32)).replace(day=1), (first + timedelta(days=64)).replace(day=1)]
result = {}
for label, url in [
    ("month_a", f"/agenda/?periode=maand&datum={months[0].isoformat()}"),
    ("month_b", f"/agenda/?periode=maand&datum={months[1].isoformat()}"),
    ("year_feed", f"/agenda/agenda.ics?van={today().isoformat()}&tot={(today() + timedelta(days=364)).isoformat()}"),
    ("half_year_feed", f"/agenda/agenda.ics?van={today().isoformat()}&tot={(today() + timedelta(days=182)).isoformat()}"),
]:
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    result[label] = {"queries": len(queries), "bytes": len(response.content)}
    if "feed" in label:
        result[label]["items"] = response.content.count(b"BEGIN:VEVENT")
agenda_filter = parse(QueryDict(f"periode=maand&datum={months[0].isoformat()}"))
result["month_a"]["items"] = len(collect(agenda_filter.start, agenda_filter.end))
print(json.dumps(result))
"""


def query_counts(env):
    output = subprocess.run([PYTHON, "-c", QUERY_COUNT_SCRIPT], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(env):
    port = free_port()
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "daphne"), "-b", "127.0.0.1", "-p", str(port), "wijkplatform.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{base}/healthz/", timeout=1)
            return server, base
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("The server did not start.")


def timed_get(url):
    began = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
        status = response.status
    elapsed = (time.perf_counter() - began) * 1000
    if status != 200:
        raise RuntimeError(f"{url}: {status}")
    return elapsed, len(body)


def series(url_for, runs):
    times = [timed_get(url_for(number))[0] for number in range(runs)]
    return {
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(sorted(times)[int(len(times) * 0.9) - 1], 1),
        "max_ms": round(max(times), 1),
        "runs": runs,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="rebuild the SQLite database")
    args = parser.parse_args(argv)

    database_url = os.environ.get("DATABASE_URL")
    db_file = None
    if not database_url:
        db_file = Path(f"/tmp/wijk-bench-agenda-{os.getuid()}.sqlite3")
        database_url = f"sqlite:///{db_file}"
    env = environment(database_url)
    prep_s = prepare(env, args.scale, args.fresh, db_file)
    counts = query_counts(env)

    today = date.today()
    month = (today.replace(day=1) + timedelta(days=32)).replace(day=1).isoformat()
    year_range = f"van={today.isoformat()}&tot={(today + timedelta(days=364)).isoformat()}"
    server, base = serve(env)
    try:
        timed_get(f"{base}/agenda/")  # warm the process (imports, site root paths)
        results = {
            "month_page": series(lambda n: f"{base}/agenda/?periode=maand&datum={month}", args.runs),
            "month_page_5": series(lambda n: f"{base}/agenda/?periode=maand&datum={month}&pagina=5", args.runs),
            "year_feed_cold": series(lambda n: f"{base}/agenda/agenda.ics?{year_range}&run={time.time_ns()}", args.cold_runs),
            "year_feed_warm": series(lambda n: f"{base}/agenda/agenda.ics?{year_range}", args.runs),
            "home_page": series(lambda n: f"{base}/", args.runs),
            "screen": series(lambda n: f"{base}/agenda/scherm/", args.runs),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(f"Agenda benchmark, seed_demo --scale {args.scale}, production settings, Daphne, {database_url.split(':')[0]}")
    print(f"(database ready in {prep_s:.0f} s)")
    for label, figures in counts.items():
        print(f"  queries {label:15} {figures['queries']:3d}  ({figures.get('items', '-')} items or events, {figures['bytes']} bytes)")
    for label, figures in results.items():
        print(f"  {label:15} median {figures['median_ms']:8.1f} ms   p90 {figures['p90_ms']:8.1f} ms   max {figures['max_ms']:8.1f} ms   ({figures['runs']} runs)")
    return {"queries": counts, "timings": results}


if __name__ == "__main__":
    main()
