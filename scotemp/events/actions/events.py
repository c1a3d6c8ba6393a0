"""Writes of events and their programme: the organizer (an operator, or the secretary of the event's
committee) creates, edits, publishes and cancels an event and its programme sessions.

Every action checks the organizer (``PermissionDenied`` otherwise; pages and the API fetch the event
through :func:`~scotemp.events.queries.events.organized_event` first, so outsiders see 404), runs in
one transaction and announces each status change once."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce
from scotemp.core.permissions import is_operator

from ..choices import EventStatus, RegistrationStatus
from ..models import Event, EventSession
from ..queries.events import organizes, when_in_languages
from .common import conflict, event_names
from .registrations import fill_free_seats

LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
TRANSLATED = ("title", "description", "venue")
EVENT_FIELDS = (
    "kind",
    "committee",
    "starts_at",
    "ends_at",
    "time_zone",
    "city",
    "online_url",
    "capacity",
    "requires_approval",
    "registration_closes_at",
    *(f"{name}_{code}" for name in TRANSLATED for code in ("en", "ru", "zh_hans")),
)
SESSION_FIELDS = (
    "starts_at",
    "ends_at",
    "room",
    "online_url",
    "speakers",
    "language",
    "interpretation",
    *(f"{name}_{code}" for name in ("title", "description") for code in ("en", "ru", "zh_hans")),
)


def _require_organizer(user, event: Event) -> None:
    if not organizes(user, event):
        raise PermissionDenied(_("Only the organizer of this event can change it."))


def _check_committee(user, committee) -> None:
    if is_operator(user):
        return
    if committee is None or committee.secretary_id != user.pk:
        raise ValidationError(
            {"committee": [_("Committee: choose the committee of which you are the secretary.")]},
            code="not_secretary",
        )


def _title_from(values: dict, prefix: str) -> str:
    return next(
        (
            values.get(f"{prefix}_{code}")
            for code in ("en", "ru", "zh_hans")
            if values.get(f"{prefix}_{code}")
        ),
        "",
    )


def _check_event_values(values: dict) -> None:
    errors: dict[str, list[str]] = {}
    if not _title_from(values, "title"):
        errors["title_en"] = [_("Title: write it in at least one language.")]
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if starts and ends and ends < starts:
        errors["ends_at"] = [_("Ends: choose a time after the start.")]
    closes = values.get("registration_closes_at")
    if closes and starts and closes > starts:
        errors["registration_closes_at"] = [_("Registration closes: choose a time before the event starts.")]
    capacity = values.get("capacity")
    if capacity is not None and capacity < 1:
        errors["capacity"] = [_("Capacity: enter at least 1 seat, or leave it empty for no limit.")]
    if errors:
        raise ValidationError(errors, code="invalid")


NULLABLE = {"capacity", "city", "committee", "registration_closes_at", "starts_at", "ends_at"}


def _apply(instance, values: dict, fields) -> None:
    for name in fields:
        if name in values:
            value = values[name]
            if value is None and name not in NULLABLE:
                value = ""
            setattr(instance, name, value.strip() if isinstance(value, str) else value)
    # The untranslated columns (what the admin lists, and ``__str__``) hold the first language
    # given. Written past modeltranslation's descriptor, which would put the text into the reader's
    # language instead.
    for name in TRANSLATED:
        if any(f"{name}_{code}" in values for code in ("en", "ru", "zh_hans")):
            instance.__dict__[name] = _title_from(values, name)


@transaction.atomic
def create_event(user, values: dict) -> Event:
    """A new draft event (published with :func:`publish_event`)."""
    if not user or not user.is_authenticated:
        raise PermissionDenied(_("Sign in to create an event."))
    _check_committee(user, values.get("committee"))
    _check_event_values(values)
    event = Event(
        created_by=user, status=EventStatus.DRAFT, starts_at=values["starts_at"], ends_at=values["ends_at"]
    )
    _apply(event, values, EVENT_FIELDS)
    event.full_clean(exclude=["city", "committee", "created_by"])
    event.save()
    announce("event.created", subject=event, actor=user, to_status=event.status)
    return event


@transaction.atomic
def update_event(user, event: Event, values: dict) -> Event:
    event = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
    _require_organizer(user, event)
    if event.status == EventStatus.CANCELLED:
        raise conflict(_("This event was cancelled; it can no longer be changed."))
    if "committee" in values:
        _check_committee(user, values.get("committee"))
    merged = {name: getattr(event, name) for name in EVENT_FIELDS if hasattr(event, name)}
    merged.update(values)
    _check_event_values(merged)
    moved = "starts_at" in values and values["starts_at"] != event.starts_at
    _apply(event, values, EVENT_FIELDS)
    event.full_clean(exclude=["city", "committee", "created_by"])
    event.save()
    if moved:  # a new date: everyone is reminded again the day before it
        event.registrations.filter(reminded_at__isnull=False).update(reminded_at=None)
    announce("event.updated", subject=event, actor=user)
    fill_free_seats(event, user)  # a raised capacity (or none) seats the waiting list, in order
    return event


@transaction.atomic
def publish_event(user, event: Event) -> Event:
    event = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
    _require_organizer(user, event)
    if event.status != EventStatus.DRAFT:
        raise conflict(_("Only a draft can be published."))
    event.status = EventStatus.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    announce(
        "event.published", subject=event, actor=user, from_status=EventStatus.DRAFT, to_status=event.status
    )
    return event


@transaction.atomic
def cancel_event(user, event: Event, reason: str = "") -> Event:
    """Cancel the event and tell every registrant who still held a registration."""
    event = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
    _require_organizer(user, event)
    if event.status == EventStatus.CANCELLED:
        raise conflict(_("This event is already cancelled."))
    reason = (reason or "").strip()[:2000]
    before = event.status
    event.status = EventStatus.CANCELLED
    event.cancelled_reason = reason
    event.save(update_fields=["status", "cancelled_reason", "updated_at"])
    notices = []
    live = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    for registration in event.registrations.filter(status__in=live).select_related("user"):
        notices.append(
            Notice(
                "events.event_cancelled",
                {
                    "event": event_names(event),
                    "when": when_in_languages(event.starts_at, registration.time_zone or event.time_zone),
                    "reason": reason,
                },
                url=event.get_absolute_url(),
                user_id=registration.user_id,
            )
        )
    announce(
        "event.cancelled",
        subject=event,
        actor=user,
        from_status=before,
        to_status=event.status,
        reason=reason,
        notices=notices,
        key=f"event:{event.pk}:cancelled",
    )
    return event


# ---- programme sessions ----


def _check_session_values(event: Event, values: dict) -> None:
    errors: dict[str, list[str]] = {}
    if not _title_from(values, "title"):
        errors["title_en"] = [_("Title: write it in at least one language.")]
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if starts and ends and ends <= starts:
        errors["ends_at"] = [_("Ends: choose a time after the start.")]
    if starts and (starts < event.starts_at or starts > event.ends_at):
        errors["starts_at"] = [_("Starts: the session must take place during the event.")]
    elif ends and ends > event.ends_at:
        errors["ends_at"] = [_("Ends: the session must end by the end of the event.")]
    language = (values.get("language") or "").strip().lower()
    if not LANGUAGE_CODE.match(language):
        errors["language"] = [_("Language: enter a two-letter ISO 639-1 code such as zh, ru or en.")]
    codes = [c.strip().lower() for c in (values.get("interpretation") or "").split(",") if c.strip()]
    if any(not LANGUAGE_CODE.match(c) for c in codes):
        errors["interpretation"] = [
            _("Interpretation into: enter two-letter ISO 639-1 codes separated by commas, such as ru, en.")
        ]
    if errors:
        raise ValidationError(errors, code="invalid")
    values["language"] = language
    values["interpretation"] = ", ".join(dict.fromkeys(codes))


@transaction.atomic
def save_session(user, event: Event, values: dict, session: EventSession | None = None) -> EventSession:
    """Add a programme session to ``event`` or change ``session``."""
    event = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
    _require_organizer(user, event)
    if event.status == EventStatus.CANCELLED:
        raise conflict(_("This event was cancelled; it can no longer be changed."))
    values = dict(values)
    _check_session_values(event, values)
    session = session or EventSession(event=event)
    _apply(session, values, SESSION_FIELDS)
    session.save()
    announce("event.programme_changed", subject=event, actor=user, data={"session": session.pk})
    return session


@transaction.atomic
def delete_session(user, session: EventSession) -> None:
    event = Event.objects.select_for_update(of=("self",)).get(pk=session.event_id)
    _require_organizer(user, event)
    session_id = session.pk
    session.delete()
    announce("event.programme_changed", subject=event, actor=user, data={"deleted": session_id})
