"""
Median response times of the stories pages (query counts are proven in tests/stories/test_performance.py).

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python bench/stories.py [--seed 10] [--runs 20]

With --seed N it first runs `migrate` and `seed_demo --scale N` (N x 1000 synthetic stories) and
reports how long seeding took. Requests go through the whole Django stack with the test client.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkplatform.settings.dev")
os.environ.setdefault("RATELIMIT_ENABLE", "0")


def main():
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from stories.models import StoryPage

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=None, help="migrate and run seed_demo --scale N first")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    if args.seed is not None:
        call_command("migrate", verbosity=0)
        started = time.monotonic()
        call_command("seed_demo", scale=args.seed, stdout=open(os.devnull, "w"))
        print(f"seed_demo --scale {args.seed}: {time.monotonic() - started:.1f}s")

    story = StoryPage.objects.live().order_by("-first_published_at").first()
    last_page = StoryPage.objects.live().count() // 12 + 1
    urls = [
        "/",
        "/verhalen/",
        f"/verhalen/?pagina={last_page}",
        "/verhalen/thema/stoptober/",
        story.url,
        "/verhalen/feed/",
        "/verhalen/feed/atom/",
        "/verhalen/thema/stoptober/feed/",
    ]
    client = Client(HTTP_HOST="localhost")
    print(f"{StoryPage.objects.live().count()} published stories, {args.runs} runs per URL")
    print(f"{'url':45} {'status':>6} {'median ms':>9} {'p90 ms':>7}")
    for url in urls:
        client.get(url)  # warm up (renditions, caches)
        response = client.get(url)
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(f"{url[:45]:45} {response.status_code:>6} {statistics.median(timings):>9.1f} {p90:>7.1f}")


if __name__ == "__main__":
    main()
