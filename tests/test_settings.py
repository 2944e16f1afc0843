"""Production configuration: `check --deploy` is clean with real values; security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent


def run_deploy_check(*command, **extra_env) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "LOTSE_REQUIRE_2FA", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "x7$Lq9!vR2#mZ8@pT4^wN6&kB1*cY3(eH5)jU0_aS-dF+gK=lP",
            "ALLOWED_HOSTS": "lotse.example",
            "DATABASE_URL": "sqlite:///" + str(ROOT / "db-deploy-check.sqlite3"),
            **extra_env,
        }
    )
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            *(command or ("check", "--deploy", "--fail-level", "WARNING")),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issue_with_real_values():
    result = run_deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_collectstatic_builds_the_hashed_manifest(tmp_path):
    """Production storage rewrites every url() and source map: a missing file fails here."""
    result = run_deploy_check("collectstatic", "--no-input", "-v0", STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()


def test_check_deploy_refuses_the_development_key_and_disabled_2fa():
    result = run_deploy_check(SECRET_KEY="", LOTSE_REQUIRE_2FA="0")
    assert result.returncode != 0
    assert "lotse.E001" in result.stderr + result.stdout
    assert "lotse.E002" in result.stderr + result.stdout


@pytest.mark.django_db
def test_every_page_has_a_strict_csp_and_security_headers(client):
    response = client.get("/landeskonzept/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_pages_carry_no_inline_script(client):
    for path in ("/", "/landeskonzept/", "/konto/anmelden/", "/impressum/"):
        content = client.get(path).content.decode()
        assert "<script>" not in content and "onclick=" not in content, path


@pytest.mark.django_db
def test_parents_get_no_cookie_on_public_pages(client):
    for path in ("/", "/landeskonzept/", "/impressum/", "/api/v1/regions/districts"):
        assert not client.get(path).cookies, path


@pytest.mark.django_db
def test_healthz_reports_app_and_database(client):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("ssl_redirect", [False, True])
def test_a_foreign_host_gets_the_german_400_page(ssl_redirect):
    """The host is refused before the session and the user are known (with the HTTPS
    redirect of production even before the session); the error page must still render, in
    German, whatever language the previous request left active."""
    translation.activate("en")
    with override_settings(
        ALLOWED_HOSTS=["lotse.example"], DEBUG=False, SECURE_SSL_REDIRECT=ssl_redirect
    ):
        response = Client(raise_request_exception=False).get("/angebote/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Ungültige Anfrage" in content and '<html lang="de"' in content
    assert "evil.example" not in content
