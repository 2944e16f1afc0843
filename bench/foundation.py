"""Server time of the foundation's pages and API, beside a trivial view, in one run.

    DEBUG=1 .venv/bin/python bench/foundation.py [--runs 200]

Uses the database of DATABASE_URL (default: the SQLite database of `make setup`) and
Django's test client in-process, so it measures the server side only (no network).
Prints p50 and p95 in milliseconds and the number of SQL queries per request.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TARGETS = [
    ("trivial: /healthz", "/healthz"),
    ("API districts", "/api/v1/regions/districts"),
    ("API lookup 17489", "/api/v1/regions/lookup?q=17489"),
    ("API lookup Wolgast", "/api/v1/regions/lookup?q=Wolgast"),
    ("API lookup prefix 'Gr'", "/api/v1/regions/lookup?q=Gr"),
    ("API Landeskonzept", "/api/v1/landeskonzept"),
    ("page /", "/"),
    ("page /landeskonzept/", "/landeskonzept/"),
]


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    client.get(url)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    client = Client()
    print(f"database: {connection.vendor}, runs per target: {args.runs}")
    print(f"{'target':<28}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    for label, url in TARGETS:
        p50, p95, queries = measure(client, url, args.runs)
        print(f"{label:<28}{p50:>9.2f}{p95:>9.2f}{queries:>9}")


if __name__ == "__main__":
    main()
