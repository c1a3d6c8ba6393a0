"""Settings fail loudly outside demo/test mode, and production settings pass `check --deploy`."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "SCOTEMP_MODE": "production",
    "SECRET_KEY": "k3x!9vPq-7mZ_tR2wLs8YbN4cJ6hF0dG5aE1uI3oK7pQ9xV2nB8mC4zW6yT0rS",
    "ALLOWED_HOSTS": "temp.example.org",
}


def run_manage(*args, env_overrides, tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "SCOTEMP_MODE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_overrides)
    env["SCOTEMP_VAR_DIR"] = str(tmp_path)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY is not set"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS is not set"),
    ],
)
def test_production_refuses_to_start_without(missing, message, tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run_manage("check", env_overrides=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_any_host(tmp_path):
    env = {**PRODUCTION, "ALLOWED_HOSTS": "temp.example.org,*"}
    result = run_manage("check", env_overrides=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS contains '*'" in result.stderr
    assert "Set ALLOWED_HOSTS to the comma-separated host names" in result.stderr


@pytest.mark.parametrize(
    "weak_key",
    [
        "k3x!9vPq-7mZ_tR2wLs8YbN4cJ6hF0dG5aE1uI3oK7pQ9xV2n",  # 49 characters
        "abcd" * 20,  # 80 characters, 4 distinct
        "django-insecure-" + PRODUCTION["SECRET_KEY"],  # Django's marker of a generated dev key
    ],
)
def test_production_refuses_a_weak_secret_key(weak_key, tmp_path):
    result = run_manage("check", env_overrides={**PRODUCTION, "SECRET_KEY": weak_key}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr
    assert "Set SECRET_KEY (or SECRET_KEY_FILE)" in result.stderr
    assert weak_key not in result.stderr  # the message never shows the key


def test_a_key_at_django_s_minimum_is_accepted(tmp_path):
    key = PRODUCTION["SECRET_KEY"][:50]
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={**PRODUCTION, "SECRET_KEY": key},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr


def test_production_refuses_debug(tmp_path):
    result = run_manage("check", env_overrides={**PRODUCTION, "DEBUG": "1"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DEBUG is on in production mode" in result.stderr


def test_secret_file_is_read(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text(PRODUCTION["SECRET_KEY"] + "\n")
    env = {**PRODUCTION, "SECRET_KEY": "", "SECRET_KEY_FILE": str(secret)}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "extra",
    [{}, {"BEHIND_TLS_PROXY": "1"}],
    ids=["plain", "behind-proxy"],
)
def test_check_deploy_has_no_warnings(extra, tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={**PRODUCTION, **extra},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_behind_the_proxy_sign_in_limits_count_the_client_address(tmp_path):
    script = "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    direct = run_manage("shell", "-c", script, env_overrides=PRODUCTION, tmp_path=tmp_path)
    proxied = run_manage(
        "shell", "-c", script, env_overrides={**PRODUCTION, "BEHIND_TLS_PROXY": "1"}, tmp_path=tmp_path
    )
    last_lines = (direct.stdout.strip().splitlines()[-1:], proxied.stdout.strip().splitlines()[-1:])
    assert last_lines == (["0"], ["1"]), direct.stderr + proxied.stderr


@pytest.mark.django_db
def test_sqlite_is_configured_for_concurrent_writers():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite-specific")
    from django.db import connection

    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 20000
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
