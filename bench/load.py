"""Load test: gunicorn + PostgreSQL with 100,000 offers on this machine, driven by locust
(headless, loopback only, bounded in time). Prints requests/s, p50/p95/p99 and errors per
request kind and in total. A benchmark, not a test.

    .venv/bin/pip install -e '.[bench]'        # locust
    .venv/bin/python bench/load.py [--offers 100000] [--users 60] [--seconds 300]
                                   [--warmup 60] [--reuse] [--edits-per-minute 0]

Gunicorn runs with --preload, as in production (the search table is loaded once, in the
master). The measured run follows a warm-up under the same load (caches and the workers'
tables cold at its start), whose totals are printed apart; all users start at once and ask
at a fixed rate (bench/locustfile.py).

Database: postgres://postgres@127.0.0.1:5432/lotse_load (dropped and rebuilt unless
--reuse). The API rate limit is switched off (one client address sends everything) and
staff sign in without the second factor (LOTSE_REQUIRE_2FA=0) — both only for this run.
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "postgres://postgres@127.0.0.1:5432/lotse_load"
PORT = 8765
STAFF = ("last@lotse.example", "last-test-passwort-2026")


def environment() -> dict:
    return dict(
        os.environ,
        DEBUG="0",
        SECRET_KEY="load-test-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=DATABASE,
        LOTSE_REQUIRE_2FA="0",
        LOTSE_API_RATE_PER_MINUTE="0",
        SECURE_SSL_REDIRECT="0",
        LOTSE_SECURE_COOKIES="0",
        LOTSE_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def prepare(env, offers: int) -> None:
    base = DATABASE.rsplit("/", 1)[0]
    subprocess.run(
        ["psql", base + "/postgres", "-qc", "DROP DATABASE IF EXISTS lotse_load"], check=True
    )
    subprocess.run(["psql", base + "/postgres", "-qc", "CREATE DATABASE lotse_load"], check=True)
    manage(env, "migrate", "--no-input")
    started = time.perf_counter()
    manage(env, "generate_offers", str(offers), "--seed", "1")
    print(f"generated {offers} offers in {time.perf_counter() - started:.0f} s", flush=True)
    code = (
        "from lotse.accounts.models import User, Membership, Role; from lotse.regions.models import District;"
        f"u = User.objects.create_user(email={STAFF[0]!r}, password={STAFF[1]!r});"
        "Membership.objects.create(user=u, role=Role.NETWORK_COORDINATOR, district=District.objects.get(ags='13075'))"
    )
    manage(env, "shell", "-c", code)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=60, help="seconds of load before measuring")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "5")))
    parser.add_argument("--reuse", action="store_true", help="keep the database of the last run")
    parser.add_argument(
        "--edits-per-minute",
        type=float,
        default=0,
        help="a coordinator confirms this many offers a minute (each renews the search table)",
    )
    args = parser.parse_args()
    env = environment()
    if args.reuse:
        manage(env, "migrate", "--no-input")  # the kept database may predate a migration
    else:
        prepare(env, args.offers)
    manage(env, "collectstatic", "--no-input", "-v0")
    listing = manage(
        env,
        "shell",
        "-c",
        "from lotse.offers.models import Offer; print('\\n'.join(str(i) for i in Offer.objects.findable().values_list('id', flat=True)[:2000]))",
    ).stdout
    work = Path(tempfile.mkdtemp())
    (work / "ids.txt").write_text("\n".join(offer_ids(listing)), encoding="utf-8")
    listing = manage(
        env,
        "shell",
        "-c",
        "from lotse.offers.models import Offer; print('\\n'.join(str(i) for i in Offer.objects.findable().filter(district__ags='13075').values_list('id', flat=True)[:500]))",
    ).stdout
    (work / "district-ids.txt").write_text("\n".join(offer_ids(listing)), encoding="utf-8")

    server_log = open(work / "server.log", "w")  # noqa: SIM115 - closed after the run
    # A cache of its own for each run: the files of former runs (--reuse) would make every
    # write to the file cache slower, and their hits would not be this run's.
    env = dict(env, LOTSE_PUBLIC_CACHE_DIR=str(work / "cache"))
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "lotse.wsgi",
            "--workers",
            str(args.workers),
            "--preload",  # the search table is loaded once, in the master (lotse/wsgi.py)
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        load_env = dict(
            env,
            LOTSE_LOAD_OFFER_IDS=str(work / "ids.txt"),
            LOTSE_LOAD_DISTRICT_OFFER_IDS=str(work / "district-ids.txt"),
            LOTSE_LOAD_EDITS_PER_MINUTE=str(args.edits_per_minute),
            LOTSE_LOAD_STAFF_EMAIL=STAFF[0],
            LOTSE_LOAD_STAFF_PASSWORD=STAFF[1],
        )

        def locust(seconds: int, name: str) -> None:
            subprocess.run(
                [str(ROOT / ".venv/bin/locust"), "-f", str(ROOT / "bench/locustfile.py"), "--headless",
                 "--host", f"http://127.0.0.1:{PORT}", "--users", str(args.users), "--spawn-rate", str(args.users),
                 "--run-time", f"{seconds}s", "--csv", str(work / name), "--only-summary", "--loglevel", "WARNING"],
                cwd=ROOT, env=load_env, check=False, capture_output=True,
            )  # fmt: skip

        if args.warmup:
            locust(args.warmup, "warmup")  # the same load; its figures are printed apart
        log_lines_before = len((work / "server.log").read_text(encoding="utf-8").splitlines())
        locust(args.seconds, "load")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        server_log.close()
    print(
        f"{args.offers} offers, {args.workers} gunicorn workers, {args.users} users, {args.seconds} s"
        f" measured after {args.warmup} s of the same load (caches cold at its start)"
        + (f", {args.edits_per_minute:g} edits a minute" if args.edits_per_minute else "")
    )
    if args.warmup:
        print("warm-up:")
        print_stats(work / "warmup_stats.csv", only_total=True)
    print_stats(work / "load_stats.csv")
    print("(times in ms; goal: 300 req/s total, p95 < 150 ms, 0 errors)")
    print(f"public cache: {cache_hits(work / 'server.log', skip=log_lines_before)}")
    print_exceptions(work / "load_exceptions.csv")


def print_exceptions(path: Path) -> None:
    """Errors raised in the load mix itself (a task that could not run), which the request
    figures would not show."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as exceptions:
        for row in csv.DictReader(exceptions):
            print(f"exception in the load mix ({row['Count']}×): {row['Message'][:200]}")


def offer_ids(listing: str) -> list[str]:
    return [line for line in listing.splitlines() if len(line) == 36 and line.count("-") == 4]


def print_stats(path: Path, only_total: bool = False) -> None:
    print(f"{'request':40} {'count':>7} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}")
    with open(path, encoding="utf-8") as stats:
        for row in csv.DictReader(stats):
            if only_total and row["Name"] != "Aggregated":
                continue
            print(
                f"{row['Name'][:40]:40} {row['Request Count']:>7} {row['Failure Count']:>5} "
                f"{float(row['Requests/s']):7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
            )


def cache_hits(log: Path, skip: int = 0) -> str:
    """Share of public reads answered from the cache, from the app's JSON request log."""
    outcomes = Counter()
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines()[skip:]:
        if '"cache"' in line:
            outcomes[json.loads(line).get("cache")] += 1
    total = sum(outcomes.values())
    if not total:
        return "no public reads logged"
    return f"{outcomes['hit'] / total:.0%} of {total} public reads were hits"


if __name__ == "__main__":
    main()
