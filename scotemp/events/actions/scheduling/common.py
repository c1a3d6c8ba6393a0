"""What every step of “Schedule all” shares: the phases it runs in, its states, who may."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ...choices import B2BPhase, EventStatus
from ...models import B2BSession
from ...queries.events import organizes

SCHEDULABLE = (B2BPhase.REQUESTS_CLOSED, B2BPhase.PROVISIONAL, B2BPhase.FINAL)
DEFAULT_TIME_LIMIT = 55.0  # seconds: within the minute on two cores, model and storing included
COMPUTING, DONE, FAILED = "computing", "done", "failed"


def _conflict(message: str) -> ValidationError:
    return ValidationError(message, code="conflict")


def check_can_schedule(session: B2BSession, by) -> None:
    event = session.event
    if not organizes(by, event):
        raise PermissionDenied(_("Only the organizers of this event compute its schedule."))
    if event.status == EventStatus.CANCELLED:
        raise _conflict(_("This event was cancelled: its meetings are no longer scheduled."))
    if session.phase not in SCHEDULABLE:
        raise _conflict(
            _("Close the meeting requests before computing the schedule (the phase is now “%(phase)s”).")
            % {"phase": session.get_phase_display()}
        )
