"""
`make bench`: the figures issue 15 asks for, measured in one run and printed as one table.

It runs, one after the other (never at the same time, so they do not take CPU from each other):
- bench/pages.py at demo volume (every stack, and the logged-in pages of the baseline commit) and at `--scale N`
  (the stacks in `--scale-stacks`): req/s, p50 and p99 per page, cached and uncached, the floors and the ratios
  (bench-results/pages.json);
- bench/signup_load.py: 200 sign-ups at once at one 20-place shift on 2 gunicorn workers, PostgreSQL and Redis
  (bench-results/signup_load.json);
- bench/ws_fanout.py: one sign-up reaching 1000 WebSocket clients on one uvicorn worker (bench-results/ws_fanout.json).

The sign-up burst and the fan-out build a fresh database with one shift, so the volume of content does not
change them: they run once and the table says "any" for their volume. The table, with the machine it ran on,
goes to stdout and bench/results.md. The other scripts in bench/ (agenda, drop-ins, stories, faults) answer
narrower questions and run on their own.

Run: `.venv/bin/python bench/run_all.py [--scale 10] [--seconds 3] [--rounds 1] [--only pages,signup,ws]`.
Exit code 1 when a benchmark failed or broke one of its rules (lost or doubled sign-ups, errors, clients
without the update); its figures are still shown.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
PAGE_ORDER = ["floor", "home", "agenda", "story", "initiative", "drop-ins"]
MODE_ORDER = ["floor", "cached", "uncached", "baseline-uncached"]


def run(script, *arguments):
    """Run one benchmark script; returns whether it succeeded and how long it took."""
    command = [sys.executable, str(ROOT / "bench" / script), *map(str, arguments)]
    print(f"\n=== {' '.join(command[1:])} ===", flush=True)
    began = time.monotonic()
    returncode = subprocess.run(command, cwd=ROOT).returncode
    return returncode == 0, time.monotonic() - began


def figures(name):
    """The JSON a script wrote, or None; removed first by `fresh` so a failed run never shows old figures."""
    path = RESULTS / name
    return json.loads(path.read_text()) if path.exists() else None


def fresh(name):
    (RESULTS / name).unlink(missing_ok=True)


def machine():
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor() or platform.machine(),
    )
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, load average at the start {load}"


def number(value, digits=0):
    if value is None:
        return ""
    return f"{value:.{digits}f}"


def page_rows(rows, volume):
    def order(row):
        return (
            row["stack"],
            MODE_ORDER.index(row["mode"]) if row["mode"] in MODE_ORDER else 9,
            PAGE_ORDER.index(row["page"]) if row["page"] in PAGE_ORDER else 9,
        )

    for row in sorted(rows, key=order):
        what = "floor (a bare Django view)" if row["mode"] == "floor" else f"{row['page']}, {row['mode']}"
        yield [
            "pages", volume, row["stack"], what, number(row["req_s"]), number(row["p50_ms"], 1),
            number(row["p99_ms"], 1), number(row.get("ratio_floor"), 2), number(row.get("ratio_fastest_floor"), 2),
            number(row.get("ratio_baseline"), 1), "",
        ]


def signup_rows(runs):
    for f in runs:
        stack = f"gunicorn {f['workers']}×{f.get('threads', 1)} thread(s), {f['database']}"
        result = (
            f"{f['confirmed']} confirmed, {f['full']} full, {f['waitlisted']} waitlisted, {f['errors']} errors; "
            f"{f['cpu_ms_per_attempt']} ms server CPU per sign-up; {'ok' if f['ok'] else 'NOT OK'}"
        )
        what = f"{f['attempts']} sign-ups at once, {f['capacity']} places"
        yield ["sign-up burst", "any", stack, what, "", number(f["p50_ms"]), number(f["p99_ms"]), "", "", "", result]


def fanout_rows(f):
    result = (
        f"{f['received']} of {f['clients']} received; {f['server_cpu_ms']} ms server CPU; "
        f"{'ok' if f['ok'] else 'NOT OK'}"
    )
    what = f"1 sign-up to {f['clients']} clients"
    yield ["WebSocket fan-out", "any", "uvicorn 1 worker, Redis", what, "", number(f["p50_ms"]), number(f["p99_ms"]),
           "", "", "", result]


def table(rows):
    head = ["benchmark", "volume", "stack", "what", "req/s", "p50 ms", "p99 ms", "÷ own floor", "÷ fastest floor",
            "× baseline", "result"]
    align = ["---", "---", "---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---"]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in [head, align, *rows])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--scale", type=int, default=10, help="the second volume of content (seed_demo --scale)")
    parser.add_argument("--seconds", type=int, default=3, help="wrk seconds per page")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of pages (the best is kept)")
    parser.add_argument("--stacks", default="", help="stacks measured at demo volume (default: all bench/pages.py has)")
    parser.add_argument("--scale-stacks", default="gunicorn", help="stacks measured at --scale (the fastest)")
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--only", default="pages,signup,ws", help="which parts to run")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    RESULTS.mkdir(exist_ok=True)
    started = datetime.now(timezone.utc)
    about = machine()
    rows, failed, took = [], [], {}
    pages = ["--seconds", args.seconds, "--rounds", args.rounds]

    def measure(label, script, *arguments):
        """One benchmark script run with a fresh result file: its figures, or None when it failed."""
        result = f"{Path(script).stem}.json"
        fresh(result)
        ok, took[label] = run(script, *arguments)
        measured = figures(result)
        if not ok or not measured:
            failed.append(f"{script} ({label})")
        return measured

    if "pages" in parts:
        demo = ["--scale", 0, *(["--stacks", args.stacks] if args.stacks else [])]
        # The baseline commit is compared at demo volume only: seeding it again at --scale would take minutes.
        scaled = ["--scale", args.scale, "--stacks", args.scale_stacks, "--baseline", ""]
        for volume, extra in (("demo", demo), (f"×{args.scale}", scaled)):
            rows += page_rows(measure(f"pages {volume}", "pages.py", *pages, *extra) or [], volume)
    if "signup" in parts:
        rows += signup_rows(measure("sign-up burst", "signup_load.py", "--attempts", args.attempts) or [])
    if "ws" in parts and (measured := measure("fan-out", "ws_fanout.py", "--clients", args.clients)):
        rows += fanout_rows(measured)

    command = "python bench/run_all.py " + " ".join(argv if argv is not None else sys.argv[1:])
    durations = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in took.items())
    text = (
        "# Benchmarks (`make bench`)\n\n"
        f"Measured {started:%Y-%m-%d %H:%M} UTC on {about}. Command: `{command.strip()}` ({durations}).\n\n"
        f"Pages: one worker per stack, wrk with 10 connections for {args.seconds} s, best of {args.rounds} "
        f"round(s); production settings, SQLite, local-memory page cache; \"cached\" is a visitor without an "
        "account, \"uncached\" a logged-in resident; ÷ own floor and ÷ fastest floor compare with a bare Django view "
        "(the floor) on the same and on the fastest stack, × baseline with the same logged-in page of the commit "
        "bench/pages.py names. Sign-up burst: p50 and p99 of the POSTs, CPU of the gunicorn workers only. "
        "The machine is shared: the times grow with what other processes take, the CPU times much less.\n\n"
        + table(rows)
        + ("\n\nFailed: " + ", ".join(failed) if failed else "")
        + "\n"
    )
    print("\n" + text)
    (ROOT / "bench" / "results.md").write_text(text)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
