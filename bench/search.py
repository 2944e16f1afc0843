"""Server time of the parents' search at 1,000 / 10,000 / 100,000 generated offers.

    .venv/bin/python bench/search.py [--sizes 1000 10000 100000] [--runs 200] [--reuse]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lotse_bench .venv/bin/python bench/search.py

Builds a fresh database per size (SQLite file or the PostgreSQL database of DATABASE_URL,
which is dropped and re-created), fills it with `generate_offers N --seed 1`, and measures
typical queries of /api/v1/offers in-process (Django test client: server time only),
beside the trivial /healthz view, and the HTML finder page and the HSDS list. Prints p50/p95
in ms and the SQL queries of a request computed in full (public cache off), and the p50 of
the same request answered from the public cache (lotse/public_cache.py), as a repeated
search is in production. Last, the time a worker takes to reload the whole search table
after an edit (offers/search_freshness.py; median and maximum of three), and what a
confirmation of one offer costs: its write (search rows, item, change log) and the patch
of a worker's copy that follows it (the offer's rows read anew, the columns copied).
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    ("trivial /healthz", "/healthz"),
    # The yardstick for the search: a small JSON view of the same API, one offer by id.
    ("API one offer (small JSON)", "/api/v1/offers/OFFER"),
    ("PLZ 17489, 10 km", "/api/v1/offers?postcode=17489"),
    ("PLZ 17489, 12 Monate, 25 km", "/api/v1/offers?postcode=17489&age_months=12&radius_km=25"),
    ("Ort Anklam, Thema beratung", "/api/v1/offers?place=Anklam&topic=beratung"),
    (
        "Rostock, arabisch, kostenfrei",
        "/api/v1/offers?lat=54.0887&lon=12.1405&language=ar&free=true",
    ),
    (
        "Ludwigslust, schwanger, 50 km",
        "/api/v1/offers?place=Ludwigslust&pregnant=true&radius_km=50",
    ),
    ("HTML /angebote/ 17489, 1 Jahr", "/angebote/?where=17489&age=12"),
    ("HTML /angebote/ Anklam, 30 km", "/angebote/?where=Anklam&radius=30"),
    ("HSDS /api/hsds/services", "/api/hsds/services?per_page=20"),
]


def prepare(size: int, reuse: bool) -> dict[str, str]:
    env = dict(
        os.environ,
        DEBUG="0",
        SECRET_KEY="bench",
        ALLOWED_HOSTS="testserver",
        LOTSE_REQUIRE_2FA="1",
        SECURE_SSL_REDIRECT="0",
        LOTSE_API_RATE_PER_MINUTE="0",  # one client asks thousands of times
    )
    url = os.environ.get("DATABASE_URL", "")
    if reuse:  # the database of an earlier run with this size, as it is
        if not url.startswith("postgres"):
            env["DATABASE_URL"] = f"sqlite:///{ROOT / f'db-bench-{size}.sqlite3'}"
        return env
    if url.startswith("postgres"):
        name = url.rsplit("/", 1)[1]
        base = url.rsplit("/", 1)[0]
        subprocess.run(
            ["psql", base + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True
        )
        subprocess.run(["psql", base + "/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    else:
        path = ROOT / f"db-bench-{size}.sqlite3"
        path.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"

    def run(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
        )

    run("migrate", "--no-input")
    run("collectstatic", "--no-input", "-v0")  # the HTML pages need the static manifest
    started = time.perf_counter()
    run("generate_offers", str(size), "--seed", "1")
    print(f"  generated {size} offers in {time.perf_counter() - started:.1f} s", flush=True)
    return env


def measure(env: dict[str, str], runs: int) -> list[tuple[str, float, float, int]]:
    code = f"""
import os, statistics, time, json, django
os.environ['DJANGO_SETTINGS_MODULE'] = 'lotse.settings'
django.setup()
from django.db import connection
from django.test import Client
from django.conf import settings
client = Client()

def timed(url):
    times = []
    for _ in range({runs}):
        t = time.perf_counter(); r = client.get(url); times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code, r.content[:200])
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]

from django.contrib.auth.models import AnonymousUser
from lotse.offers.models import Offer
some_offer = str(Offer.objects.visible_to(AnonymousUser()).order_by("pk").values_list("pk", flat=True).first())
rows = []
for label, url in {QUERIES!r}:
    url = url.replace("OFFER", some_offer)
    settings.LOTSE_PUBLIC_CACHE_SECONDS = 0  # every request computed
    client.get(url)
    p50, p95 = timed(url)
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get(url)
    settings.LOTSE_PUBLIC_CACHE_SECONDS = 60  # as in production: repeated, from the cache
    client.get(url)
    cached_p50, _ = timed(url)
    rows.append((label, p50, p95, len(queries), cached_p50))
from lotse.offers import search_freshness, search_table
loads = []
for _ in range(3):
    t = time.perf_counter(); search_table.load(None); loads.append((time.perf_counter() - t) * 1000)
rows.append(("search table reload (whole)", statistics.median(loads), max(loads), 0, 0.0))
from django.utils import timezone
from lotse.offers import search_index
from lotse.offers.models import Offer
table = search_freshness.current()
writes, patches = [], []
for offer_id in Offer.objects.order_by("pk").values_list("pk", flat=True)[:3]:
    t = time.perf_counter()
    Offer.objects.filter(pk=offer_id).update(verified_at=timezone.now())
    search_index.refresh([offer_id])
    writes.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    patched = search_freshness.brought_up_to(table, search_freshness.current_token())
    patches.append((time.perf_counter() - t) * 1000)
    assert patched.offer_hex is table.offer_hex, "read whole instead of patched"
    table = patched
rows.append(("edit: confirm one offer (write)", statistics.median(writes), max(writes), 0, 0.0))
rows.append(("search table patch (that edit)", statistics.median(patches), max(patches), 0, 0.0))
print(json.dumps(rows))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--reuse", action="store_true", help="keep the database of a former run")
    args = parser.parse_args()
    vendor = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    print(f"database: {vendor}; runs per query: {args.runs}")
    for size in args.sizes:
        print(f"\n{size} offers")
        env = prepare(size, args.reuse)
        print(f"  {'query':<34}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'cached p50':>12}")
        for label, p50, p95, queries, cached in measure(env, args.runs):
            print(f"  {label:<34}{p50:>9.2f}{p95:>9.2f}{queries:>9}{cached:>12.2f}")


if __name__ == "__main__":
    main()
