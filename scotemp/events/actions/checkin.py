"""Check-in at the door: staff of the organizer scan (or type) a badge's code; the attendee is checked
in once. A second scan changes nothing and says when they were checked in."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import announce

from ..choices import RegistrationStatus
from ..models import Event, Registration
from ..queries.events import organizes


@dataclass(frozen=True)
class CheckIn:
    registration: Registration
    already: bool  # checked in earlier: nothing changed


def badge_code(text: str) -> str:
    """The badge token from what was scanned or typed: the token itself, or the check-in URL that
    the QR code holds (its last path segment)."""
    text = (text or "").strip()
    if "/" in text:
        text = [part for part in text.split("?")[0].split("/") if part][-1] if text.strip("/") else ""
    return text[:40]


def refused(message: str, code: str) -> ValidationError:
    """A refusal on the ``code`` field that keeps its reason's code."""
    return ValidationError({"code": ValidationError(message, code=code)})


def check_in(user, event: Event, code: str) -> CheckIn:
    """Check in the attendee whose badge carries ``code`` at ``event``."""
    if not organizes(user, event):
        raise PermissionDenied(_("Only the organizer's staff can check attendees in."))
    token = badge_code(code)
    if not token:
        raise refused(_("Badge code: scan the badge or type its code."), "required")
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "user", "organization")
            .filter(badge_token=token)
            .first()
        )
        if registration is None:
            raise refused(_("Badge code: no badge has this code."), "unknown")
        if registration.event_id != event.pk:
            message = _("Badge code: this badge is for another event, “%(event)s”.")
            raise refused(message % {"event": registration.event.title}, "other_event")
        if registration.checked_in_at is not None:
            return CheckIn(registration, already=True)
        if registration.status != RegistrationStatus.CONFIRMED:
            message = _("Badge code: this registration is not confirmed (%(status)s).")
            raise refused(message % {"status": registration.get_status_display()}, "not_confirmed")
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = user
        registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        announce(
            "registration.checked_in",
            subject=registration,
            actor=user,
            organization=registration.organization_id,
            data={"event": event.pk},
        )
    return CheckIn(registration, already=False)
