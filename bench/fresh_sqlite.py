"""A benchmark's own SQLite database: prepared by `manage.py` commands in a subprocess,
then Django set up on it in the calling process (bench/concept_pdf.py, grant_pdf.py,
reach.py)."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def set_up_django(name: str, commands: list[list[str]], **settings: str) -> None:
    """Create `<name>.sqlite3` in a new temporary folder, run `commands` on it with the
    environment variables `settings`, and set Django up in this process on the same
    database (and settings)."""
    database = Path(tempfile.mkdtemp()) / f"{name}.sqlite3"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{database}", **settings)
    env.setdefault("ALLOWED_HOSTS", "*")
    for command in commands:
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True
        )
        if done.returncode:
            raise SystemExit(done.stderr.decode()[-3000:])
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    import django

    django.setup()
