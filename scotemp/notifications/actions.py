"""Writes of the notifications app: notify, mark read, and outbox delivery.

Guarantees:
- :func:`notify` writes the Notification (and the OutboxEmail) in the caller's transaction: if the
  caller rolls back, neither exists and nothing is sent. It is idempotent by ``dedupe_key``, also
  under concurrency (the unique constraint decides; the loser's insert fails inside a savepoint).
- :func:`deliver_outbox` sends each pending e-mail at most once per claim: a row is claimed by a
  guarded update (``status='pending'`` → ``'sending'``), so two workers never send the same row.
  A worker that dies after claiming leaves the row in ``sending``; after :data:`STALE_AFTER` it is
  claimed again. A worker that dies after sending but before marking the row sent makes the next
  claim send it again with the same Message-ID, which receiving servers use to drop the duplicate.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import Notification, OutboxEmail, OutboxStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
STALE_AFTER = timedelta(minutes=15)  # a claim older than this belongs to a dead worker
BACKOFF_BASE = timedelta(minutes=1)  # 1, 2, 4, 8 minutes between attempts
GENERIC_TEMPLATE_PREFIX = "notifications/email/notification"


def base_url() -> str:
    return (getattr(settings, "SCOTEMP_BASE_URL", "") or "http://localhost:8000").rstrip("/")


def absolute_url(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url or base_url() + "/"
    return base_url() + (url if url.startswith("/") else "/" + url)


def notify(
    user, kind: str, params: dict, url: str, dedupe_key: str, email_template_prefix: str | None = None
):
    """Record a notification for ``user`` and, with ``email_template_prefix``, queue an e-mail.

    Call inside the transaction of the change that causes it. Returns the Notification (the
    existing one when ``dedupe_key`` was used before: a retried action notifies once). The e-mail
    is rendered at delivery time in ``user.language`` from ``<prefix>_subject.txt`` and
    ``<prefix>_message.txt`` with ``params`` plus ``url`` (absolute), ``kind``,
    ``notification_title``/``notification_body`` and ``user_name``; use
    ``notifications/email/notification`` (:data:`GENERIC_TEMPLATE_PREFIX`) for an e-mail that is
    just the notification. Delivery is enqueued when the transaction commits."""
    dedupe_key = dedupe_key[:200]
    params = params or {}
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user, kind=kind, params=params, url=url or "", dedupe_key=dedupe_key
            )
    except IntegrityError:
        return Notification.objects.get(dedupe_key=dedupe_key)
    if email_template_prefix and user.email:
        try:
            with transaction.atomic():
                OutboxEmail.objects.create(
                    user=user,
                    to=user.email,
                    template_prefix=email_template_prefix,
                    context={"kind": kind, "params": params, "url": absolute_url(url)},
                    language=user.language or settings.LANGUAGE_CODE,
                    dedupe_key=dedupe_key,
                )
        except IntegrityError:
            pass  # the e-mail of this event is already queued
        else:
            transaction.on_commit(_enqueue_delivery)
    return notification


def queue_email(user, template_prefix: str, context: dict, dedupe_key: str, to: str | None = None):
    """Queue an e-mail without an in-app notification (e.g. a digest), idempotent by ``dedupe_key``.
    Returns the OutboxEmail, existing or new. Delivery is enqueued on commit."""
    dedupe_key = dedupe_key[:200]
    try:
        with transaction.atomic():
            row = OutboxEmail.objects.create(
                user=user,
                to=to or user.email,
                template_prefix=template_prefix,
                context=context,
                language=user.language or settings.LANGUAGE_CODE,
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        return OutboxEmail.objects.get(dedupe_key=dedupe_key)
    transaction.on_commit(_enqueue_delivery)
    return row


def _enqueue_delivery():
    from .tasks import deliver_outbox_task

    try:
        deliver_outbox_task.enqueue()
    except Exception:  # the periodic command delivers it later; never fail the committed request
        log.exception("could not enqueue outbox delivery")


def mark_read(user, notification_ids) -> int:
    """Mark these notifications of ``user`` read (others' ids are ignored). Returns how many changed."""
    return Notification.objects.filter(user=user, pk__in=list(notification_ids), read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


# --- outbox delivery ---------------------------------------------------------------------------------


def message_id(row: OutboxEmail) -> str:
    """The same Message-ID for every attempt at one outbox row."""
    digest = hashlib.sha256(row.dedupe_key.encode()).hexdigest()[:20]
    sender = settings.DEFAULT_FROM_EMAIL
    domain = sender.rsplit("@", 1)[-1].strip(" >") if "@" in sender else "scotemp.local"
    return f"<outbox.{row.pk}.{digest}@{domain}>"


def render_row(row: OutboxEmail) -> tuple[str, str]:
    from scotemp.core.mail import render_email

    from .kinds import localize, render

    context = dict(row.context or {})
    params = context.get("params") or {}
    title, body = render(context.get("kind", ""), params, row.language)
    values = {
        **localize(params, row.language),
        **{k: v for k, v in context.items() if k != "params"},
        "notification_title": title,
        "notification_body": body,
        "user_name": getattr(row.user, "display_name", "") if row.user_id else "",
    }
    values = localize(values, row.language)
    return render_email(row.template_prefix, values, row.language)


def claimable(now=None):
    """Rows a worker may claim: pending and due, or stuck in ``sending`` past :data:`STALE_AFTER`."""
    now = now or timezone.now()
    due = Q(status=OutboxStatus.PENDING) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    stale = Q(status=OutboxStatus.SENDING, claimed_at__lt=now - STALE_AFTER)
    return OutboxEmail.objects.filter(due | stale)


def claim(row_id: int, now=None) -> OutboxEmail | None:
    """Claim one row by a guarded update; None if another worker has it (or it is not due)."""
    now = now or timezone.now()
    updated = (
        claimable(now)
        .filter(pk=row_id)
        .update(status=OutboxStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not updated:
        return None
    return OutboxEmail.objects.select_related("user").get(pk=row_id)


def send_row(row: OutboxEmail) -> None:
    """Render and send a claimed row, then mark it sent (or schedule a retry / mark it failed)."""
    try:
        subject, body = render_row(row)
        message = EmailMultiAlternatives(
            subject=subject, body=body, to=[row.to], headers={"Message-ID": message_id(row)}
        )
        message.send()
    except Exception as exc:
        failed = row.attempts >= MAX_ATTEMPTS
        OutboxEmail.objects.filter(pk=row.pk, status=OutboxStatus.SENDING).update(
            status=OutboxStatus.FAILED if failed else OutboxStatus.PENDING,
            next_attempt_at=None if failed else timezone.now() + BACKOFF_BASE * (2 ** (row.attempts - 1)),
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        log.warning("outbox %s attempt %s failed: %s", row.pk, row.attempts, exc)
        return
    OutboxEmail.objects.filter(pk=row.pk).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), last_error=""
    )


def deliver_outbox(limit: int = 500, now=None) -> int:
    """Send up to ``limit`` due e-mails, one claimed row at a time. Returns the number claimed.
    Safe to run in several workers at once."""
    ids = list(claimable(now).order_by("created_at", "pk").values_list("pk", flat=True)[:limit])
    done = 0
    for row_id in ids:
        row = claim(row_id, now)
        if row is None:
            continue
        send_row(row)
        done += 1
    return done
