"""The organizer's “Schedule” page of a B2B session: “Schedule all” (computed by the task worker; the
page shows the progress and refreshes itself until the result is in), the figures, the grid of
slots × tables, the requests left out with their reasons, locking a meeting and publishing.
Organizers only (the operator, the committee's secretary); anyone else gets 404."""

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from ..actions import scheduling as actions
from ..choices import B2BPhase, MeetingStatus
from ..queries import schedule as queries

STEPS = {
    "queued": gettext_lazy("waiting for the task worker"),
    "reading": gettext_lazy("reading requests and availability"),
    "model": gettext_lazy("building the model"),
    "select": gettext_lazy("choosing which meetings to place"),
    "weight": gettext_lazy("placing as many meetings as possible"),
    "gaps": gettext_lazy("closing idle gaps"),
    "assign": gettext_lazy("assigning tables and interpreters"),
    "storing": gettext_lazy("saving the meetings"),
    "done": gettext_lazy("done"),
}


def _zone(event):
    try:
        return zoneinfo.ZoneInfo(event.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_current_timezone()


@login_required
def schedule_page(request, public_id):
    session = queries.organized_session(request.user, public_id)
    event = session.event
    stats = dict(session.schedule_stats or {})
    computing = stats.get("state") == actions.COMPUTING
    data = queries.grid(session)
    zone = _zone(event)
    for slot in data["slots"]:
        slot.local_start = timezone.localtime(slot.starts_at, zone)
        slot.local_end = timezone.localtime(slot.ends_at, zone)
    left = queries.unscheduled(session)
    provisional = any(
        m is not None and m.status == MeetingStatus.PROVISIONAL for _slot, row in data["rows"] for m in row
    )
    context = {
        "event": event,
        "session": session,
        "stats": stats,
        "computing": computing,
        "failed": stats.get("state") == actions.FAILED,
        "step": str(STEPS.get(stats.get("progress", ""), "")),
        "grid": data,
        "unscheduled": left,
        "can_compute": session.phase in actions.SCHEDULABLE and not computing,
        "can_publish": provisional and not computing,
        "phase_open": session.phase in (B2BPhase.PROFILE, B2BPhase.REQUESTS_OPEN),
        "reasons": _reason_counts(stats),
        "time_zone": format_html('<span translate="no">{}</span>', event.time_zone),
    }
    return render(request, "events/schedule/page.html", context)


def _reason_counts(stats):
    from ..choices import UnscheduledReason

    counts = stats.get("unscheduled") or {}
    return [(UnscheduledReason(k).label, v) for k, v in counts.items() if k in UnscheduledReason.values]


def _refused(request, error):
    messages.error(request, " ".join(getattr(error, "messages", [str(error)])))


@login_required
@require_POST
def schedule_compute(request, public_id):
    session = queries.organized_session(request.user, public_id)
    try:
        actions.request_schedule(session, request.user)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(request, _("Computing the schedule. This page shows the result when it is ready."))
    return redirect("events:schedule", public_id=session.event.public_id)


@login_required
@require_POST
def schedule_publish(request, public_id):
    session = queries.organized_session(request.user, public_id)
    try:
        count = actions.publish_schedule(session, request.user)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "The final schedule is published: %(count)s meeting confirmed.",
                "The final schedule is published: %(count)s meetings confirmed.",
                count,
            )
            % {"count": count},
        )
    return redirect("events:schedule", public_id=session.event.public_id)


@login_required
@require_POST
def meeting_lock(request, public_id, meeting_id):
    session = queries.organized_session(request.user, public_id)
    meeting = queries.meeting_of(session, meeting_id)
    lock = request.POST.get("locked", "1") != "0"
    try:
        actions.set_meeting_lock(meeting, request.user, lock)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("The meeting is locked: computing again keeps it where it is.")
            if lock
            else _("The meeting is unlocked: computing again may move it."),
        )
    return redirect("events:schedule", public_id=session.event.public_id)


urlpatterns = [
    path("<uuid:public_id>/schedule/", schedule_page, name="schedule"),
    path("<uuid:public_id>/schedule/compute/", schedule_compute, name="schedule_compute"),
    path("<uuid:public_id>/schedule/publish/", schedule_publish, name="schedule_publish"),
    path("<uuid:public_id>/schedule/meetings/<uuid:meeting_id>/lock/", meeting_lock, name="meeting_lock"),
]
