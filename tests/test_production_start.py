"""The production start as the README gives it: gunicorn with --preload and whitenoise, on a
migrated database, DEBUG=0. A real server process on a free port of the loopback."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, **headers: str) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("production")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "production-start-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{work / 'lotse.sqlite3'}",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "LOTSE_PUBLIC_CACHE_DIR": str(work / "cache"),
        "WEB_CONCURRENCY": "2",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def manage(*args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=300,
            capture_output=True,
        )  # fmt: skip

    manage("migrate", "--no-input")
    manage("generate_offers", "60", "--seed", "2")
    manage("collectstatic", "--no-input")
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "lotse.wsgi", "--preload",
         "--workers", env["WEB_CONCURRENCY"], "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer /healthz")
        yield base, work
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_app_and_its_database_answer(server):
    base, _work = server
    status, headers, body = get(base + "/healthz")
    assert status == 200 and '"database": "ok"' in body
    assert len(headers["X-Request-ID"]) == 32


def test_parents_search_is_served_and_then_cached_for_all_workers(server):
    base, work = server
    first = get(base + "/angebote/?where=Greifswald&age=12")
    assert first[0] == 200 and "Angebote" in first[2]
    assert "default-src 'self'" in first[1]["Content-Security-Policy"]
    assert "Set-Cookie" not in first[1]
    assert any((work / "cache").iterdir())  # kept in files, shared by both workers
    for _ in range(4):  # whichever worker answers
        assert get(base + "/angebote/?where=Greifswald&age=12")[2] == first[2]


def test_static_files_come_from_whitenoise_with_hashed_names(server):
    base, _work = server
    page = get(base + "/")[2]
    stylesheet = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert stylesheet.startswith("/static/") and stylesheet.count(".") >= 2  # name.hash.css
    status, headers, _body = get(base + stylesheet)
    assert status == 200 and "max-age" in headers["Cache-Control"]


def test_errors_are_german_pages(server):
    base, _work = server
    status, _headers, body = get(base + "/gibt-es-nicht/")
    assert status == 404 and "nicht gefunden" in body.lower()


# Attacks of a penetration test, replayed against the production server: each answers with
# a 4xx or a clean page, and changes nothing another visitor sees.


def test_a_foreign_host_gets_400_not_a_server_error(server):
    base, _work = server
    status, _headers, body = get(base + "/", Host="evil.example")
    assert status == 400 and "Ungültige Anfrage" in body


def test_a_path_naming_another_site_links_only_to_this_one(server):
    base, _work = server
    status, _headers, body = get(base + "//evil.example/")
    assert status == 404
    assert "//evil.example" not in body.replace(base, "")


def test_a_forged_host_and_scheme_do_not_poison_the_open_api(server):
    base, _work = server
    forged = get(base + "/api/hsds/", Host="127.0.0.1:6666", **{"X-Forwarded-Proto": "https"})
    assert forged[0] == 200 and "6666" not in forged[2]
    status, _headers, body = get(base + "/api/hsds/")
    assert status == 200 and "6666" not in body
    assert '"profile": "http://127.0.0.1:8000/' in body.replace('":"', '": "')
