"""allauth's e-mails (address confirmation, password reset, sign-in codes, account notices) through the
platform's outbox, like every other e-mail: rendered at once in the active language, greeted with the
platform's name (not the host the request came in on) and linking to ``SCOTEMP_BASE_URL``."""

import uuid
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from scotemp.core.mail import base_url, render_email


def current_site() -> SimpleNamespace:
    """What allauth's templates call ``current_site``: the platform's name in the active language and
    the site's public address."""
    return SimpleNamespace(name=str(settings.SCOTEMP_PLATFORM_NAME), domain=urlsplit(base_url()).netloc)


def rebased(value, request_root: str):
    """A link that allauth built on the request's address, moved onto ``SCOTEMP_BASE_URL``."""
    if request_root and isinstance(value, str) and value.startswith(request_root):
        return f"{base_url()}/{value[len(request_root) :]}"
    return value


def queue_account_email(template_prefix: str, email: str, context: dict, request=None):
    """Queue one of allauth's e-mails. Each carries a fresh key or code, so each is its own message;
    its body is erased once sent."""
    from scotemp.notifications.actions import queue_message

    if request is None:
        from allauth.core import context as allauth_context

        request = allauth_context.request
    language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        site = current_site()
    request_root = request.build_absolute_uri("/") if request is not None else ""
    values = {key: rebased(value, request_root) for key, value in context.items()}
    values.update(email=email, current_site=site, base_url=base_url())
    subject, body = render_email(template_prefix, values, language)
    user = values.get("user")
    return queue_message(
        email,
        f"[{site.name}] {subject}",
        body,
        f"account:{uuid.uuid4().hex}",
        user=user if isinstance(user, get_user_model()) and user.pk else None,
        language=language,
        template_prefix=template_prefix,
        erase_when_sent=True,
    )
