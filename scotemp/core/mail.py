"""E-mail helpers shared by every app: the site's address for links, and rendering a templated
e-mail in a given language. E-mails are sent through the outbox of the notifications app
(``notifications.actions.queue_email``/``notify``), never directly."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def base_url() -> str:
    """The site's public address without a trailing slash (``SCOTEMP_BASE_URL``)."""
    return settings.SCOTEMP_BASE_URL.rstrip("/")


def absolute_url(url: str) -> str:
    """``url`` made absolute on :func:`base_url` (absolute URLs are returned unchanged)."""
    if not url or url.startswith(("http://", "https://")):
        return url or base_url() + "/"
    return base_url() + (url if url.startswith("/") else "/" + url)


def render_email(template_prefix: str, context: dict, language: str | None) -> tuple[str, str]:
    """Render ``<prefix>_subject.txt`` and ``<prefix>_message.txt`` in ``language``."""
    with translation.override(language or translation.get_language()):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        body = render_to_string(f"{template_prefix}_message.txt", context)
    return subject, body
