"""Platform-wide background tasks. Task code is backend-agnostic: the same functions run on the
database backend (django-tasks-db, the default) and on RQ/Redis (django-tasks-rq, when REDIS_URL
is set)."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(to: list[str], subject: str, body: str, html_body: str = "") -> int:
    """Send one e-mail; returns the number of messages sent (0 or 1). Arguments are JSON-safe so the
    task can be stored by either backend. Retrying after a failure may send it again: callers that
    need exactly-once use an outbox row (see notifications, later)."""
    message = EmailMultiAlternatives(subject=subject.strip(), body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()
