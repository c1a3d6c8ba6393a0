"""Every e-mail of the platform, rendered in Russian and in Chinese, holds no platform-written English:
each notification kind declared in the apps' notices.py (sent with the notification e-mail), the
invitation and the saved-search digest, and allauth's account e-mails (address confirmation, password
reset, sign-in code, two-factor notices) as the platform sends them.

Values that users write (names, titles) are filled with non-Latin text, so only the platform's
own words can be English; user-agent strings and addresses are the reader's data, not ours."""

import datetime
import re
from pathlib import Path

import allauth
import pytest
from django.utils import translation

from tests.english import english_in_text

LANGUAGES = ["ru", "zh-hans"]
USER_VALUE = "Жеңіс"  # what a user wrote: a name, goods, a reason
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

# allauth's e-mails the platform sends (WebAuthn is not enabled: MFA_SUPPORTED_TYPES).
ALLAUTH_EMAILS = sorted(
    f"{folder}/email/{path.name.removesuffix('_message.txt')}"
    for folder in ("account", "mfa")
    for path in (Path(allauth.__file__).parent / "templates" / folder / "email").glob("*_message.txt")
    if not path.name.startswith(("webauthn", "base"))
)


def _kind_params(kind) -> dict:
    names = set(PLACEHOLDER.findall(str(kind.title))) | set(PLACEHOLDER.findall(str(kind.body or "")))
    return {name: (3 if name == "count" else USER_VALUE) for name in names}


def _check(findings, label, subject, body):
    for finding in english_in_text(f"{subject}\n{body}", user_texts=[USER_VALUE, "Mozilla/5.0 (X11)"]):
        findings.append(f"{label}: {finding}")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_notification_emails_have_no_english(language):
    from scotemp.core import registry
    from scotemp.core.mail import absolute_url, render_email
    from scotemp.notifications.actions import GENERIC_TEMPLATE_PREFIX
    from scotemp.notifications.kinds import render

    registry.autodiscover()
    assert len(registry.KINDS) > 20
    findings = []
    for name, kind in sorted(registry.KINDS.items()):
        params = _kind_params(kind)
        title, body = render(name, params, language)
        context = {
            **params,
            "kind": name,
            "url": absolute_url("/deals/"),
            "notification_title": title,
            "notification_body": body,
            "user_name": USER_VALUE,
        }
        subject, text = render_email(GENERIC_TEMPLATE_PREFIX, context, language)
        _check(findings, name, subject, text)

    invitation = {
        "inviter": {"display_name": USER_VALUE, "email": "aigerim@astyk.kz"},
        "organization": {"name": USER_VALUE},
        "platform_name": "SCO TEMP",
        "role": USER_VALUE,
        "link": absolute_url("/invitations/abc/"),
        "expires_at": datetime.date(2026, 12, 10),
    }
    _check(findings, "invitation", *render_email("accounts/email/invitation", invitation, language))
    digest = {
        "user_name": USER_VALUE,
        "count": 3,
        "more": 2,
        "search_name": USER_VALUE,
        "leads": [
            {"title": USER_VALUE, "hs_code": "100199", "origin": "KZ", "url": absolute_url("/leads/x/")}
        ],
        "url": absolute_url("/leads/?q=x"),
        "manage_url": absolute_url("/leads/saved/"),
    }
    digest_email = render_email("trade/email/saved_search_digest", digest, language)
    _check(findings, "saved search digest", *digest_email)
    assert not findings, f"{len(findings)} English texts in {language} e-mails:\n" + "\n".join(findings)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_account_emails_have_no_english(language, aigerim):
    from scotemp.accounts.emails import queue_account_email

    assert len(ALLAUTH_EMAILS) > 10
    context = {
        "user": aigerim,
        "activate_url": "https://temp.example.org/accounts/confirm-email/KEY/",
        "password_reset_url": "https://temp.example.org/accounts/password/reset/key/KEY/",
        "code": "7Q4K2M",
        "key": "KEY",
        "email": aigerim.email,
        "from_email": "old@astyk.kz",
        "to_email": aigerim.email,
        "deleted_email": "old@astyk.kz",
        "signup_url": "https://temp.example.org/accounts/signup/",
        "ip": "203.0.113.7",
        "user_agent": "Mozilla/5.0 (X11)",
        "timestamp": datetime.datetime(2026, 12, 3, 10, 0, tzinfo=datetime.UTC),
    }
    aigerim.full_name = USER_VALUE
    findings = []
    for prefix in ALLAUTH_EMAILS:
        with translation.override(language):
            row = queue_account_email(prefix, aigerim.email, context)
        _check(findings, prefix, row.subject, row.body)
    assert not findings, f"{len(findings)} English texts in {language} e-mails:\n" + "\n".join(findings)
