"""The background worker: a long import killed in the middle (SIGKILL, a real process)
leaves the database as it was and runs again to the end; the scheduler enqueues each
daily job once a day."""

import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
import zoneinfo
from pathlib import Path

import pytest
from django.core import mail

from lotse.offers.tests.samples import hsds_service, venue
from lotse.operations import schedule
from lotse.operations.models import ScheduledRun

ROOT = Path(__file__).resolve().parent.parent
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
RECORDS = 400


def environment(database: Path) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "LOTSE_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
    }


def manage(database: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(database),
        capture_output=True,
        text=True,
        timeout=300,
    )


def query(database: Path, sql: str):
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def task_statuses(database: Path) -> list[str]:
    return [
        row[0]
        for row in query(
            database, "SELECT status FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at"
        )
    ]


def worker(database: Path) -> subprocess.Popen:
    """The worker itself (no autoreloader parent, which would outlive a kill of its child)."""
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ],
        cwd=ROOT,
        env=environment(database),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(process: subprocess.Popen) -> None:
    """SIGTERM (the worker finishes its task), then SIGKILL: no worker outlives the test."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wait_for(condition, *, seconds: float = 120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_killing_the_worker_mid_import_changes_nothing_and_the_job_runs_again(tmp_path):
    database = tmp_path / "worker.sqlite3"
    assert manage(database, "migrate", "--no-input").returncode == 0
    records = []
    for number in range(RECORDS):
        record = hsds_service(
            name=f"Café {number}", service_at_locations=[venue((54.0 + number / 10000, 13.3))]
        )
        record["organization"] = {
            **record["organization"],
            "id": str(uuid.uuid4()),
            "name": f"Träger {number}",
        }
        records.append(record)
    upload = tmp_path / "angebote.json"
    upload.write_text(json.dumps(records), encoding="utf-8")
    before = query(database, "SELECT COUNT(*) FROM offers_offer")[0][0]

    assert manage(database, "import_hsds", str(upload), "--im-hintergrund").returncode == 0
    running = worker(database)
    try:
        assert wait_for(lambda: task_statuses(database) == ["RUNNING"]), task_statuses(database)
        time.sleep(1.0)  # well inside the import (about 10 ms per record)
        running.send_signal(signal.SIGKILL)
        running.wait(timeout=30)
    finally:
        stop(running)
    time.sleep(1.0)  # nothing may land later either: no process is left to commit
    assert query(database, "SELECT COUNT(*) FROM offers_offer")[0][0] == before
    assert query(database, "SELECT COUNT(*) FROM offers_organization")[0][0] == 0
    assert task_statuses(database) == ["RUNNING"]  # the killed attempt: never finished

    assert manage(database, "import_hsds", str(upload), "--im-hintergrund").returncode == 0
    second = worker(database)
    try:
        assert wait_for(lambda: "SUCCESSFUL" in task_statuses(database)), task_statuses(database)
    finally:
        stop(second)
    assert query(database, "SELECT COUNT(*) FROM offers_offer")[0][0] == before + RECORDS


@pytest.mark.django_db
def test_scheduler_enqueues_each_daily_job_once_a_day(world):
    morning = datetime.datetime(2026, 11, 25, 7, 0, tzinfo=BERLIN)
    mail.outbox.clear()
    assert schedule.due(morning) == [job.name for job in schedule.JOBS]
    assert schedule.due(morning + datetime.timedelta(hours=3)) == []
    assert set(ScheduledRun.objects.values_list("last_run_on", flat=True)) == {morning.date()}
    early = datetime.datetime(2026, 11, 26, 3, 0, tzinfo=BERLIN)
    assert schedule.due(early) == []  # before every job's time
    assert schedule.due(early + datetime.timedelta(hours=4)) == [job.name for job in schedule.JOBS]


def test_production_uses_the_database_queue():
    code = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    env = {k: v for k, v in os.environ.items() if k not in ("LOTSE_TASK_BACKEND", "DEBUG")}
    env.update(
        {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "lotse.example",
            "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
        }
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'lotse.settings'); django.setup(); {code}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend", result.stderr[-1500:]
