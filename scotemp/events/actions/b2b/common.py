"""What every B2B action shares: refusals naming the field and the rule, conflicts, the phase and
event-status checks, who acts for which participant, and the notices both sides get.

Guarantees: a caller who may not see a row gets ``Http404`` (the queries decide); a caller who sees
it but may not make this change gets ``PermissionDenied``; a rule of the session refuses with a
``ValidationError`` keyed by the field (422 in the API), a state that changed under the caller with
``code="conflict"`` (409)."""

import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, translation
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice
from scotemp.core.permissions import is_member

from ...choices import B2BPhase, EventStatus
from ...queries.b2b.access import organizes

PHASE_ORDER = list(B2BPhase.values)


def refuse(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def conflict(message: str) -> ValidationError:
    return ValidationError(message, code="conflict")


def check_event_open(session) -> None:
    if session.event.status == EventStatus.CANCELLED:
        raise refuse("event", _("This event was cancelled: its B2B meetings are closed."), "event_cancelled")


def check_phase(session, allowed, field: str, message: str) -> None:
    check_event_open(session)
    if session.phase not in allowed:
        raise refuse(field, message % {"phase": session.get_phase_display()}, "phase_closed")


def require_organizer(user, session) -> None:
    if not organizes(user, session.event):
        raise PermissionDenied(_("Only the organizers of this event can change its B2B session."))


def require_member(user, participant) -> None:
    """``user`` acts for ``participant`` (a member of its organization)."""
    if not is_member(user, participant.organization_id):
        raise PermissionDenied(_("Only members of this participant's organization can do this."))


def participant_label(participant) -> str:
    """The participant's organization for a message read now, in the active language."""
    org = participant.organization
    return org.name_latin or org.name if translation.get_language() == "en" else org.name


def participant_name(participant) -> str:
    """The participant's organization in a notice, which every reader reads in their own language:
    its name in its own script, with the Latin name when it differs (as the deals' notices write it)."""
    org = participant.organization
    return f"{org.name} ({org.name_latin})" if org.name_latin and org.name_latin != org.name else org.name


def user_of(participant):
    return participant.registration.user


def local_time(participant, moment) -> str:
    """``moment`` in the participant's time zone (theirs, else the event's), written the same in
    every language, with the zone's offset from UTC at that moment: ``2026-12-10 14:20 (UTC+8)``,
    ``(UTC+5:30)`` (a zone's name, such as Asia/Shanghai, is English to a Chinese or Russian reader)."""
    zone = participant.time_zone or participant.session.event.time_zone
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    minutes = int(local.utcoffset().total_seconds()) // 60
    sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
    offset = f"{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")
    return f"{formats.date_format(local, 'Y-m-d H:i')} (UTC{offset})"


def notice_to(participant, kind: str, params: dict, url: str = "", exclude_user_id=None) -> Notice:
    """A notice to the participant's registered attendee (in their language, by the sink)."""
    return Notice(
        kind, params, url, user_id=participant.registration.user_id, exclude_user_id=exclude_user_id
    )
