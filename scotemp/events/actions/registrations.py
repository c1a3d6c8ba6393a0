"""Writes of registrations: a person registers (for their active organization, or alone as e.g.
media or government), cancels; the organizer approves or declines. The capacity counts the
registrations that hold a seat (confirmed, and awaiting approval); past it, newcomers join the
waiting list, and every freed seat goes to the first person waiting, in the same transaction.

Concurrency: every action that takes or frees a seat first locks the event row
(``select_for_update``), so two people can never both take the last seat (on PostgreSQL the second
waits for the first to commit and then counts its seat; SQLite serializes writers anyway)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce
from scotemp.core.permissions import acting_organization_id, member_org_ids

from ..choices import SEATED, AttendeeType, EventStatus, RegistrationStatus
from ..models import Event, Registration
from ..queries.events import format_when, organizes, when_in_languages
from ..queries.registrations import waitlist_position
from .common import conflict, event_names

# Attendee types that come on behalf of a company: they need an organization.
NEED_ORGANIZATION = (
    AttendeeType.BUYER,
    AttendeeType.SELLER,
    AttendeeType.INVESTOR,
    AttendeeType.SERVICE_PROVIDER,
)
LIVE = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


def _organization_of(user) -> int | None:
    """The organization ``user`` registers for: the one they act for (a token's, or their active
    one), else the first they belong to; ``None`` for a person without one."""
    acting = acting_organization_id(user)
    if acting is not None:
        return acting
    ids = member_org_ids(user)
    return min(ids) if ids else None


def _lock_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def _seats_taken(event: Event) -> int:
    return event.registrations.filter(status__in=SEATED).count()


def _has_seat_free(event: Event) -> bool:
    return event.capacity is None or _seats_taken(event) < event.capacity


def check_open(event: Event, now=None) -> None:
    """Refuse a registration the event no longer takes, saying why."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event was cancelled: registration is closed."), code="cancelled")
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError(_("This event is not published yet: registration is not open."), code="draft")
    if event.starts_at <= now:
        raise ValidationError(_("This event has already started: registration is closed."), code="started")
    if event.registration_closes_at is not None and event.registration_closes_at <= now:
        closed = format_when(event.registration_closes_at, event.time_zone)
        raise ValidationError(
            _("Registration for this event closed on %(date)s.") % {"date": closed}, code="closed"
        )


def _notice(kind: str, registration: Registration, **extra) -> Notice:
    event = registration.event
    params = {
        "event": event_names(event),
        "when": when_in_languages(event.starts_at, registration.time_zone or event.time_zone),
        **extra,
    }
    return Notice(kind, params, url=event.get_absolute_url(), user_id=registration.user_id)


def _organizer_notice(registration: Registration) -> Notice | None:
    """Tell the organizer a registration waits for approval: the committee's secretary, else the
    operator who created the event."""
    event = registration.event
    recipient = event.committee.secretary_id if event.committee_id and event.committee.secretary_id else None
    recipient = recipient or event.created_by_id
    if recipient is None:
        return None
    user = registration.user
    return Notice(
        "events.registration_to_approve",
        {"event": event_names(event), "attendee": user.full_name or user.email},
        url=f"{event.get_absolute_url()}registrations/",
        user_id=recipient,
        exclude_user_id=user.pk,
    )


def _set_status(registration, status, actor, verb, notices=(), reason="", key=""):
    before = registration.status
    registration.status = status
    registration.save(update_fields=["status", "decided_at", "time_zone", "updated_at"])
    announce(
        f"registration.{verb}",
        subject=registration,
        actor=actor,
        organization=registration.organization_id,
        from_status=before,
        to_status=status,
        reason=reason,
        notices=[n for n in notices if n is not None],
        key=key,
    )


def register(
    user, event: Event, attendee_type: str, *, note: str = "", time_zone: str = "", language: str = ""
) -> Registration:
    """Register ``user`` to ``event`` for their active organization: confirmed at once, awaiting the
    organizer's approval (``requires_approval``), or on the waiting list when the event is full."""
    if not user or not user.is_authenticated:
        raise PermissionDenied(_("Sign in to register."))
    if attendee_type not in AttendeeType.values:
        raise ValidationError(
            {"attendee_type": [_("Attendee type: choose one of the list.")]}, code="invalid"
        )
    organization_id = _organization_of(user)
    if organization_id is None and attendee_type in NEED_ORGANIZATION:
        raise ValidationError(
            {
                "attendee_type": [
                    _(
                        "Attendee type: buyers, sellers, investors and service providers attend for an "
                        "organization. Register your organization first, or attend as government or media."
                    )
                ]
            },
            code="needs_organization",
        )
    note = (note or "").strip()[:2000]
    with transaction.atomic():
        event = _lock_event(event.pk)
        check_open(event)
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration is not None and registration.status in LIVE:
            raise conflict(
                _("You are already registered for this event (%(status)s).")
                % {"status": registration.get_status_display()}
            )
        if registration is not None and registration.status == RegistrationStatus.DECLINED:
            raise conflict(_("The organizer declined your registration for this event."))
        if registration is None:
            registration = Registration(event=event, user=user)
        else:  # a cancelled registration comes back, at the end of any waiting list
            registration.created_at = timezone.now()
        registration.organization_id = organization_id
        registration.attendee_type = attendee_type
        registration.note = note
        registration.time_zone = time_zone or ""
        registration.language = language or getattr(user, "language", "") or ""
        registration.checked_in_at = None
        registration.decided_at = None
        if not _has_seat_free(event):
            registration.status = RegistrationStatus.WAITLISTED
        elif event.requires_approval:
            registration.status = RegistrationStatus.PENDING
        else:
            registration.status = RegistrationStatus.CONFIRMED
            registration.decided_at = timezone.now()
        registration.full_clean(exclude=["user", "event", "organization", "checked_in_by"])
        registration.save()
        if registration.status == RegistrationStatus.WAITLISTED:
            notices = [
                _notice(
                    "events.registration_waitlisted", registration, position=waitlist_position(registration)
                )
            ]
        elif registration.status == RegistrationStatus.PENDING:
            notices = [_notice("events.registration_pending", registration), _organizer_notice(registration)]
        else:
            notices = [_notice("events.registration_confirmed", registration)]
        announce(
            "registration.created",
            subject=registration,
            actor=user,
            organization=organization_id,
            to_status=registration.status,
            notices=[n for n in notices if n is not None],
            key=f"registration:{registration.pk}:{registration.created_at.timestamp()}",
        )
    return registration


def _promote_next(event: Event, actor) -> Registration | None:
    """Give a freed seat to the first person on the waiting list (the event row is locked)."""
    if not _has_seat_free(event):
        return None
    nxt = (
        event.registrations.select_for_update()
        .filter(status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "id")
        .first()
    )
    if nxt is None:
        return None
    nxt.event = event
    status = RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.CONFIRMED
    nxt.decided_at = timezone.now() if status == RegistrationStatus.CONFIRMED else None
    _set_status(
        nxt,
        status,
        actor,
        "promoted",
        notices=[_notice("events.registration_promoted", nxt)],
        key=f"registration:{nxt.pk}:promoted:{nxt.decided_at or timezone.now()}",
    )
    return nxt


def fill_free_seats(event: Event, actor) -> list[Registration]:
    """Seat the waiting list, first come first served, while seats are free (the event row locked
    by the caller): after the organizer raised the capacity or removed the limit."""
    promoted = []
    if event.status != EventStatus.PUBLISHED or event.starts_at <= timezone.now():
        return promoted
    while (registration := _promote_next(event, actor)) is not None:
        promoted.append(registration)
    return promoted


def cancel_registration(user, registration: Registration) -> Registration:
    """The attendee withdraws; a seat they held goes to the first person waiting."""
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.user_id != user.pk:
            raise PermissionDenied(_("Only the attendee can cancel their registration."))
        if registration.status not in LIVE:
            raise conflict(_("This registration is no longer active."))
        if registration.checked_in_at is not None:
            raise conflict(_("You have already checked in; the registration can no longer be cancelled."))
        registration.event = event
        _set_status(registration, RegistrationStatus.CANCELLED, user, "cancelled")
        if event.status == EventStatus.PUBLISHED and event.starts_at > timezone.now():
            _promote_next(event, user)
    return registration


def _decide(user, registration: Registration, approve: bool, reason: str = "") -> Registration:
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        if not organizes(user, event):
            raise PermissionDenied(_("Only the organizer of this event can decide on registrations."))
        registration = Registration.objects.select_for_update().select_related("user").get(pk=registration.pk)
        registration.event = event
        reason = (reason or "").strip()[:1000]
        if approve:
            if registration.status == RegistrationStatus.WAITLISTED and not _has_seat_free(event):
                raise conflict(_("The event is full: free a seat or raise the capacity before approving."))
            if registration.status not in (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED):
                raise conflict(_("Only a registration awaiting approval can be approved."))
            registration.decided_at = timezone.now()
            _set_status(
                registration,
                RegistrationStatus.CONFIRMED,
                user,
                "approved",
                notices=[_notice("events.registration_confirmed", registration)],
                key=f"registration:{registration.pk}:approved:{registration.decided_at.timestamp()}",
            )
            return registration
        if registration.status not in (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED):
            raise conflict(_("Only a registration awaiting approval or on the waiting list can be declined."))
        held_seat = registration.status == RegistrationStatus.PENDING
        registration.decided_at = timezone.now()
        _set_status(
            registration,
            RegistrationStatus.DECLINED,
            user,
            "declined",
            notices=[_notice("events.registration_declined", registration, reason=reason)],
            reason=reason,
            key=f"registration:{registration.pk}:declined",
        )
        if held_seat:
            _promote_next(event, user)
    return registration


def approve_registration(user, registration: Registration) -> Registration:
    return _decide(user, registration, True)


def decline_registration(user, registration: Registration, reason: str = "") -> Registration:
    return _decide(user, registration, False, reason)
