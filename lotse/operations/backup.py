"""Backup and restore: every table as JSON plus the uploaded files, with a manifest of row
counts and checksums, so a restore can prove it brought everything back.

    python manage.py backup DIR        -> DIR/lotse-backup-<time>/
    python manage.py restore BACKUP    -> into an empty (freshly migrated) database

Portable between SQLite and PostgreSQL (Django's serialisation, natural keys for content
types and permissions). The restore checks the archive before it touches the database and
the data after loading, in one transaction: a mismatch leaves the database as it was.
"""

from __future__ import annotations

import datetime
import decimal
import gzip
import hashlib
import io
import json
import tarfile
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from lotse.accounts.models import User
from lotse.offers.models import Offer

# Rebuilt by `migrate` (content types, permissions) or not worth keeping (sessions).
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "admin.logentry")
FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def _models():
    skipped = set(EXCLUDED)
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in skipped or label in skipped or model._meta.proxy:
            continue
        if not model._meta.managed:
            continue
        yield model


def _plain(value):
    """Values as the backup stores them: Django's JSON keeps times to the millisecond."""
    if isinstance(value, datetime.datetime | datetime.time):
        return value.isoformat(timespec="milliseconds")
    if isinstance(value, datetime.date | decimal.Decimal | uuid.UUID):
        return str(value)
    return str(value)


def table_fingerprints() -> dict[str, dict]:
    """Per model: row count and a checksum over its rows serialised in key order."""
    result = {}
    for model in _models():
        rows = model._default_manager.order_by("pk")
        digest = hashlib.sha256()
        count = 0
        for start in range(0, rows.count(), 2000):
            chunk = list(rows[start : start + 2000])
            count += len(chunk)
            rows_as_python = serializers.serialize("python", chunk, use_natural_foreign_keys=True)
            digest.update(json.dumps(rows_as_python, sort_keys=True, default=_plain).encode())
        result[model._meta.label_lower] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _migration_state() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, id")
        state: dict[str, str] = {}
        for app, name in cursor.fetchall():
            state[app] = name
    return state


def create_backup(target_dir: Path) -> Path:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    folder = Path(target_dir) / f"lotse-backup-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    data_path = folder / "data.json.gz"
    buffer = io.StringIO()
    call_command(
        "dumpdata",
        *[],
        exclude=list(EXCLUDED),
        natural_foreign=True,
        natural_primary=False,
        stdout=buffer,
    )
    with gzip.open(data_path, "wt", encoding="utf-8") as handle:
        handle.write(buffer.getvalue())
    media_path = folder / "media.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    files = 0
    with tarfile.open(media_path, "w:gz") as archive:
        if media_root.exists():
            for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
                archive.add(path, arcname=str(path.relative_to(media_root)))
                files += 1
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "migrations": _migration_state(),
        "tables": table_fingerprints(),
        "media_files": files,
        "archives": {"data.json.gz": _sha256(data_path), "media.tar.gz": _sha256(media_path)},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return folder


def _check_archives(folder: Path, manifest: dict) -> None:
    for name, expected in manifest["archives"].items():
        path = folder / name
        if not path.exists():
            raise BackupError(f"{name} fehlt in der Sicherung.")
        if _sha256(path) != expected:
            raise BackupError(f"{name} ist beschädigt (Prüfsumme stimmt nicht).")


def _user_rows_present() -> list[str]:
    """Models with rows that no migration created: a restore would mix two states."""
    return [model._meta.label_lower for model in (User, Offer) if model._default_manager.exists()]


def restore_backup(folder: Path) -> dict[str, dict]:
    folder = Path(folder)
    manifest_path = folder / "manifest.json"
    if not manifest_path.exists():
        raise BackupError("manifest.json fehlt: das ist keine Lotse-Sicherung.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError("Unbekanntes Sicherungsformat.")
    _check_archives(folder, manifest)
    if manifest["migrations"] != _migration_state():
        raise BackupError(
            "Die Sicherung stammt von einem anderen Datenbankstand (Migrationen). "
            "Bitte zuerst den passenden Programmstand einspielen."
        )
    present = _user_rows_present()
    if present:
        raise BackupError(
            "Die Datenbank ist nicht leer (" + ", ".join(present) + "). "
            "Wiederherstellen nur in eine frisch migrierte Datenbank."
        )
    with transaction.atomic():
        # Empty every table; post_migrate brings back content types and permissions, which
        # the data refers to by natural key.
        call_command("flush", interactive=False, verbosity=0)
        with gzip.open(folder / "data.json.gz", "rt", encoding="utf-8") as handle:
            text = handle.read()
        # One by one, in dumpdata's dependency order: natural keys (a membership's user by
        # e-mail) are looked up as the objects they point to are already saved.
        with connection.constraint_checks_disabled():
            for obj in serializers.deserialize("json", text):
                obj.save()
        connection.check_constraints()
        _reset_sequences()
        found = table_fingerprints()
        differing = [
            label for label, expected in manifest["tables"].items() if found.get(label) != expected
        ]
        if differing:
            raise BackupError(
                "Nach dem Laden stimmen Zeilen oder Prüfsummen nicht: " + ", ".join(differing)
            )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / "media.tar.gz", "r:gz") as archive:
        archive.extractall(media_root, filter="data")
    return found


def _reset_sequences() -> None:
    """After loading explicit keys, PostgreSQL's sequences must start above them."""
    from django.core.management.color import no_style

    models = list(_models())
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
