"""Send e-mail after the current transaction commits, rendered in the recipient's language."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


def render_email(template_prefix: str, context: dict, language: str | None) -> tuple[str, str]:
    """Render ``<prefix>_subject.txt`` and ``<prefix>_message.txt`` in ``language``."""
    with translation.override(language or translation.get_language()):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        body = render_to_string(f"{template_prefix}_message.txt", context)
    return subject, body


def send_templated_email_on_commit(
    to: str, template_prefix: str, context: dict, language: str | None
) -> None:
    """Queue the e-mail once the surrounding transaction commits (nothing is sent if it rolls back)."""
    subject, body = render_email(template_prefix, context, language)
    transaction.on_commit(lambda: send_email.enqueue(to=[to], subject=subject, body=body))
