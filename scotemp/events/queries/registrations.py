"""Reads of registrations. A registration is seen by the person who made it, the members of its
organization and the event's organizers; anyone else gets 404."""

from django.db.models import Count, Q
from django.http import Http404

from ..choices import AttendeeType, RegistrationStatus
from ..models import Registration
from .events import organized_by

ACTIVE = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


def visible_registrations(user):
    """Registrations ``user`` may read: their own, their organization's, those of events they run."""
    if not user or not user.is_authenticated:
        return Registration.objects.none()
    mine = Q(user=user) | Q(pk__in=Registration.objects.member_of(user).values("pk"))
    mine |= Q(event__in=organized_by(user).values("pk"))
    return Registration.objects.filter(mine).select_related("event", "user", "organization")


def registration_for_viewer(user, public_id) -> Registration:
    registration = visible_registrations(user).filter(public_id=public_id).first()
    if registration is None:
        raise Http404
    return registration


def own_registration(user, public_id) -> Registration:
    """A registration ``user`` made themselves (to cancel it); 404 otherwise."""
    if not user or not user.is_authenticated:
        raise Http404
    registration = Registration.objects.select_related("event").filter(user=user, public_id=public_id).first()
    if registration is None:
        raise Http404
    return registration


def registration_of(user, event) -> Registration | None:
    """``user``'s registration to ``event`` (whatever its status), if any."""
    if not user or not user.is_authenticated:
        return None
    return Registration.objects.filter(user=user, event=event).first()


def my_registrations(user, *, active_only: bool = False):
    """``user``'s own registrations, soonest event first."""
    if not user or not user.is_authenticated:
        return Registration.objects.none()
    qs = Registration.objects.filter(user=user).select_related("event", "event__city", "organization")
    if active_only:
        qs = qs.filter(status__in=ACTIVE)
    return qs.order_by("event__starts_at", "id")


def event_registrations(event, status: str = ""):
    """An event's registrations for its organizers, in order of arrival (optionally of one status)."""
    qs = event.registrations.select_related("user", "organization", "organization__country")
    if status in RegistrationStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("created_at", "id")


def counts_by_type(event) -> list[dict]:
    """Per attendee type: registrations confirmed, awaiting approval and waitlisted."""
    rows = {
        row["attendee_type"]: row
        for row in event.registrations.values("attendee_type").annotate(
            confirmed=Count("id", filter=Q(status=RegistrationStatus.CONFIRMED)),
            pending=Count("id", filter=Q(status=RegistrationStatus.PENDING)),
            waitlisted=Count("id", filter=Q(status=RegistrationStatus.WAITLISTED)),
            checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        )
    }
    out = []
    for value, label in AttendeeType.choices:
        row = rows.get(value, {})
        out.append(
            {
                "type": value,
                "label": label,
                "confirmed": row.get("confirmed", 0),
                "pending": row.get("pending", 0),
                "waitlisted": row.get("waitlisted", 0),
                "checked_in": row.get("checked_in", 0),
            }
        )
    return out


def waitlist_position(registration) -> int | None:
    """1 for the first person on the waiting list."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    earlier = registration.event.registrations.filter(status=RegistrationStatus.WAITLISTED).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, id__lt=registration.id)
    )
    return earlier.count() + 1


def badge_holder(event, token: str):
    """The registration of ``event`` whose badge carries ``token`` (``None`` if none)."""
    return event.registrations.select_related("user", "organization").filter(badge_token=token[:40]).first()
