"""Announcing many events at once: what :func:`scotemp.core.effects.announce` and the notifications
sink do for one event, for a batch, in a fixed number of queries.

:func:`announce_many` writes, in the caller's transaction, one audit row per event (one INSERT for
all), one in-app notification per (event, notice kind, recipient) with the same ``dedupe_key`` the
sink uses (``<event key>:<kind>:<user id>``, one INSERT for all), and the e-mails of the
notifications it created (one INSERT): a recipient told once gets exactly the e-mail :func:`notify`
would have queued; a recipient told several times of the same kind gets one digest listing them, in
their language. So the guarantees are those of ``announce``: everything exists exactly when the
change committed; a key announced before (by this function or by ``announce``) notifies nobody
again, also when two transactions race (the unique key decides; the loser's rows are skipped).

E-mail delivery is enqueued on commit on the ``mail`` queue (:data:`MAIL_QUEUE`) when the task
backend has one (at the lowest priority where the backend knows priorities), so sending never holds
up the work of the ``default`` queue; otherwise on the default queue."""

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from scotemp.core.effects import Notice
from scotemp.core.mail import absolute_url, render_email
from scotemp.core.models import AuditEntry

from .actions import render_notification_email
from .kinds import render
from .models import Notification, OutboxEmail

log = logging.getLogger(__name__)

MAIL_QUEUE = "mail"
GENERIC_TEMPLATE_PREFIX = "notifications/email/notification"
DIGEST_TEMPLATE_PREFIX = "notifications/email/digest"


@dataclass(frozen=True)
class Announcement:
    """One event of a batch: the arguments of ``announce`` that a batch of events uses."""

    verb: str
    key: str
    subject: object = None
    data: dict = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()


def announce_many(
    announcements: Iterable[Announcement], *, at=None, once_per_subject: bool = False
) -> list[Notification]:
    """Record each event and notify whom it concerns (see the module docstring). Must run inside the
    caller's transaction. Returns the notifications created by this call.

    ``once_per_subject``: an event whose verb is recorded for its subject already writes no second
    audit row (a retried job; for events that happen once per subject, such as a match found)."""
    announcements = list(announcements)
    if not announcements:
        return []
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("announce_many outside a transaction: call it from inside the atomic block")
    at = at or timezone.now()
    _audit(announcements, at, once_per_subject)
    created = _notifications(announcements)
    _emails(created)
    return [notification for notification, _email in created]


def _audit(announcements, at, once_per_subject) -> None:
    types = {}
    for a in announcements:
        if a.subject is not None and type(a.subject) not in types:
            types[type(a.subject)] = ContentType.objects.get_for_model(a.subject)
    if once_per_subject:
        subjects = [a for a in announcements if a.subject is not None]
        recorded = set(
            AuditEntry.objects.filter(
                verb__in={a.verb for a in subjects},
                subject_type__in=set(types.values()),
                subject_id__in={a.subject.pk for a in subjects},
            ).values_list("verb", "subject_type_id", "subject_id")
        )
        announcements = [
            a
            for a in announcements
            if a.subject is None or (a.verb, types[type(a.subject)].pk, a.subject.pk) not in recorded
        ]
    rows = []
    for a in announcements:
        subject = a.subject
        rows.append(
            AuditEntry(
                at=at,
                verb=a.verb,
                subject_type=types[type(subject)] if subject is not None else None,
                subject_id=getattr(subject, "pk", None),
                subject_repr=str(subject)[:200] if subject is not None else "",
                data=a.data or {},
            )
        )
    AuditEntry.objects.bulk_create(rows)


def _recipients(notices) -> tuple[dict, dict]:
    """Active users by organization id and by user id, for every notice of the batch, one query."""
    org_ids = {n.organization_id for n in notices if n.organization_id is not None}
    user_ids = {n.user_id for n in notices if n.user_id is not None}
    by_org, by_id = defaultdict(list), {}
    if not org_ids and not user_ids:
        return by_org, by_id
    users = get_user_model().objects.filter(is_active=True)
    if org_ids:
        members = users.filter(memberships__organization_id__in=org_ids).values_list(
            "memberships__organization_id", "pk"
        )
        member_pks = set()
        for org_id, pk in members:
            by_org[org_id].append(pk)
            member_pks.add(pk)
        user_ids |= member_pks
    for user in users.filter(pk__in=user_ids):
        by_id[user.pk] = user
    return by_org, by_id


def _notifications(announcements) -> list[tuple[Notification, bool]]:
    """Create the notifications not created before; returns (notification, e-mail wanted)."""
    notices = [n for a in announcements for n in a.notices]
    by_org, users = _recipients(notices)
    wanted: dict[str, tuple[Notification, bool]] = {}
    for a in announcements:
        for notice in a.notices:
            pks = [notice.user_id] if notice.user_id is not None else by_org.get(notice.organization_id, [])
            for pk in sorted(pks):
                user = users.get(pk)
                if user is None or pk == notice.exclude_user_id:
                    continue
                key = f"{a.key}:{notice.kind}:{pk}"[:200]
                if key in wanted:
                    continue  # a member of both organizations is told once
                wanted[key] = (
                    Notification(
                        user=user,
                        kind=notice.kind,
                        params=notice.params,
                        url=notice.url or "",
                        dedupe_key=key,
                    ),
                    notice.email,
                )
    if not wanted:
        return []
    known = _existing(Notification, wanted)
    fresh = [value for key, value in wanted.items() if key not in known]
    try:
        with transaction.atomic():
            Notification.objects.bulk_create([n for n, _email in fresh])
    except IntegrityError:  # another transaction wrote some of these keys meanwhile: skip those
        kept = []
        for notification, email in fresh:
            notification.pk = None
            try:
                with transaction.atomic():
                    notification.save(force_insert=True)
            except IntegrityError:
                continue
            kept.append((notification, email))
        fresh = kept
    return fresh


def _existing(model, keys) -> set[str]:
    """The keys among ``keys`` that ``model`` holds already (one query)."""
    return set(model.objects.filter(dedupe_key__in=list(keys)).values_list("dedupe_key", flat=True))


def _emails(created) -> None:
    """Queue the e-mails of the notifications just created: per recipient and kind, the one e-mail
    ``notify`` writes, or one digest of several."""
    groups = defaultdict(list)
    for notification, email in created:
        if email and notification.user.email:
            groups[(notification.user.pk, notification.kind)].append(notification)
    if not groups:
        return
    rows = []
    for group in groups.values():
        user = group[0].user
        language = user.language or settings.LANGUAGE_CODE
        if len(group) == 1:
            rows.append(_single(user, group[0]))
        else:
            rows.append(_digest(user, group, language))
    known = _existing(OutboxEmail, [r.dedupe_key for r in rows])
    rows = [r for r in rows if r.dedupe_key not in known]
    if rows:
        OutboxEmail.objects.bulk_create(rows, ignore_conflicts=True)
        enqueue_mail_delivery_on_commit()


def _single(user, notification) -> OutboxEmail:
    """The e-mail ``notify(..., email_template_prefix=GENERIC_TEMPLATE_PREFIX)`` queues, rendered by
    the same function."""
    kind, params, url = notification.kind, notification.params, notification.url
    email = render_notification_email(user, kind, params, url, GENERIC_TEMPLATE_PREFIX)
    return OutboxEmail(
        user=user,
        to=user.email,
        template_prefix=GENERIC_TEMPLATE_PREFIX,
        context={"kind": kind, "params": params, "url": url},
        language=email.language,
        subject=email.subject,
        body=email.body,
        dedupe_key=notification.dedupe_key,
    )


def _digest(user, notifications, language) -> OutboxEmail:
    """One e-mail listing several notifications of one kind, in the recipient's language. Its key
    is derived from the notifications' keys: each of them is created once, so it is sent once."""
    items = []
    for n in notifications:
        title, body = render(n.kind, n.params, language)
        items.append({"title": title, "body": body, "url": absolute_url(n.url)})
    values = {
        "user_name": getattr(user, "display_name", ""),
        "items": items,
        "count": len(items),
        "first_title": items[0]["title"],
        "more": len(items) - 1,
    }
    subject, text = render_email(DIGEST_TEMPLATE_PREFIX, values, language)
    keys = sorted(n.dedupe_key for n in notifications)
    digest = hashlib.sha256("\n".join(keys).encode()).hexdigest()[:32]
    return OutboxEmail(
        user=user,
        to=user.email,
        template_prefix=DIGEST_TEMPLATE_PREFIX,
        context={"kind": notifications[0].kind, "notifications": keys},
        language=language,
        subject=subject,
        body=text,
        dedupe_key=f"digest:{notifications[0].kind}:{user.pk}:{digest}",
    )


def mail_task():
    """The outbox delivery task bound to the ``mail`` queue (lowest priority where supported), or
    as it is when the backend has no such queue."""
    from django_tasks import default_task_backend
    from django_tasks.base import TASK_MIN_PRIORITY

    from .tasks import deliver_outbox_task

    backend = default_task_backend
    if MAIL_QUEUE not in (backend.queues or ()):
        return deliver_outbox_task
    options = {"queue_name": MAIL_QUEUE}
    if backend.supports_priority:
        options["priority"] = TASK_MIN_PRIORITY
    return deliver_outbox_task.using(**options)


def enqueue_mail_delivery_on_commit() -> None:
    """Enqueue one delivery task on the mail queue when the current transaction commits (once per
    transaction however many e-mails it queued; at once outside a transaction)."""
    connection = connections[OutboxEmail.objects.db]
    pending = getattr(connection, "_bulk_mail_delivery", None)
    if pending is not None and any(callback is pending for _s, callback, *_r in connection.run_on_commit):
        return  # registered in this transaction and not run yet
    connection._bulk_mail_delivery = _enqueue_mail_delivery
    transaction.on_commit(_enqueue_mail_delivery, using=OutboxEmail.objects.db)


def _enqueue_mail_delivery() -> None:
    try:
        mail_task().enqueue()
    except Exception:  # the periodic delivery job sends it later; never fail a committed change
        log.exception("could not enqueue outbox delivery")
