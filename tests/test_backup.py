"""Backup and restore end to end: a demo database into an empty one, proven by row counts
and checksums of every table; a damaged or misplaced restore changes nothing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(database: Path, media: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(media),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def fingerprints(database: Path, media: Path) -> dict:
    code = "from lotse.operations.backup import table_fingerprints; import json; print(json.dumps(table_fingerprints()))"
    result = manage(database, media, "shell", "-c", code)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def backup(tmp_path_factory):
    base = tmp_path_factory.mktemp("backup")
    source, media = base / "source.sqlite3", base / "media"
    (media / "networks" / "minutes").mkdir(parents=True)
    (media / "networks" / "minutes" / "protokoll.pdf").write_bytes(b"%PDF-1.4 demo")
    for command in (["migrate", "--no-input"], ["seed_demo"]):
        result = manage(source, media, *command)
        assert result.returncode == 0, result.stderr[-2000:]
    result = manage(source, media, "backup", str(base / "out"))
    assert result.returncode == 0, result.stderr[-2000:]
    folder = next((base / "out").iterdir())
    return base, folder, fingerprints(source, media)


def test_restore_into_an_empty_database_brings_back_every_row(backup):
    base, folder, expected = backup
    target, media = base / "target.sqlite3", base / "restored-media"
    assert manage(target, media, "migrate", "--no-input").returncode == 0
    result = manage(target, media, "restore", str(folder))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "geprüft" in result.stdout
    assert fingerprints(target, media) == expected
    assert expected["offers.offer"]["rows"] >= 400 and expected["networks.meeting"]["rows"] > 0
    assert (media / "networks" / "minutes" / "protokoll.pdf").read_bytes() == b"%PDF-1.4 demo"
    manifest = json.loads((folder / "manifest.json").read_text())
    source_files = sorted(
        p.relative_to(base / "media") for p in (base / "media").rglob("*") if p.is_file()
    )
    assert (
        manifest["media_files"] == len(source_files) > 1
    )  # the minutes and the demo's FB III decisions
    assert sorted(p.relative_to(media) for p in media.rglob("*") if p.is_file()) == source_files
    assert manifest["tables"] == expected


def test_a_damaged_backup_or_a_used_database_is_refused(backup, tmp_path):
    base, folder, _expected = backup
    target, media = tmp_path / "used.sqlite3", tmp_path / "media"
    assert manage(target, media, "migrate", "--no-input").returncode == 0
    someone = "from lotse.accounts.models import User; User.objects.create_user('x@example.org')"
    assert manage(target, media, "shell", "-c", someone).returncode == 0
    used = manage(target, media, "restore", str(folder))
    assert used.returncode != 0 and "nicht leer" in used.stderr

    broken = tmp_path / "broken"
    broken.mkdir()
    for item in folder.iterdir():
        (broken / item.name).write_bytes(item.read_bytes())
    with (broken / "data.json.gz").open("ab") as handle:
        handle.write(b"x")
    empty = tmp_path / "empty.sqlite3"
    assert manage(empty, media, "migrate", "--no-input").returncode == 0
    before = fingerprints(empty, media)
    damaged = manage(empty, media, "restore", str(broken))
    assert damaged.returncode != 0 and "beschädigt" in damaged.stderr
    assert fingerprints(empty, media) == before


def test_fingerprints_compare_times_as_the_backup_keeps_them():
    """Django's JSON keeps milliseconds; a time with 523 µs comes back with 0 µs."""
    import datetime

    from lotse.operations.backup import _plain

    stored = datetime.datetime(2026, 3, 4, 10, 0, 0, 523, tzinfo=datetime.UTC)
    restored = stored.replace(microsecond=0)
    assert _plain(stored) == _plain(restored) == "2026-03-04T10:00:00.000+00:00"
