"""Reads of events: who organizes an event, who sees it, the lists of upcoming and past events, seats
left, and times written in a reader's time zone.

Who sees what: a published (or cancelled) event is public; a draft only its organizers — platform
operators, and the secretary of the event's committee (:func:`organizes`). Anyone else gets 404."""

import datetime
import zoneinfo

from babel import dates as babel_dates
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from scotemp.core.formatting import babel_locale
from scotemp.core.permissions import bound_organization_id, is_operator

from ..choices import SEATED, EventKind, EventStatus
from ..models import B2BSession, Event, EventSession

PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)


def _personal(user) -> bool:
    """Signed in as a person: organizing is a personal power, like the operator's, which a principal
    bound to one organization (an API token) never has (ADR 0012)."""
    return bool(user and user.is_authenticated) and bound_organization_id(user) is None


def organizes(user, event: Event) -> bool:
    """Whether ``user`` runs ``event``: platform operators, and the secretary of its committee; never
    through an API token."""
    if not _personal(user):
        return False
    if is_operator(user):
        return True
    committee = event.committee
    return committee is not None and committee.secretary_id == user.pk


def organized_by(user):
    """The events ``user`` organizes (every event for operators; none through an API token)."""
    if not _personal(user):
        return Event.objects.none()
    if is_operator(user):
        return Event.objects.all()
    return Event.objects.filter(committee__secretary=user)


def can_create_events(user) -> bool:
    """Operators create events of the platform or of any committee; a secretary, of their committee."""
    if not _personal(user):
        return False
    return is_operator(user) or user.committees_as_secretary.exists()


def visible_events(user):
    """Events ``user`` may read: the public ones and those they organize."""
    if is_operator(user):
        return Event.objects.all()
    public = Q(status__in=PUBLIC_STATUSES)
    if _personal(user):
        public |= Q(committee__secretary=user)
    return Event.objects.filter(public)


def _with_counts(qs):
    return qs.select_related("committee", "city").annotate(
        seated=Count("registrations", filter=Q(registrations__status__in=SEATED), distinct=True)
    )


def event_for_viewer(user, public_id) -> Event:
    """One event ``user`` may read (404 otherwise), with its seat count."""
    event = _with_counts(visible_events(user)).filter(public_id=public_id).first()
    if event is None:
        raise Http404
    return event


def organized_event(user, public_id, *, lock: bool = False) -> Event:
    """An event ``user`` organizes. Someone who may read it but not run it gets 404 too: the
    organizer's pages do not exist for them."""
    qs = organized_by(user).select_related("committee")
    if lock:
        qs = qs.select_for_update(of=("self",))
    event = qs.filter(public_id=public_id).first()
    if event is None:
        raise Http404
    return event


def event_list(user, *, when: str = "upcoming", kind: str = "", committee: str = "", now=None):
    """Upcoming (not yet ended, soonest first) or past (latest first) events ``user`` may read,
    filtered by kind and committee slug."""
    now = now or timezone.now()
    qs = _with_counts(visible_events(user))
    if kind in EventKind.values:
        qs = qs.filter(kind=kind)
    if committee:
        qs = qs.filter(committee__slug=committee)
    if when == "past":
        return qs.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    return qs.filter(ends_at__gte=now).order_by("starts_at", "id")


def committee_events(committee, now=None) -> dict:
    """A committee's published events, for its page: upcoming (soonest first) and past (latest first)."""
    now = now or timezone.now()
    qs = _with_counts(Event.objects.filter(committee=committee, status__in=PUBLIC_STATUSES))
    return {
        "upcoming": list(qs.filter(ends_at__gte=now).order_by("starts_at")[:10]),
        "past": list(qs.filter(ends_at__lt=now).order_by("-starts_at")[:10]),
    }


def has_b2b(event: Event) -> bool:
    """Whether the event has B2B meetings (a B2B session)."""
    return B2BSession.objects.filter(event=event).exists()


def seats_taken(event: Event) -> int:
    seated = getattr(event, "seated", None)
    if seated is None:
        seated = event.registrations.filter(status__in=SEATED).count()
    return seated


def seats_left(event: Event) -> int | None:
    """Seats still free (``None``: no limit)."""
    if event.capacity is None:
        return None
    return max(event.capacity - seats_taken(event), 0)


def registration_open(event: Event, now=None) -> bool:
    now = now or timezone.now()
    return (
        event.status == EventStatus.PUBLISHED
        and event.starts_at > now
        and (event.registration_closes_at is None or event.registration_closes_at > now)
    )


def programme_by_day(event: Event, zone: str | None = None) -> list[tuple[datetime.date, list[EventSession]]]:
    """The programme grouped by day in ``zone`` (the event's time zone by default)."""
    tz = zoneinfo.ZoneInfo(zone or event.time_zone)
    days: dict[datetime.date, list[EventSession]] = {}
    for session in event.sessions.all().order_by("starts_at", "id"):
        days.setdefault(session.starts_at.astimezone(tz).date(), []).append(session)
    return sorted(days.items())


# ---- times in a reader's time zone ----


def valid_zone(value: str | None) -> str:
    """``value`` if it is an IANA time zone, else the empty string."""
    if value and value in zoneinfo.available_timezones():
        return value
    return ""


def format_when(
    value: datetime.datetime, zone: str, language: str | None = None, fmt: str = "medium", with_zone=True
) -> str:
    """A date and time as ``language`` writes it, in ``zone`` (followed by the zone's offset and name)."""
    tz = zoneinfo.ZoneInfo(zone)
    locale = babel_locale(language)
    local = value.astimezone(tz)
    # the date as the locale writes it, and the time to the minute (no seconds)
    date = babel_dates.format_date(local.date(), format=fmt, locale=locale)
    clock = babel_dates.format_time(local, format="short", tzinfo=tz, locale=locale)
    text = f"{date} {clock}"
    return f"{text} ({zone_label(zone, value, language)})" if with_zone else text


def format_time(value: datetime.datetime, zone: str, language: str | None = None) -> str:
    tz = zoneinfo.ZoneInfo(zone)
    return babel_dates.format_time(
        value.astimezone(tz), format="short", tzinfo=tz, locale=babel_locale(language)
    )


def zone_label(zone: str, at: datetime.datetime | None = None, language: str | None = None) -> str:
    """``Asia/Almaty`` → "UTC+05:00 Almaty" ("UTC+05:00 Алматы", "UTC+05:00 阿拉木图"): the offset
    at ``at`` and the zone's city named in ``language`` (the active one by default)."""
    tz = zoneinfo.ZoneInfo(zone)
    at = (at or timezone.now()).astimezone(tz)
    offset = at.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    city = zone_city(zone, language)
    label = f"UTC{sign}{hours:02d}:{mins:02d}"
    return f"{label} {city}" if city and city != "UTC" else label


def zone_city(zone: str, language: str | None = None) -> str:
    """The city that names a time zone, in ``language``: Asia/Almaty → Алматы."""
    try:
        return babel_dates.get_timezone_location(zone, locale=babel_locale(language), return_city=True)
    except (LookupError, ValueError):
        return zone


def when_in_languages(value: datetime.datetime, zone: str) -> dict[str, str]:
    """A time written in every working language (for notifications, rendered in the reader's)."""
    return {code: format_when(value, zone, code) for code in ("en", "ru", "zh-hans")}
