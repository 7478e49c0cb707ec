"""
Faults under load (`make faults`): Redis stops and returns, PostgreSQL drops every connection.

It runs the production stack on this machine as `make serve` does (gunicorn for pages, uvicorn for
WebSockets) on a fresh PostgreSQL database and on a redis-server of its OWN (a subprocess on a free port,
without persistence), so stopping it harms nobody. Rate limits stay on; each sign-up comes from its own
loopback address (127.x.y.z), so they count (in Redis, or in memory while it is away) without blocking.
Steady load: a few threads GET pages and the sign-up form, POST sign-ups and now and then log in (a demo
account; a log-in that does not lead on counts as an error); one thread asks /healthz/
twice a second; one WebSocket client follows the shift's live group and reconnects as static/js/live.js does.

Phases: "before" (all well); "redis down" (redis-server stopped); "redis back" (started again, empty);
"postgres restart" (every backend of its database terminated at the start, as when PostgreSQL restarts).
Per phase it prints requests, errors (answers of 500 or more and connection errors), what /healthz/ said and
live updates received; then the sign-ups answered OK that are not in the database (lost: must be 0).
Requests in flight when PostgreSQL cuts their connection may fail and are counted apart; a request sent
after the cut must not fail. Exit code 1 when an invariant fails: any other error, a lost sign-up, /healthz/
not saying "degraded" while Redis is down and "ok" after, or no live update after Redis returns.

Run: `.venv/bin/python bench/faults.py [--seconds 10] [--threads 6]`. Needs redis-server and a PostgreSQL
server at BENCH_FAULTS_PG_URL's host (the database itself is created).
"""

import argparse
import asyncio
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.signup_load import PYTHON, SETUP, environment, free_port, fresh_postgres, manage, shell  # noqa: E402

PG_URL = os.environ.get("BENCH_FAULTS_PG_URL", "postgresql://postgres@127.0.0.1:5432/faults_bench")
BIN = Path(PYTHON).parent
PHASES = ("before", "redis down", "redis back", "postgres restart")
CAPACITY = 100_000  # every sign-up gets a seat, so every OK answer must be a row
DEMO_PASSWORD = "wijkdemo"  # what home.seed.ensure_user gives the visitors' accounts
LOGIN_EVERY = 15  # steps of a visitor; a log-in hashes a password, which costs a worker much CPU

VISITORS = """
from home.seed import ensure_user
for number in range({count}):
    ensure_user(f"bezoeker{{number}}")
print("BENCH done")
"""

COUNT_SIGNUPS = """
import json
from initiatives.models import Signup
emails = json.load(open({path!r}))
print("BENCH", Signup.objects.filter(email__in=emails).count(), len(emails))
"""


class Redis:
    """A redis-server of our own, to stop and start at will."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), 0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def terminate_backends(database_url):
    """What a PostgreSQL restart does to the site: every connection to its database is cut."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return len(rows)


class Load:
    """Steady traffic; every answer is noted with the phase it fell in."""

    def __init__(self, port, shift_id, page_url):
        self.port = port
        self.shift_id = shift_id
        self.paths = ["/", page_url, "/agenda/", f"/initiatieven/dienst/{shift_id}/aanmelden/"]
        self.phase = PHASES[0]
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.requests = Counter()
        self.errors = Counter()
        self.error_kinds = defaultdict(Counter)
        self.last_error_at = {}
        self.cut_at = None
        self.in_flight = Counter()
        self.started = threading.local()
        self.confirmed = []
        self.health = defaultdict(Counter)
        self.last_health = None
        self.live = Counter()
        self.address = 0

    def note(self, outcome):
        with self.lock:
            self.requests[self.phase] += 1
            if outcome is not None and self.cut_at is not None and self.started.at < self.cut_at:
                self.in_flight[outcome] += 1
            elif outcome is not None:
                self.errors[self.phase] += 1
                self.error_kinds[self.phase][outcome] += 1
                self.last_error_at[self.phase] = time.monotonic()

    def next_address(self):
        with self.lock:
            self.address += 1
            return f"127.{(self.address >> 16) & 255}.{(self.address >> 8) & 255}.{self.address & 255 or 1}"

    def request(self, method, path, body=None, headers=None, source="127.0.0.1"):
        self.started.at = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15, source_address=(source, 0))
        try:
            conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
            response = conn.getresponse()
            return response.status, response.getheader("Set-Cookie", ""), response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def visitor(self, number):
        """One visitor who reads pages and signs up, over and over, each sign-up from a new address."""
        form_path = self.paths[-1]
        step = 0
        while not self.stopping.is_set():
            step += 1
            if step % LOGIN_EVERY == 0:
                self.log_in(number)
                continue
            if step % 3:
                path = self.paths[step % len(self.paths)]
                try:
                    status, _cookie, _html = self.request("GET", path)
                    self.note(f"HTTP {status}" if status >= 500 else None)
                except OSError as error:
                    self.note(type(error).__name__)
                continue
            source = self.next_address()
            try:
                got = self.form(form_path, source)
                if got is None:
                    continue
                cookie, token = got
                email = f"{source}-{number}-{step}@example.org"
                body = urlencode({"csrfmiddlewaretoken": token, "name": f"Vrijwilliger {number}", "email": email,
                                  "phone": "", "website": "", "waitlist": "False"})
                headers = {"Content-Type": "application/x-www-form-urlencoded",
                           "Cookie": f"csrftoken={cookie}"}
                status, _cookie, html = self.request("POST", form_path, body, headers, source=source)
                self.note(f"HTTP {status}" if status >= 500 else None)
                answer = re.search(r'data-signup-status="(\w+)"', html)
                if status == 200 and answer and answer.group(1) in ("confirmed", "waitlisted"):
                    with self.lock:
                        self.confirmed.append(email)
            except OSError as error:
                self.note(type(error).__name__)

    def form(self, path, source):
        """GET a form like a browser: returns the CSRF cookie and token, or None (noted as an error if 5xx)."""
        status, set_cookie, html = self.request("GET", path, source=source)
        self.note(f"HTTP {status}" if status >= 500 else None)
        if status != 200:
            return None
        cookie = SimpleCookie()
        cookie.load(set_cookie)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return cookie["csrftoken"].value, token

    def log_in(self, number):
        """Log in as this visitor's own account (log-ins of one account at once would trip its lockout)."""
        source = self.next_address()
        try:
            got = self.form("/account/login/", source)
            if got is None:
                return
            body = urlencode({"csrfmiddlewaretoken": got[1], "login": f"bezoeker{number}", "password": DEMO_PASSWORD})
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={got[0]}"}
            status, _cookie, _html = self.request("POST", "/account/login/", body, headers, source=source)
            self.note(None if status == 302 else f"log-in HTTP {status}")
        except OSError as error:
            self.note(type(error).__name__)

    def health_checker(self):
        while not self.stopping.is_set():
            try:
                status, _cookie, body = self.request("GET", "/healthz/")
                said = f"{status} {body.strip()}"
            except OSError as error:
                said = type(error).__name__
            with self.lock:
                self.health[self.phase][said] += 1
                self.last_health = said
            time.sleep(0.5)

    def live_client(self, ws_port):
        """Like live.js: subscribe, and on a closed connection try again a second later."""
        import websockets

        group = f"shift-{self.shift_id}"

        async def follow():
            while not self.stopping.is_set():
                try:
                    async with websockets.connect(
                        f"ws://127.0.0.1:{ws_port}/ws/live/", origin="http://127.0.0.1", open_timeout=5
                    ) as socket:
                        await socket.send(json.dumps({"subscribe": [group]}))
                        while not self.stopping.is_set():
                            try:
                                message = json.loads(await asyncio.wait_for(socket.recv(), 0.5))
                            except TimeoutError:
                                continue
                            if message.get("group") == group:
                                with self.lock:
                                    self.live[self.phase] += 1
                except (OSError, websockets.exceptions.WebSocketException, TimeoutError):
                    pass
                await asyncio.sleep(1)

        asyncio.run(follow())


def start_stack(env, log_dir, workers):
    http_port, ws_port = free_port(), free_port()
    logs = open(Path(log_dir) / "servers.log", "w")
    servers = [
        subprocess.Popen(
            [BIN / "gunicorn", "wijkplatform.wsgi:application", "--bind", f"127.0.0.1:{http_port}", "--workers",
             str(workers), "--worker-class", "gthread", "--threads", "1", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=logs, stderr=logs,
        ),
        subprocess.Popen(
            [BIN / "uvicorn", "wijkplatform.asgi:application", "--host", "127.0.0.1", "--port", str(ws_port),
             "--lifespan", "off", "--no-access-log", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=logs, stderr=logs,
        ),
    ]
    deadline = time.monotonic() + 60
    for port in (http_port, ws_port):
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), 0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the stack did not start") from None
                time.sleep(0.2)
    return http_port, ws_port, servers


def run(args):
    redis = Redis()
    redis.start()
    try:
        return run_with(redis, args)
    finally:
        redis.stop()


def run_with(redis, args):
    tmp = tempfile.mkdtemp(prefix="bench-faults-")
    env = environment(fresh_postgres(PG_URL), use_redis=False)
    env.update(REDIS_URL=redis.url, RATELIMIT_ENABLE="1", LOG_LEVEL="WARNING")
    print(f"migrating a fresh database; redis-server of our own on port {redis.port} ...", flush=True)
    manage(env, "migrate", "-v0")
    shift_id, page_url = shell(env, SETUP.format(capacity=CAPACITY))
    shell(env, VISITORS.format(count=args.threads))
    http_port, ws_port, servers = start_stack(env, tmp, args.workers)
    load = Load(http_port, shift_id, page_url)
    threads = [threading.Thread(target=load.visitor, args=(n,), daemon=True) for n in range(args.threads)]
    threads += [threading.Thread(target=load.health_checker, daemon=True),
                threading.Thread(target=load.live_client, args=(ws_port,), daemon=True)]
    terminated = 0
    try:
        for thread in threads:
            thread.start()
        for phase in PHASES:
            load.phase = phase
            print(f"phase: {phase} ({args.seconds} s)", flush=True)
            if phase == "redis down":
                redis.stop()
            elif phase == "redis back":
                redis.start()
            elif phase == "postgres restart":
                load.cut_at = time.monotonic()
                terminated = terminate_backends(PG_URL)
            time.sleep(args.seconds)
        load.stopping.set()
        for thread in threads:
            thread.join(timeout=20)
    finally:
        load.stopping.set()
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    emails = Path(tmp) / "confirmed.json"
    emails.write_text(json.dumps(load.confirmed))
    in_database, answered = map(int, shell(env, COUNT_SIGNUPS.format(path=str(emails))))
    return report(load, answered - in_database, terminated, tmp)


def report(load, lost, terminated, log_dir):
    print(f"\n{'phase':17} {'requests':>8} {'errors':>6} {'live':>5}  /healthz/ said")
    for phase in PHASES:
        said = ", ".join(f"{answer} ×{count}" for answer, count in load.health[phase].most_common())
        print(f"{phase:17} {load.requests[phase]:>8} {load.errors[phase]:>6} {load.live[phase]:>5}  {said}")
        if load.errors[phase]:
            print(f"{'':17} errors: {dict(load.error_kinds[phase])}")
    down = load.health["redis down"]
    degraded_while_down = sum(count for answer, count in down.items() if "degraded" in answer)
    figures = {
        "requests": sum(load.requests.values()),
        "errors": sum(load.errors.values()),
        "errors_per_phase": {phase: load.errors[phase] for phase in PHASES},
        "signups_answered_ok": len(load.confirmed),
        "lost_signups": lost,
        "healthz_degraded_while_redis_down": f"{degraded_while_down} of {sum(down.values())}",
        "healthz_ok_after": load.health["redis back"].get("200 ok", 0) > 0 and load.last_health == "200 ok",
        "live_updates_resumed": load.live["redis back"] > 0,
        "postgres_backends_terminated": terminated,
        "in_flight_at_postgres_cut": sum(load.in_flight.values()),
        "failing_after_postgres_cut_s": round(load.last_error_at["postgres restart"] - load.cut_at, 1)
        if "postgres restart" in load.last_error_at
        else 0,
        "server_logs": log_dir,
    }
    print(
        f"\nsign-ups answered OK: {figures['signups_answered_ok']}, lost: {lost}; "
        f"/healthz/ degraded while Redis was down: {figures['healthz_degraded_while_redis_down']}, "
        f"ok after: {'yes' if figures['healthz_ok_after'] else 'NO'}; "
        f"live updates resumed: {'yes' if figures['live_updates_resumed'] else 'NO'}; "
        f"PostgreSQL: {terminated} connections cut; {figures['in_flight_at_postgres_cut']} requests in flight then "
        f"failed; requests sent after the cut failed until {figures['failing_after_postgres_cut_s']} s after it."
    )
    figures["ok"] = (
        figures["errors"] == 0
        and lost == 0
        and degraded_while_down > 0
        and figures["healthz_ok_after"]
        and figures["live_updates_resumed"]
    )
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "faults.json").write_text(json.dumps(figures, indent=2))
    print("all well" if figures["ok"] else "FAULTS FOUND (see above; server logs in " + log_dir + ")")
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each phase")
    parser.add_argument("--threads", type=int, default=6, help="visitors at once")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args(argv)
    if shutil.which("redis-server") is None:
        raise SystemExit("bench/faults.py needs redis-server: apt-get install -y redis-server")
    if not run(args)["ok"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
