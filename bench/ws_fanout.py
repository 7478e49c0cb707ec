"""
Benchmark: one sign-up reaches 1000 open WebSocket clients on ONE uvicorn worker, through Redis.

It builds a fresh PostgreSQL database with one 20-place shift, serves WebSockets with one uvicorn process
(production settings, Redis channel layer with the pool sizes from settings), opens `--clients`
connections from one asyncio process (the `websockets` package) and subscribes each to the shift's live
group, as static/js/live.js does. Then another process signs one person up through initiatives.services
(as the sign-up view does) and notes the time just before; every client notes when the update about the
free places arrives. It prints how many received it (must be all), the delay (p50, p99, max) and the
uvicorn worker's CPU time for the whole fan-out (from /proc; on a busy machine the delays grow with what
other processes take, the CPU time does not).

Run: `.venv/bin/python bench/ws_fanout.py [--clients 1000]`. Figures go to stdout and
bench-results/ws_fanout.json. Exit code 1 when a client did not get the update within 10 s.
"""

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.signup_load import (  # noqa: E402
    PYTHON,
    SETUP,
    cpu_seconds,
    environment,
    free_port,
    fresh_postgres,
    manage,
    percentile,
    shell,
)

PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/ws_bench")
WAIT_SECONDS = 10

# Waits for a line on stdin, then signs one person up and prints the wall-clock time just before.
SIGN_UP = """
import sys, time
from initiatives.models import Shift
from initiatives.services import sign_up
shift = Shift.objects.get(pk={shift_id})
print("READY", flush=True)
sys.stdin.readline()
started = time.time()
result = sign_up(shift, "Vrijwilliger", "fanout@example.org", notify=False)
print("BENCH", started, result.status, flush=True)
"""


def start_uvicorn(env, log_dir):
    port = free_port()
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "uvicorn"), "wijkplatform.asgi:application", "--host", "127.0.0.1", "--port",
         str(port), "--lifespan", "off", "--no-access-log", "--log-level", "warning", "--backlog", "4096"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(log_dir) / "uvicorn.log", "w"),
    )
    return port, server


async def wait_for_port(port, server):
    deadline = time.monotonic() + 60
    while True:
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("uvicorn did not start") from None
            await asyncio.sleep(0.2)


async def subscriber(url, group, opened, ready):
    """One browser tab: connect, subscribe, then wait for the update; returns the time it arrived."""
    import websockets

    async with opened:
        socket = await websockets.connect(url, origin="http://127.0.0.1", open_timeout=60, max_queue=None)
        await socket.send(json.dumps({"subscribe": [group]}))
        answer = json.loads(await socket.recv())
        if answer.get("subscribed") != [group]:
            raise RuntimeError(f"Not subscribed: {answer}")
    ready.append(socket)
    try:
        while True:
            message = json.loads(await socket.recv())
            if message.get("group") == group:
                return time.time()
    finally:
        await socket.close()


async def fan_out(port, server, group, clients, trigger):
    await wait_for_port(port, server)
    url = f"ws://127.0.0.1:{port}/ws/live/"
    opened = asyncio.Semaphore(100)  # at most this many handshakes at once, as when a neighbourhood opens its tabs
    ready = []
    started = time.perf_counter()
    tasks = [asyncio.create_task(subscriber(url, group, opened, ready)) for _ in range(clients)]
    while len(ready) < clients:
        failed = [task for task in tasks if task.done() and task.exception()]
        if failed:
            raise failed[0].exception()
        await asyncio.sleep(0.05)
    connect_seconds = time.perf_counter() - started
    await asyncio.sleep(1)  # let the last group_add settle
    sent_at = await asyncio.get_running_loop().run_in_executor(None, trigger)
    done, pending = await asyncio.wait(tasks, timeout=WAIT_SECONDS)
    for task in pending:
        task.cancel()
    arrivals = [task.result() for task in done if not task.exception()]
    failures = Counter(type(task.exception()).__name__ for task in done if task.exception())
    failures[f"no update within {WAIT_SECONDS} s"] = len(pending)
    return connect_seconds, [(arrival - sent_at) * 1000 for arrival in arrivals], +failures


def run(clients):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = clients * 2 + 200
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
    tmp = tempfile.mkdtemp(prefix="bench-ws-")
    env = environment(fresh_postgres(PG_URL), use_redis=True)
    env.update(CACHE_KEY_PREFIX="bench-ws", CHANNEL_PREFIX="bench-ws")
    print("migrating a fresh database ...", flush=True)
    manage(env, "migrate", "-v0")
    shift_id, _page_url = shell(env, SETUP.format(capacity=20))
    signer = subprocess.Popen(
        [PYTHON, "manage.py", "shell", "-c", SIGN_UP.format(shift_id=shift_id)],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    port, server = start_uvicorn(env, tmp)
    cpu = {}

    def trigger():
        while signer.stdout.readline().strip() != "READY":
            pass
        cpu["before"] = cpu_seconds(server.pid)
        signer.stdin.write("go\n")
        signer.stdin.flush()
        line = next(line for line in signer.stdout if line.startswith("BENCH "))
        return float(line.split()[1])

    try:
        print(f"{clients} WebSocket clients on one uvicorn worker, one sign-up ...", flush=True)
        connect_seconds, delays, failures = asyncio.run(fan_out(port, server, f"shift-{shift_id}", clients, trigger))
        cpu["after"] = cpu_seconds(server.pid)
    finally:
        signer.kill()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    figures = {
        "clients": clients,
        "server_log": tmp,
        "connect_all_s": round(connect_seconds, 2),
        "received": len(delays),
        "not_received": dict(failures),
        "p50_ms": round(percentile(delays, 0.5), 1) if delays else None,
        "p99_ms": round(percentile(delays, 0.99), 1) if delays else None,
        "max_ms": round(max(delays), 1) if delays else None,
        "server_cpu_ms": round((cpu["after"] - cpu["before"]) * 1000),
    }
    figures["ok"] = figures["received"] == clients
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    args = parser.parse_args(argv)
    f = run(args.clients)
    print(f"\n{'clients':>7} {'received':>8} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'CPU ms':>7} {'connect s':>9}  ok")
    print(
        f"{f['clients']:>7} {f['received']:>8} {f['p50_ms']:>7} {f['p99_ms']:>7} {f['max_ms']:>7} "
        f"{f['server_cpu_ms']:>7} {f['connect_all_s']:>9}  {'yes' if f['ok'] else 'NO'}"
    )
    if f["not_received"]:
        print(f"not received: {f['not_received']}")
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "ws_fanout.json").write_text(json.dumps(f, indent=2))
    if not f["ok"]:
        sys.exit(1)
    return f


if __name__ == "__main__":
    main()
