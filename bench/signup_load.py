"""
Benchmark: >= 200 simultaneous sign-up attempts at one shift of 20 places, over real HTTP.

For each database (PostgreSQL with Redis by default; a SQLite file with --db sqlite) it builds a fresh
database (migrate), adds one live initiative with one 20-place shift, serves the site on the production
stack (gunicorn, gthread, 8 threads per worker, as `make serve`) under the production settings (DEBUG
off, RATELIMIT_ENABLE=0, database-backed task queue; Redis cache and channel layer on the PostgreSQL
leg) and then:

1. it GETs the sign-up form once per attempt, as a browser would (CSRF cookie and the form's token), then
   starts one thread per attempt;
2. the threads wait on one barrier and all POST the sign-up form at once, each with its own e-mail address;
3. it counts the `data-signup-status` answers, checks the database, and reports confirmed (must be 20),
   full, errors (must be 0), p50/p99 of the POSTs and the server's CPU time per attempt (user + system
   time of the gunicorn workers from /proc, before and after the burst).

Run: `.venv/bin/python bench/signup_load.py [--db postgres sqlite] [--attempts 200] [--workers 2]`.
Figures go to stdout and bench-results/signup_load.json. Exit code 1 when an
invariant fails.
"""

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/initiatives_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
CAPACITY = 20

SETUP = """
from datetime import timedelta
from django.utils import timezone
from home.seed import ensure_user
from initiatives.models import InitiativeIndexPage, InitiativePage, Shift
owner = ensure_user("bewoner")
index = InitiativeIndexPage.objects.get()
page = InitiativePage(title="Bench", slug="bench", aim="Meten.", description="Meten.", organiser_name="Bench", owner=owner)
index.add_child(instance=page)
page.save_revision(user=owner).publish()
start = timezone.now() + timedelta(days=3)
shift = Shift.objects.create(initiative=page, task="Helpen", start=start, end=start + timedelta(hours=2), capacity={capacity})
print("BENCH", shift.pk, page.url)
"""

CHECK = """
from initiatives.models import Shift, Signup
shift = Shift.objects.get(pk={shift_id})
print("BENCH", shift.confirmed_count, Signup.objects.filter(shift=shift, status="confirmed").count(), Signup.objects.filter(shift=shift).count())
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout if capture else None


def shell(env, code):
    output = manage(env, "shell", "-c", code, capture=True)
    return next(line for line in output.splitlines() if line.startswith("BENCH ")).split()[1:]


def fresh_postgres(url=PG_URL):
    """An empty database at `url` (dropped first if it exists); returns `url`."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def environment(database_url, use_redis):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench._signup_settings",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "RATELIMIT_ENABLE": "0",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    if use_redis:
        env.update(REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX="bench-signup", CHANNEL_PREFIX="bench-signup")
    return env


def start_server(env, workers, log_dir):
    """gunicorn as `make serve` runs it; returns its port and process."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "wijkplatform.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", "8", "--backlog", "2048",
         "--log-level", "error"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(log_dir) / "gunicorn.log", "w"),
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz/")
            if conn.getresponse().status == 200:
                return port, server
        except OSError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            raise RuntimeError("gunicorn did not start")
        time.sleep(0.2)


def cpu_seconds(pid):
    """User + system CPU time of a process and its children (gunicorn's workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = 0
    for process in [str(pid), *children]:
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(method, path, body=body, headers={"Host": "127.0.0.1", "Connection": "close", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.getheader("Set-Cookie", ""), response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def prepare(number, port, shift_id):
    """GET the page like a browser: the CSRF cookie and the form's token. Returns the POST to send."""
    from urllib.parse import urlencode

    for _try in range(5):
        try:
            _status, set_cookie, html = request(port, "GET", f"/initiatieven/dienst/{shift_id}/aanmelden/")
            break
        except OSError:
            time.sleep(0.5)
    cookie = SimpleCookie()
    cookie.load(set_cookie)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urlencode(
        {"csrfmiddlewaretoken": token, "name": f"Vrijwilliger {number}", "email": f"v{number}@example.org", "phone": "",
         "website": "", "waitlist": "False"}
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie['csrftoken'].value}"}
    return port, body, headers


def fire(prepared, shift_id, barrier):
    """Wait until every thread is ready, then POST the sign-up form; returns (outcome, milliseconds)."""
    port, body, headers = prepared
    barrier.wait(timeout=120)
    started = time.perf_counter()
    try:
        status, _cookie, html = request(port, "POST", f"/initiatieven/dienst/{shift_id}/aanmelden/", body, headers)
    except OSError as error:
        return f"error-{type(error).__name__}", (time.perf_counter() - started) * 1000
    elapsed = (time.perf_counter() - started) * 1000
    match = re.search(r'data-signup-status="(\w+)"', html)
    return (match.group(1) if status == 200 and match else f"error-{status}"), elapsed


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run(database, attempts, workers):
    tmp = tempfile.mkdtemp(prefix="bench-signup-")
    if database == "sqlite":
        env = environment(f"sqlite:///{tmp}/bench.sqlite3", use_redis=False)
    else:
        env = environment(fresh_postgres(), use_redis=os.environ.get("BENCH_REDIS", "1") == "1")
    print(f"[{database}] migrating a fresh database ...", flush=True)
    manage(env, "migrate", "-v0")
    shift_id, _page_url = shell(env, SETUP.format(capacity=CAPACITY))
    port, server = start_server(env, workers, tmp)
    try:
        print(f"[{database}] {attempts} simultaneous sign-ups on {workers} gunicorn workers ...", flush=True)
        with ThreadPoolExecutor(max_workers=16) as pool:
            prepared = list(pool.map(lambda n: prepare(n, port, shift_id), range(attempts)))
        barrier = threading.Barrier(attempts)
        cpu_before = cpu_seconds(server.pid)
        with ThreadPoolExecutor(max_workers=attempts) as pool:
            results = list(pool.map(lambda item: fire(item, shift_id, barrier), prepared))
        cpu_used = cpu_seconds(server.pid) - cpu_before
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    counter, confirmed_rows, rows = map(int, shell(env, CHECK.format(shift_id=shift_id)))
    outcomes = [outcome for outcome, _ms in results]
    times = [ms for _outcome, ms in results]
    figures = {
        "database": database,
        "server_logs": tmp,
        "workers": workers,
        "attempts": attempts,
        "capacity": CAPACITY,
        "confirmed": outcomes.count("confirmed"),
        "full": outcomes.count("full"),
        "waitlisted": outcomes.count("waitlisted"),
        "errors": sum(outcome.startswith("error") for outcome in outcomes),
        "db_confirmed_count": counter,
        "db_confirmed_rows": confirmed_rows,
        "db_signup_rows": rows,
        "p50_ms": round(statistics.median(times), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
        "max_ms": round(max(times), 1),
        "cpu_ms_per_attempt": round(cpu_used * 1000 / attempts, 1),
    }
    figures["ok"] = (
        figures["confirmed"] == CAPACITY == counter == confirmed_rows == rows
        and figures["errors"] == 0
        and figures["full"] == attempts - CAPACITY
    )
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--db", nargs="+", default=["postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    all_figures = [run(database, args.attempts, args.workers) for database in args.db]
    print(
        f"\n{'db':9} {'attempts':>8} {'confirmed':>9} {'full':>5} {'waitl.':>6} {'errors':>6} {'p50 ms':>8} "
        f"{'p99 ms':>8} {'CPU ms':>7}  ok"
    )
    for f in all_figures:
        print(
            f"{f['database']:9} {f['attempts']:>8} {f['confirmed']:>9} {f['full']:>5} {f['waitlisted']:>6} "
            f"{f['errors']:>6} {f['p50_ms']:>8} {f['p99_ms']:>8} {f['cpu_ms_per_attempt']:>7}  "
            f"{'yes' if f['ok'] else 'NO'}"
        )
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "signup_load.json").write_text(json.dumps(all_figures, indent=2))
    if not all(f["ok"] for f in all_figures):
        sys.exit(1)
    return all_figures


if __name__ == "__main__":
    main()
