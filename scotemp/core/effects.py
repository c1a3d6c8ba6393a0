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

An action that wants its transaction short hands its notices to :func:`prepare` before it opens the
transaction: each sink that registered a ``prepare`` function reads and renders ahead (the
notifications app: the recipients and their e-mails), and ``announce`` then only writes. What a
sink prepared is what it delivers: a member who joins between ``prepare`` and the commit is not
told of that step, as if they had joined a moment later.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation

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
    # What sinks read and rendered ahead, as (sink, result) pairs (see :func:`prepare`).
    prepared: tuple = field(default=(), compare=False, repr=False)

    def __post_init__(self):
        if (self.organization_id is None) == (self.user_id is None):
            raise ValueError("a Notice goes to one organization or to one user")

    def prepared_for(self, sink, default=None):
        """What ``sink`` prepared for this notice (``default`` when nothing was)."""
        return next((result for owner, result in self.prepared if owner is sink), default)


def per_language(text) -> dict[str, str]:
    """A notice param that reads differently per language, as params keep it: ``{"en": …, "ru": …,
    "zh-hans": …}``, of which the reader's is picked when the notice is shown or e-mailed. ``text`` is
    a lazy translated text, or a function rendering one under the active language (a date, a list
    of lines). Params are stored once, in no reader's language: a text rendered in the acting
    user's language would reach every other reader in it."""
    values = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values[code] = str(text() if callable(text) else text)
    return values


@dataclass(frozen=True)
class Event:
    verb: str
    entry: AuditEntry
    notices: Sequence[Notice] = field(default_factory=tuple)
    key: str = ""


_SINKS: list[Callable[[Event], None]] = []
_PREPARERS: dict[Callable[[Event], None], Callable[[Notice], object]] = {}


def register_sink(sink: Callable[[Event], None], prepare: Callable[[Notice], object] | None = None) -> None:
    """Register ``sink`` for every announced event; ``prepare`` (optional) reads and renders for one
    notice ahead of the transaction, and the sink finds its result with ``notice.prepared_for(sink)``."""
    if sink not in _SINKS:
        _SINKS.append(sink)
    if prepare is not None:
        _PREPARERS[sink] = prepare


def prepare(notices: Iterable[Notice]) -> tuple[Notice, ...]:
    """The ``notices`` with what every sink can read and render before the transaction (call it
    before ``transaction.atomic()``, pass the result to :func:`announce`): on SQLite the write lock is
    held from the transaction's first statement to its commit, so whatever is done ahead of it is
    time no other writer waits for."""
    out = []
    for notice in notices:
        ready = tuple((sink, make(notice)) for sink, make in _PREPARERS.items())
        out.append(replace(notice, prepared=ready) if ready else notice)
    return tuple(out)


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
