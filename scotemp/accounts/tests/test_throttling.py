"""Sign-in throttling: failed passwords are counted in a cache every process shares, and using them up
never locks the owner out, who signs in with a code sent by e-mail."""

import json
import os
import re
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory

THROTTLED = "Too many failed password attempts for this account"

# Runs in a separate Python process: posts the sign-in form and prints what each attempt got.
ATTEMPTS_SCRIPT = f"""
import json, os
from django.core.cache import caches
from django.test import Client

outcomes = []
for _ in range(int(os.environ["ATTEMPTS"])):
    client = Client(REMOTE_ADDR=os.environ["CLIENT_IP"])
    form = {{"login": os.environ["LOGIN"], "password": os.environ["PASSWORD"]}}
    response = client.post("/accounts/login/", form)
    if {THROTTLED!r} in response.content.decode():
        outcomes.append("throttled")
    else:
        outcomes.append("signed in" if response.status_code == 302 else "wrong password")
print(json.dumps({{"backend": type(caches["default"]).__name__, "outcomes": outcomes}}))
"""


def database_env() -> dict:
    """Environment variables that point another process at the test database."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return {"SQLITE_PATH": db["NAME"], "DATABASE_URL": ""}
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return {"DATABASE_URL": f"postgres://{user}{password}@{host}{port}/{db['NAME']}"}


def run_process(args: list[str], tmp_path, **variables) -> subprocess.CompletedProcess:
    """``manage.py ARGS`` in a process of its own, configured as a site without Redis (demo mode)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY"}}
    env.update(
        SCOTEMP_MODE="demo",
        SCOTEMP_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="config.settings",
        REDIS_URL="",
        LOG_LEVEL="ERROR",
        **database_env(),
        **variables,
    )
    result = subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    return result


def attempts_in_new_process(tmp_path, *, login, password, times, ip) -> dict:
    result = run_process(
        ["shell", "-c", ATTEMPTS_SCRIPT],
        tmp_path,
        LOGIN=login,
        PASSWORD=password,
        ATTEMPTS=str(times),
        CLIENT_IP=ip,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_failed_passwords_are_counted_across_processes_and_restarts(tmp_path):
    """Three web processes (or one restarted twice) share one count: five wrong passwords in all,
    from different addresses, and the sixth attempt is refused, the right password included."""
    owner = UserFactory(email="owner@example.test")
    run_process(["createcachetable"], tmp_path)

    first = attempts_in_new_process(
        tmp_path, login=owner.email, password="wrong-1", times=3, ip="203.0.113.1"
    )
    assert first["backend"] == "DatabaseCache"
    assert first["outcomes"] == ["wrong password"] * 3

    second = attempts_in_new_process(
        tmp_path, login=owner.email, password="wrong-2", times=3, ip="203.0.113.2"
    )
    assert second["outcomes"] == ["wrong password", "wrong password", "throttled"]

    # A new process (a restart) still knows the count: even the right password is refused for now.
    third = attempts_in_new_process(
        tmp_path, login=owner.email, password=DEFAULT_PASSWORD, times=1, ip="203.0.113.3"
    )
    assert third["outcomes"] == ["throttled"]


def test_production_settings_share_the_cache_between_processes():
    """Outside the test suite the cache is the database's, or Redis when REDIS_URL is set; never a
    per-process memory cache (the suite's own cache is memory unless REDIS_URL is set)."""
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    base.update(
        SCOTEMP_MODE="production",
        SECRET_KEY="k3x!9vPq-7mZ_tR2wLs8YbN4cJ6hF0dG5aE1uI3oK7pQ9xV2nB8mC4zW6yT0rS",
        ALLOWED_HOSTS="temp.example.org",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    backends = {}
    for redis_url in ("", "redis://127.0.0.1:6379/0"):
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {script}"],
            env={**base, "REDIS_URL": redis_url},
            capture_output=True,
            text=True,
            timeout=60,
            cwd=settings.BASE_DIR,
        )
        assert result.returncode == 0, result.stderr
        backends[redis_url] = result.stdout.strip()
    assert backends[""] == "django.core.cache.backends.db.DatabaseCache"
    assert backends["redis://127.0.0.1:6379/0"] == "scotemp.core.rediscache.RedisCache"


def sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def login_code_from_mail(email) -> str:
    message = [m for m in mail.outbox if m.to == [email]][-1]
    # allauth's mail puts the code on a line of its own.
    codes = [
        line.strip() for line in message.body.splitlines() if re.fullmatch(r"[A-Z0-9-]{6,9}", line.strip())
    ]
    assert codes, message.body
    return codes[-1]


def sign_in_by_code(client, email, on_commit):
    """Ask for a code (the e-mail leaves once the request's transaction commits) and type it in."""
    with on_commit(execute=True):
        response = client.post(reverse("account_request_login_code"), {"email": email})
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(reverse("account_confirm_login_code"), {"code": login_code_from_mail(email)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_owner_signs_in_by_code_after_an_attacker_used_up_the_password_attempts(
    aigerim, django_capture_on_commit_callbacks
):
    attacker_ips = ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
    for attempt in range(8):
        attacker = Client(REMOTE_ADDR=attacker_ips[attempt % 3])
        sign_in(attacker, aigerim.email, f"guess-{attempt}")

    owner = Client(REMOTE_ADDR="192.0.2.10")
    refused = sign_in(owner, aigerim.email, DEFAULT_PASSWORD)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert THROTTLED in page
    assert "sign in now with a code sent to your e-mail address" in page
    assert reverse("account_request_login_code") in page  # the button that says how
    assert signed_in_user_id(owner) is None

    response = sign_in_by_code(owner, aigerim.email, django_capture_on_commit_callbacks)
    assert response["Location"] == settings.LOGIN_REDIRECT_URL
    assert signed_in_user_id(owner) == str(aigerim.pk)


@pytest.mark.django_db
def test_owner_on_the_attackers_network_gets_a_way_in_from_the_429_page(
    aigerim, django_capture_on_commit_callbacks
):
    """Thirty attempts a minute from one address close the sign-in form to that address (429); the page
    offers the code, which the owner on the same network (same address) can still use."""
    shared_ip = "203.0.113.77"
    for attempt in range(30):
        sign_in(Client(REMOTE_ADDR=shared_ip), aigerim.email, f"guess-{attempt}")

    owner = Client(REMOTE_ADDR=shared_ip)
    response = sign_in(owner, aigerim.email, DEFAULT_PASSWORD)
    assert response.status_code == 429
    assert "script-src 'self'" in response["Content-Security-Policy"]
    page = response.content.decode()
    assert "sign in now with a code sent to your e-mail address" in page
    assert 'data-testid="login-code-link"' in page
    assert reverse("account_request_login_code") in page

    sign_in_by_code(owner, aigerim.email, django_capture_on_commit_callbacks)
    assert signed_in_user_id(owner) == str(aigerim.pk)


@pytest.mark.django_db
def test_the_throttled_message_is_translated(aigerim):
    client = Client(REMOTE_ADDR="198.51.100.9", HTTP_ACCEPT_LANGUAGE="ru")
    for attempt in range(6):
        response = sign_in(client, aigerim.email, f"guess-{attempt}")
    page = response.content.decode()
    assert 'lang="ru"' in page
    assert "Пришлите мне код для входа" in page  # the button, from allauth's own catalogue


@pytest.mark.django_db
def test_a_sign_in_code_still_asks_operators_for_their_second_factor(
    operator, django_capture_on_commit_callbacks
):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=operator, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client = Client(REMOTE_ADDR="192.0.2.20")
    response = sign_in_by_code(client, operator.email, django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None
