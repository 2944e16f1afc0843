"""Reach analysis: all MV municipalities (goal < 1 s) and a synthetic Germany
(~11,000 municipalities, ~100,000 venues; goal < 10 s); the state report PDF (goal < 5 s).

    .venv/bin/python bench/reach.py [--runs 3]

MV runs on a fresh SQLite database with the demo data (migrate + seed_demo); Germany is
synthetic (random points in Germany's bounding box) and times the same grid search
(lotse.monitoring.reach.VenueGrid) that the analysis uses.
"""

import argparse
import random
import statistics
import time

from fresh_sqlite import set_up_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    set_up_django("bench-reach", [["migrate", "-v0"], ["seed_demo"]], DEBUG="1")
    from lotse.monitoring import reach
    from lotse.regions.models import Municipality

    for topic in (None, "familienhebamme"):
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            places = reach.analyse(topic)
            timings.append(time.perf_counter() - started)
        print(
            f"MV, {len(places)} municipalities, topic {topic or 'alle'}: "
            f"median {statistics.median(timings) * 1000:.0f} ms (goal < 1000 ms)"
        )
    assert Municipality.objects.count() == len(places)

    from django.utils import timezone

    from lotse.monitoring import report

    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        report.response("pdf", district=None, today=timezone.localdate())
        timings.append(time.perf_counter() - started)
    print(
        f"State report PDF (all indicators, maps, modules): median {statistics.median(timings) * 1000:.0f} ms (goal < 5000 ms)"
    )

    rng = random.Random(1)
    venues = [(rng.uniform(47.3, 55.0), rng.uniform(5.9, 15.0)) for _ in range(100_000)]
    towns = [(rng.uniform(47.3, 55.0), rng.uniform(5.9, 15.0)) for _ in range(11_000)]
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        grid = reach.VenueGrid(venues)
        for lat, lon in towns:
            grid.nearest(lat, lon)
        timings.append(time.perf_counter() - started)
    print(
        f"Germany (synthetic), 11,000 municipalities × 100,000 venues: "
        f"median {statistics.median(timings) * 1000:.0f} ms (goal < 10000 ms)"
    )


if __name__ == "__main__":
    main()
