"""The one seam for side effects: an action announces what happened, once, inside its transaction.

    announce(
        "deal.status_changed",
        subject=deal, actor=user, organization=acting_org,
        from_status="negotiating", to_status="signed", reason=reason,
        notices=[Notice("deals.status", params, url, organization_id=deal.seller_id)],
        key=f"deal:{deal.pk}:status:{event_no}",
    )

writes one :class:`~scotemp.core.models.AuditEntry` and hands the event to every registered sink:
the notifications app turns each :class:`Notice` into an in-app notification for every active member
of the organization (or the one user) and an outbox e-mail (and, later, webhook deliveries). All of it
is written in the caller's transaction, so it exists exactly when the change committed; a sink that
has something to deliver enqueues that work on commit. ``key`` makes the notices idempotent: a
retried action that announces the same key again notifies nobody twice.

Sinks register in their app's ``ready()`` with :func:`register_sink`; this module imports no app.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .models import AuditEntry


@dataclass(frozen=True)
class Notice:
    """Tell someone: every active member of ``organization_id``, or the user ``user_id``."""

    kind: str
    params: dict
    url: str = ""
    organization_id: int | None = None
    user_id: int | None = None
    email: bool = True
    exclude_user_id: int | None = None  # e.g. the actor, who knows already

    def __post_init__(self):
        if (self.organization_id is None) == (self.user_id is None):
            raise ValueError("a Notice goes to one organization or to one user")


@dataclass(frozen=True)
class Event:
    verb: str
    entry: AuditEntry
    notices: Sequence[Notice] = field(default_factory=tuple)
    key: str = ""


_SINKS: list[Callable[[Event], None]] = []


def register_sink(sink: Callable[[Event], None]) -> None:
    if sink not in _SINKS:
        _SINKS.append(sink)


def announce(
    verb: str,
    *,
    subject=None,
    actor=None,
    organization=None,
    from_status: str = "",
    to_status: str = "",
    reason: str = "",
    data: dict | None = None,
    notices: Iterable[Notice] = (),
    key: str = "",
    at=None,
) -> AuditEntry:
    """Record what happened and notify whom it concerns. Must run inside the action's transaction."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError(
            f"announce({verb!r}) outside a transaction: call it from inside the action's atomic block"
        )
    entry = AuditEntry.objects.create(
        at=at or timezone.now(),
        verb=verb,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=getattr(subject, "pk", None),
        subject_repr=str(subject)[:200] if subject is not None else "",
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organization_id=getattr(organization, "pk", organization),
        from_status=from_status or "",
        to_status=to_status or "",
        reason=(reason or "")[:500],
        data=data or {},
    )
    event = Event(verb=verb, entry=entry, notices=tuple(notices), key=key or f"audit:{entry.pk}")
    for sink in _SINKS:
        sink(event)
    return entry


def history(subject):
    """The audit entries of one object, oldest first."""
    return AuditEntry.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    ).select_related("actor", "organization")
