"""E-mails link to the site's configured address (SCOTEMP_BASE_URL), whatever host or port the
request came in on, and allauth's e-mails greet with the platform's name in the reader's language."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from scotemp.demo.management.commands.run_demo import demo_base_url
from scotemp.notifications.actions import GENERIC_TEMPLATE_PREFIX, notify
from scotemp.notifications.models import OutboxEmail
from tests.factories import UserFactory

BASE = "https://temp.example.org"
PASSWORD = "Zt7-cargo-ledger"
GREETING = {"en": "Hello from SCO TEMP!", "ru": "Вас приветствует SCO TEMP!", "zh-hans": "SCO TEMP"}


def _no_other_host(text):
    for host in ("127.0.0.1", "localhost", "testserver", "18801"):
        assert host not in text


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_confirmation_mail_links_to_the_base_url_and_greets_with_the_platform_name(
    language, client, settings, django_capture_on_commit_callbacks
):
    settings.SCOTEMP_BASE_URL = BASE
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new.member@example.test",
                "password1": "Zt7-cargo-ledger",
                "password2": "Zt7-cargo-ledger",
            },
            HTTP_HOST="127.0.0.1:18801",
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["new.member@example.test"]
    assert message.subject.startswith("[SCO TEMP] ")
    assert GREETING[language] in message.body
    assert re.search(rf"{re.escape(BASE)}/accounts/confirm-email/\S+/", message.body)
    assert BASE in message.body.split(GREETING[language], 1)[1]  # the closing line names the site
    _no_other_host(message.subject + message.body)
    row = OutboxEmail.objects.get()
    assert row.language == language
    assert row.body == ""  # the confirmation key is not kept once the message is sent


@pytest.mark.django_db
def test_password_reset_mail_links_to_the_base_url(client, settings, django_capture_on_commit_callbacks):
    settings.SCOTEMP_BASE_URL = BASE
    user = UserFactory(email="owner@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email}, HTTP_HOST="localhost:8123")
    [message] = mail.outbox
    assert re.search(rf"{re.escape(BASE)}/accounts/password/reset/key/\S+", message.body)
    _no_other_host(message.body)


@pytest.mark.django_db
def test_notification_mail_links_to_the_base_url(settings, django_capture_on_commit_callbacks):
    settings.SCOTEMP_BASE_URL = BASE + "/"
    user = UserFactory(language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user, "message", {"title": "Заявка", "body": ""}, "/deals/", "links-1", GENERIC_TEMPLATE_PREFIX
        )
    [message] = mail.outbox
    assert f"{BASE}/deals/" in message.body
    _no_other_host(message.body)


def test_the_demo_links_to_its_own_port():
    assert demo_base_url("127.0.0.1", "18801") == "http://127.0.0.1:18801"
    assert demo_base_url("0.0.0.0", "8080") == "http://localhost:8080"
    assert demo_base_url("::", "8080") == "http://localhost:8080"


def _production_base_url(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCOTEMP_", "DJANGO_"))}
    env.update(
        SCOTEMP_MODE="production",
        SCOTEMP_VAR_DIR=str(tmp_path),
        SECRET_KEY="k3x!9vPq-7mZ_tR2wLs8YbN4cJ6hF0dG5aE1uI3oK7pQ9xV2nB8mC4zW6yT0rS",
        ALLOWED_HOSTS="temp.example.org,www.temp.example.org",
        DJANGO_SETTINGS_MODULE="config.settings",
        **extra,
    )
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.SCOTEMP_BASE_URL)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=django_settings.BASE_DIR,
    )


def test_production_base_url_defaults_to_https_on_the_first_allowed_host(tmp_path):
    result = _production_base_url(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://temp.example.org"
    result = _production_base_url(tmp_path, SCOTEMP_BASE_URL="https://trade.example.org/")
    assert result.stdout.strip() == "https://trade.example.org"
    result = _production_base_url(tmp_path, SCOTEMP_BASE_URL="trade.example.org")
    assert result.returncode != 0 and "SCOTEMP_BASE_URL" in result.stderr
