"""
Benchmark: >= 200 simultaneous sign-up attempts at one shift of 20 places, over real HTTP.

For each database (PostgreSQL with Redis by default; a SQLite file with --db sqlite) it builds a fresh
database (migrate), adds one live initiative with one 20-place shift, serves the site on the production
stack (gunicorn, gthread, 1 thread per worker, as `make serve`) under the production settings (DEBUG
off, RATELIMIT_ENABLE=0, database-backed task queue; Redis cache and channel layer on the PostgreSQL
leg) and then:

1. it warms the server up with 40 sign-ups at another shift (not counted), as a server that has served
   before: its threads hold their database connections and its templates are compiled;
2. it GETs the sign-up form once per attempt, as a browser would (CSRF cookie and the form's token), and
   builds the raw request;
3. it sends every POST of the sign-up form at once, each with its own e-mail address, from one thread with
   non-blocking sockets (the client shares the cores with the server, so it is kept lean; its own CPU time
   is reported too); an answer is in when its Content-Length bytes are, as a browser reads it;
4. it counts the `data-signup-status` answers, checks the database, and reports confirmed (must be 20),
   full, errors (must be 0), p50/p99 of the POSTs and the server's CPU time per attempt (user + system
   time of the gunicorn workers from /proc, before and after the burst).

The content's volume does not matter here (one shift in a fresh database), so it takes no --scale.

Run: `.venv/bin/python bench/signup_load.py [--db postgres sqlite] [--attempts 200] [--workers 2] [--threads 1]`.
Figures go to stdout and bench-results/signup_load.json. Exit code 1 when an invariant fails.
"""

import argparse
import http.client
import json
import os
import re
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/initiatives_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
CAPACITY = 20
WARM_UP = 40  # sign-ups at another shift before the burst: more than the server's threads

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
warm_up = Shift.objects.create(initiative=page, task="Inlopen", start=start, end=start + timedelta(hours=2), capacity=4)
print("BENCH", shift.pk, warm_up.pk)
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


def start_server(env, workers, threads, log_dir):
    """gunicorn as `make serve` runs it; returns its port and process."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "wijkplatform.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads), "--backlog", "2048",
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
    """GET the page like a browser: the CSRF cookie and the form's token. Returns the raw POST to send."""
    for _try in range(5):
        try:
            _status, set_cookie, html = request(port, "GET", signup_path(shift_id))
            break
        except OSError:
            time.sleep(0.5)
    cookie = SimpleCookie()
    cookie.load(set_cookie)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urlencode(
        {"csrfmiddlewaretoken": token, "name": f"Vrijwilliger {number}", "email": f"v{number}@example.org", "phone": "",
         "website": "", "waitlist": "False"}
    ).encode()
    head = (
        f"POST {signup_path(shift_id)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        f"Cookie: csrftoken={cookie['csrftoken'].value}\r\n\r\n"
    )
    return head.encode() + body


def signup_path(shift_id):
    return f"/initiatieven/dienst/{shift_id}/aanmelden/"


def outcome_of(response):
    """'confirmed', 'waitlisted' or 'full' from a complete HTTP response, else 'error-<status>'."""
    status_line = response.split(b"\r\n", 1)[0].split()
    status = status_line[1].decode() if len(status_line) > 1 else "none"
    match = re.search(rb'data-signup-status="(\w+)"', response)
    return match.group(1).decode() if status == "200" and match else f"error-{status}"


def complete(response):
    """Whether `response` holds the whole answer: its head and Content-Length bytes of body, as a browser reads it."""
    head, separator, body = bytes(response).partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    return bool(separator and length and len(body) >= int(length.group(1)))


def burst(port, requests, timeout=120):
    """
    Send every prepared POST at once and wait for all answers; returns [(outcome, milliseconds)].

    One thread with non-blocking sockets, not a thread per request: the client runs on the same cores as the
    server, and 200 Python threads would take CPU from it. Each request is written as soon as its connection is
    open, all in one pass (as a crowd of browsers would); each time runs from its connect to the end of its answer.
    """
    selector = selectors.DefaultSelector()
    sockets, started, answers, finished = [], {}, {}, {}
    for raw in requests:
        begun = time.perf_counter()
        sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.sendall(raw)
        sockets.append(sock)
        started[sock] = begun
        sock.setblocking(False)
        answers[sock] = bytearray()
        selector.register(sock, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while len(finished) < len(sockets) and time.monotonic() < deadline:
        for key, _events in selector.select(timeout=1):
            sock = key.fileobj
            try:
                chunk = sock.recv(65536)
            except ConnectionError:
                chunk = b""
            if chunk:
                answers[sock] += chunk
            if not chunk or complete(answers[sock]):
                finished[sock] = time.perf_counter()
                selector.unregister(sock)
                # Closed at once, as a browser closes a `Connection: close` answer: gunicorn's gthread worker (27)
                # waits in its main thread, up to 2 s per connection, for the client to close after the answer,
                # and a client that kept them all open till the end stalled both workers until they timed out.
                sock.close()
    results = []
    for sock in sockets:
        end = finished.get(sock)
        outcome = outcome_of(bytes(answers[sock])) if end else "error-timeout"
        results.append((outcome, ((end or time.perf_counter()) - started[sock]) * 1000))
        sock.close()
    selector.close()
    return results


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run(database, attempts, workers, threads):
    tmp = tempfile.mkdtemp(prefix="bench-signup-")
    if database == "sqlite":
        env = environment(f"sqlite:///{tmp}/bench.sqlite3", use_redis=False)
    else:
        env = environment(fresh_postgres(), use_redis=os.environ.get("BENCH_REDIS", "1") == "1")
    print(f"[{database}] migrating a fresh database ...", flush=True)
    manage(env, "migrate", "-v0")
    shift_id, warm_up_id = shell(env, SETUP.format(capacity=CAPACITY))
    port, server = start_server(env, workers, threads, tmp)
    try:
        print(f"[{database}] {attempts} simultaneous sign-ups on {workers} gunicorn workers ...", flush=True)
        with ThreadPoolExecutor(max_workers=8) as pool:
            # A server that has served before: every thread has its database connection and the templates are
            # compiled. Sign-ups at another shift (confirmed, then full) warm it up; they are not counted.
            warm_up = list(pool.map(lambda n: prepare(-1 - n, port, warm_up_id), range(WARM_UP)))
            burst(port, warm_up)
            prepared = list(pool.map(lambda n: prepare(n, port, shift_id), range(attempts)))
        cpu_before, client_before = cpu_seconds(server.pid), time.process_time()
        results = burst(port, prepared)
        cpu_used, client_used = cpu_seconds(server.pid) - cpu_before, time.process_time() - client_before
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
        "threads": threads,
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
        "client_cpu_ms_per_attempt": round(client_used * 1000 / attempts, 2),
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
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (1 as `make serve`)")
    args = parser.parse_args(argv)
    all_figures = [run(database, args.attempts, args.workers, args.threads) for database in args.db]
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
