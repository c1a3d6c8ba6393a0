"""Writes of the notifications app: notifications, the e-mail outbox and its delivery.

Every e-mail of the platform leaves through the outbox: :func:`notify` (a notification and,
optionally, its e-mail), :func:`queue_email` (an e-mail from templates) and :func:`queue_message`
(an e-mail already rendered, e.g. allauth's). Each writes its row in the caller's transaction, so
an e-mail exists exactly when the change that caused it committed, rendered at once in the
recipient's language; delivery is enqueued when the transaction commits. Each is idempotent by
``dedupe_key``, also under concurrency (the unique constraint decides; the loser's insert fails
inside a savepoint): a retried action queues its e-mail once. Delivery and its guarantee:
:mod:`.delivery`.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from scotemp.core.mail import absolute_url, base_url, render_email

from ..kinds import localize, render
from ..models import Notification, OutboxEmail
from .delivery import deliver_outbox

__all__ = [
    "GENERIC_TEMPLATE_PREFIX",
    "RenderedEmail",
    "absolute_url",
    "base_url",
    "deliver_outbox",
    "mark_all_read",
    "mark_read",
    "notify",
    "queue_email",
    "queue_message",
    "render_notification_email",
]

log = logging.getLogger(__name__)

GENERIC_TEMPLATE_PREFIX = "notifications/email/notification"


@dataclass(frozen=True)
class RenderedEmail:
    """A notification's e-mail rendered for one recipient (see :func:`render_notification_email`)."""

    template_prefix: str
    language: str
    subject: str
    body: str


def render_notification_email(user, kind: str, params: dict, url: str, template_prefix: str) -> RenderedEmail:
    """The e-mail :func:`notify` queues for ``user``, rendered in ``user.language``: a pure function of
    its arguments, so it can be rendered before the transaction that stores it."""
    language = user.language or settings.LANGUAGE_CODE
    params = params or {}
    title, body = render(kind, params, language)
    context = {
        **params,
        "kind": kind,
        "url": absolute_url(url),
        "notification_title": title,
        "notification_body": body,
    }
    values = localize(context, language)
    values.setdefault("user_name", getattr(user, "display_name", ""))
    subject, text = render_email(template_prefix, values, language)
    return RenderedEmail(template_prefix, language, subject, text)


def notify(
    user,
    kind: str,
    params: dict,
    url: str,
    dedupe_key: str,
    email_template_prefix: str | None = None,
    *,
    email: RenderedEmail | None = None,
):
    """Record a notification for ``user`` and, with ``email_template_prefix``, queue an e-mail.

    Call inside the transaction of the change that causes it. Returns the Notification (the
    existing one when ``dedupe_key`` was used before: a retried action notifies once). The e-mail
    is rendered in ``user.language`` from ``<prefix>_subject.txt`` and ``<prefix>_message.txt``
    with ``params`` plus ``url`` (absolute), ``kind``, ``notification_title``/``notification_body``
    and ``user_name``; use :data:`GENERIC_TEMPLATE_PREFIX` for an e-mail that is just the
    notification. ``email``: that e-mail already rendered (:func:`render_notification_email`, e.g.
    before the transaction), stored as it is."""
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
        # Rendered here unless it was ahead (then the notification is new, so its e-mail almost surely
        # is too, and _store settles a clash); an e-mail queued before is not rendered again.
        if email is None and OutboxEmail.objects.filter(dedupe_key=dedupe_key).exists():
            return notification
        email = email or render_notification_email(user, kind, params, url, email_template_prefix)
        _store(
            user=user,
            to=user.email,
            template_prefix=email.template_prefix,
            language=email.language,
            subject=email.subject,
            body=email.body,
            dedupe_key=dedupe_key,
            erase_when_sent=False,
            record={"kind": kind, "params": params, "url": url or ""},
        )
    return notification


def queue_email(
    user,
    template_prefix: str,
    context: dict,
    dedupe_key: str,
    to: str | None = None,
    language: str | None = None,
    erase_when_sent: bool = False,
) -> OutboxEmail:
    """Queue an e-mail without an in-app notification, rendered now from ``<prefix>_subject.txt``
    and ``<prefix>_message.txt`` with ``context`` (values may be dicts keyed by language code).

    ``user`` may be None (e.g. an invitation to an address without an account): then ``to`` is
    required and ``language`` says in which language to write (default: the site's). Set
    ``erase_when_sent`` when the body carries a secret (a one-time link or code): the body is erased
    once the message is sent. Idempotent by ``dedupe_key``: returns the OutboxEmail, existing or new."""
    to = to or (user.email if user is not None else "")
    if not to:
        raise ValueError("queue_email needs a recipient: a user with an e-mail address, or to=")
    if not language and user is not None:
        language = user.language
    language = language or settings.LANGUAGE_CODE
    return _queue(
        user=user,
        to=to,
        template_prefix=template_prefix,
        context=context,
        language=language,
        dedupe_key=dedupe_key,
        erase_when_sent=erase_when_sent,
    )


def queue_message(
    to: str,
    subject: str,
    body: str,
    dedupe_key: str,
    *,
    user=None,
    language: str = "",
    template_prefix: str = "",
    erase_when_sent: bool = False,
) -> OutboxEmail:
    """Queue an e-mail that is already rendered. Idempotent by ``dedupe_key``."""
    return _store(
        user=user,
        to=to,
        template_prefix=template_prefix,
        language=language or settings.LANGUAGE_CODE,
        subject=subject,
        body=body,
        dedupe_key=dedupe_key,
        erase_when_sent=erase_when_sent,
        record={},
    )


def _queue(*, user, to, template_prefix, context, language, dedupe_key, record=None, erase_when_sent=False):
    if OutboxEmail.objects.filter(dedupe_key=dedupe_key[:200]).exists():
        return OutboxEmail.objects.get(dedupe_key=dedupe_key[:200])  # queued before: nothing to render
    values = localize(dict(context or {}), language)
    if user is not None:
        values.setdefault("user_name", getattr(user, "display_name", ""))
    subject, body = render_email(template_prefix, values, language)
    return _store(
        user=user,
        to=to,
        template_prefix=template_prefix,
        language=language,
        subject=subject,
        body=body,
        dedupe_key=dedupe_key,
        erase_when_sent=erase_when_sent,
        record=record or {},
    )


def _store(*, user, to, template_prefix, language, subject, body, dedupe_key, erase_when_sent, record):
    dedupe_key = dedupe_key[:200]
    try:
        with transaction.atomic():
            row = OutboxEmail.objects.create(
                user=user,
                to=to,
                template_prefix=template_prefix,
                context=record,
                language=language,
                subject=subject,
                body=body,
                erase_when_sent=erase_when_sent,
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        return OutboxEmail.objects.get(dedupe_key=dedupe_key)  # the e-mail of this event is queued
    enqueue_delivery_on_commit()
    return row


def enqueue_delivery_on_commit() -> None:
    """Enqueue one delivery task when the current transaction commits (once per transaction, however
    many e-mails it queued; at once outside a transaction)."""
    connection = connections[OutboxEmail.objects.db]
    pending = getattr(connection, "_outbox_delivery", None)
    if (
        pending is not None
        and not pending.done
        and any(callback is pending for _, callback, _ in connection.run_on_commit)
    ):
        return  # already registered in this transaction and not run yet
    callback = _DeliveryOnCommit()
    connection._outbox_delivery = callback
    transaction.on_commit(callback, using=OutboxEmail.objects.db)


class _DeliveryOnCommit:
    def __init__(self):
        self.done = False

    def __call__(self):
        self.done = True
        _enqueue_delivery()


# The delivery task this process enqueued last: while it waits in the queue, no other is needed.
_waiting_delivery: tuple[str, type, str] | None = None  # (backend alias, backend class, result id)


def _enqueue_delivery():
    """Enqueue a delivery task, unless the one this process enqueued last is still waiting.

    A task that has not started yet reads the due rows only once it runs, so it sends every row
    committed before it started, this transaction's included (this runs after the commit). One task
    waits in the queue however fast messages arrive, instead of one task row per message (on
    SQLite a second write transaction per request, and a task per e-mail for the worker)."""
    global _waiting_delivery
    from django_tasks import TaskResultStatus

    from ..tasks import deliver_outbox_task

    try:
        backend = deliver_outbox_task.get_backend()
        if (
            _waiting_delivery is not None
            and _waiting_delivery[:2] == (backend.alias, type(backend))
            and _still_waiting(backend, _waiting_delivery[2])
        ):
            return
        result = deliver_outbox_task.enqueue()
        _waiting_delivery = (
            (backend.alias, type(backend), result.id) if result.status == TaskResultStatus.READY else None
        )
    except Exception:  # the periodic command delivers it later; never fail the committed request
        _waiting_delivery = None
        log.exception("could not enqueue outbox delivery")


def _still_waiting(backend, result_id: str) -> bool:
    """Whether the task ``result_id`` is still in the queue, not started."""
    from django_tasks import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist
    from django_tasks_db.backend import DatabaseBackend

    if isinstance(backend, DatabaseBackend):  # one indexed read, not the whole task row rebuilt
        from django_tasks_db.models import DBTaskResult

        connection = connections[DBTaskResult.objects.db]
        table, pk = DBTaskResult._meta.db_table, DBTaskResult._meta.pk
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {connection.ops.quote_name(table)} WHERE id = %s AND status = %s",
                [pk.get_db_prep_value(pk.to_python(result_id), connection), TaskResultStatus.READY],
            )
            return cursor.fetchone() is not None
    from django_tasks_rq.backend import RQBackend

    if isinstance(backend, RQBackend):  # the job's status field, not the whole job fetched and unpickled
        import django_rq
        from rq.job import Job, JobStatus

        status = django_rq.get_connection().hget(Job.key_for(result_id), "status")
        waiting = {JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED}
        return status is not None and status.decode() in waiting
    try:
        return backend.get_result(result_id).status == TaskResultStatus.READY
    except TaskResultDoesNotExist:
        return False


def mark_read(user, notification_ids) -> int:
    """Mark these notifications of ``user`` read (others' ids are ignored). Returns how many changed."""
    return Notification.objects.filter(user=user, pk__in=list(notification_ids), read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
