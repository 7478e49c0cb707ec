"""
Benchmark: pages per second on each server stack, in one run, as ratios to a floor.

The floor is a bare Django view (`/bench/floor/`, returns "ok") served by the same server with the same
settings. For each stack (Daphne and uvicorn over ASGI, gunicorn over WSGI with 8 threads; one worker each) and each page
(home, agenda, a story, an initiative, the drop-in list) it measures with wrk (10 connections):
- "cached": a visitor without an account, answered from the anonymous page cache;
- "uncached": a logged-in resident, whose pages are never cached.
Targets are measured round robin, `--rounds` times, and the best round of each is kept, so a noisy
neighbour on the machine cannot make one stack look better than another.

Production settings, DEBUG=0, SQLite with the demo content (`--scale`), local-memory cache, rate limits off.
Needs wrk (Debian's package; `make bench` installs it where it can). Writes bench/results.md.

Run: `.venv/bin/python bench/pages.py [--seconds 5] [--rounds 2] [--scale 0] [--stacks daphne,uvicorn,gunicorn]`.
"""

import argparse
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

BIN = Path(PYTHON).parent
STACKS = {
    "daphne": lambda port: [BIN / "daphne", "-b", "127.0.0.1", "-p", str(port), "wijkplatform.asgi:application"],
    "uvicorn": lambda port: [
        BIN / "uvicorn", "wijkplatform.asgi:application", "--host", "127.0.0.1", "--port", str(port),
        "--lifespan", "off", "--no-access-log", "--log-level", "error",
    ],
    "gunicorn": lambda port: [
        BIN / "gunicorn", "wijkplatform.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1",
        "-k", "gthread", "--threads", "8", "--log-level", "error",
    ],
}
PAGE_URLS_SCRIPT = """
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from initiatives.models import InitiativePage
from stories.models import StoryPage

story = StoryPage.objects.live().order_by("-first_published_at").first()
initiative = InitiativePage.objects.live().order_by("pk").first()
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(username="bewoner"))
print(story.url, initiative.url, client.cookies["sessionid"].value)
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


def start(stack, env):
    port = free_port()
    server = subprocess.Popen(STACKS[stack](port), cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/bench/floor/", timeout=1).close()
            return server, base
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"{stack} did not start")


def measure(args):
    db_file = Path(f"/tmp/wijk-bench-pages-{args.scale}.sqlite3")
    env = environment(f"sqlite:///{db_file}")
    env.update({"DJANGO_SETTINGS_MODULE": "bench._pages_settings", "PYTHONPATH": str(ROOT), "PAGE_CACHE_SECONDS": "600"})
    env.pop("REDIS_URL", None)
    prepare(env, args.scale, args.fresh, db_file)
    story, initiative, session = subprocess.run(
        [PYTHON, "-c", PAGE_URLS_SCRIPT], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.split()[-3:]
    pages = {"home": "/", "agenda": "/agenda/", "story": story, "initiative": initiative, "drop-ins": "/inloop/"}
    servers = {stack: start(stack, env) for stack in args.stacks}
    best = {}
    try:
        for round_number in range(args.rounds):
            for stack, (_server, base) in servers.items():
                targets = [("floor", "floor", "/bench/floor/", None)]
                targets += [(page, "cached", path, None) for page, path in pages.items()]
                targets += [(page, "uncached", path, f"sessionid={session}") for page, path in pages.items()]
                for page, mode, path, cookie in targets:
                    if round_number == 0:
                        wrk(base + path, 1, cookie)  # warm: the first request of a cached page fills the cache
                    result = wrk(base + path, args.seconds, cookie)
                    key = (stack, page, mode)
                    if key not in best or result["rps"] > best[key]["rps"]:
                        best[key] = result
                    print(f"round {round_number + 1} {stack:9} {mode:8} {page:10} {result['rps']:8.0f} req/s", flush=True)
    finally:
        for server, _base in servers.values():
            server.terminate()
            server.wait()
    return best


def table(best, args):
    floors = {stack: best[(stack, "floor", "floor")]["rps"] for stack in args.stacks}
    fastest_stack = max(floors, key=floors.get)
    lines = [
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.node()} ({platform.machine()}, "
        f"{os.cpu_count()} cores), demo content at --scale {args.scale}, one worker per stack, wrk -c10 for "
        f"{args.seconds} s, best of {args.rounds} rounds. Command: `{' '.join(['python', *sys.argv])}`.",
        "",
        f"Floor: a bare Django view on the same server. Fastest floor: {fastest_stack} ({floors[fastest_stack]:.0f} req/s).",
        "",
        "| stack | page | mode | req/s | p50 ms | p99 ms | ÷ own floor | ÷ fastest floor |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for (stack, page, mode), result in best.items():
        lines.append(
            f"| {stack} | {page} | {mode} | {result['rps']:.0f} | {result['p50'] or 0:.1f} | {result['p99'] or 0:.1f} "
            f"| {result['rps'] / floors[stack]:.2f} | {result['rps'] / floors[fastest_stack]:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--scale", type=int, default=0)
    parser.add_argument("--stacks", default=",".join(STACKS))
    parser.add_argument("--fresh", action="store_true", help="build the database again")
    args = parser.parse_args()
    args.stacks = [stack for stack in args.stacks.split(",") if stack]
    if shutil.which("wrk") is None:
        raise SystemExit("bench/pages.py needs wrk: apt-get install -y wrk")
    result = table(measure(args), args)
    print("\n" + result)
    (ROOT / "bench" / "results.md").write_text("# Pages per second (`bench/pages.py`)\n\n" + result)


if __name__ == "__main__":
    main()
