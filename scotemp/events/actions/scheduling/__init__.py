"""“Schedule all”: the organizer computes a B2B session's whole schedule, then publishes it.

:func:`request_schedule` marks the session as computing and enqueues :func:`compute_schedule` (the
task worker runs it; a test backend at once); :func:`compute_schedule` builds the scheduler's
:class:`~scotemp.events.scheduling.Problem` from the rows, solves it outside any transaction, then
stores the result in one: the previous provisional meetings of the scheduler are cancelled (their
:class:`SlotHold` rows released), the new ones created with their holds, each accepted request's
``unscheduled_reason`` written (cleared when met), the figures kept in ``session.schedule_stats``,
and the participants whose meetings changed told. A meeting that is locked, confirmed (published or
booked by the two sides) or placed by the organizer is kept as it is: the solver sees it as locked.
:func:`publish_schedule` confirms the provisional meetings and moves the phase to final.

A booking made while the solver ran wins: the unique constraints on the holds refuse the scheduler's
conflicting meeting, which is then left out (its request marked busy)."""

from .common import COMPUTING, DEFAULT_TIME_LIMIT, DONE, FAILED, SCHEDULABLE, check_can_schedule
from .problem import build_problem, keeps
from .steps import compute_schedule, publish_schedule, request_schedule, set_meeting_lock
from .store import store_solution

__all__ = [
    "COMPUTING",
    "DEFAULT_TIME_LIMIT",
    "DONE",
    "FAILED",
    "SCHEDULABLE",
    "build_problem",
    "check_can_schedule",
    "compute_schedule",
    "keeps",
    "publish_schedule",
    "request_schedule",
    "set_meeting_lock",
    "store_solution",
]
