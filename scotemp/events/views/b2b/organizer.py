"""The organizer's B2B pages: set up the session (slot length and caps, time slots, tables and booths,
interpreters, the phase), see every request and meeting, the per-table agenda (page and PDF), and
place, move, lock or unlock a meeting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...actions import b2b as actions
from ...agenda_pdf import tables_pdf as make_tables_pdf
from ...choices import MeetingStatus, RequestStatus
from ...forms.b2b import InterpreterForm, PhaseForm, SessionForm, SlotsForm, TablesForm, split_codes
from ...models import B2BSession
from ...queries.b2b import access
from ...queries.b2b.agenda import table_agendas, zone_of
from .common import attempt, language_of


def _context(event, session, **forms):
    context = {"event": event, "session": session, "view": {"organizer": True}, **forms}
    if session is not None:
        zone = zone_of(None, session)
        context["zone"] = str(zone)
        context["slots"] = [
            (s, s.starts_at.astimezone(zone), s.ends_at.astimezone(zone)) for s in session.slots.all()
        ]
        context["tables"] = list(session.tables.all())
        context["interpreters"] = list(session.interpreters.all())
        context["participants"] = list(session.participants.select_related("organization__country"))
        requests = session.requests.select_related("requester__organization", "recipient__organization")
        context["requests"] = list(requests.exclude(status=RequestStatus.CANCELLED))
        context["accepted"] = sum(1 for r in context["requests"] if r.status == RequestStatus.ACCEPTED)
        placed = set(
            session.meetings.exclude(status=MeetingStatus.CANCELLED).values_list("request_id", flat=True)
        )
        context["unplaced"] = [
            r for r in context["requests"] if r.status == RequestStatus.ACCEPTED and r.pk not in placed
        ]
        context["meetings"] = list(
            session.meetings.exclude(status=MeetingStatus.CANCELLED).select_related(
                "slot",
                "table",
                "interpreter",
                "request__requester__organization",
                "request__recipient__organization",
            )
        )
    return context


@login_required
def manage(request, public_id):
    event = access.organizer_event(request.user, public_id)
    session = B2BSession.objects.filter(event=event).first()
    session_form = SessionForm(request.POST or None) if session is None else None
    if request.method == "POST" and session is None:
        if session_form.is_valid() and attempt(
            request,
            actions.create_session,
            request.user,
            event,
            form=session_form,
            success=_("The B2B session is open for profiles. Add its time slots and tables."),
            **session_form.cleaned_data,
        ):
            return redirect("events:b2b_manage", public_id)
    zone = event.time_zone
    local = event.starts_at.astimezone(zone_of(None, session)) if session else None
    forms = {
        "session_form": session_form,
        "slots_form": SlotsForm(
            initial={
                "day": local.date() if local else None,
                "minutes": session.slot_minutes if session else 20,
            }
        ),
        "tables_form": TablesForm(),
        "interpreter_form": InterpreterForm(),
        "phase_form": PhaseForm(initial={"phase": session.phase if session else None}),
    }
    return render(request, "events/b2b/manage.html", _context(event, session, **forms) | {"event_zone": zone})


@login_required
@require_POST
def manage_step(request, public_id, step):
    view = access.organizer_view(request.user, public_id)
    session, user = view.session, request.user
    if step == "slots":
        form = SlotsForm(request.POST)
        if form.is_valid():
            start, end = form.range(view.event.time_zone)
            attempt(
                request,
                actions.add_slots,
                user,
                session,
                start,
                end,
                form.cleaned_data["minutes"],
                success=_("Time slots added."),
            )
        else:
            _flash(request, form)
    elif step == "tables":
        form = TablesForm(request.POST)
        if form.is_valid():
            labels = [line for line in form.cleaned_data["labels"].splitlines() if line.strip()]
            attempt(
                request,
                actions.add_tables,
                user,
                session,
                count=form.cleaned_data["count"] or 0,
                labels=labels,
                success=_("Tables added."),
            )
        else:
            _flash(request, form)
    elif step == "interpreters":
        form = InterpreterForm(request.POST)
        if form.is_valid():
            attempt(
                request,
                actions.add_interpreter,
                user,
                session,
                form.cleaned_data["name"],
                split_codes(form.cleaned_data["pairs"]),
                success=_("Interpreter added."),
            )
        else:
            _flash(request, form)
    elif step == "phase":
        form = PhaseForm(request.POST)
        if form.is_valid():
            attempt(
                request,
                actions.set_phase,
                user,
                session,
                form.cleaned_data["phase"],
                success=_("Phase changed."),
            )
        else:
            _flash(request, form)
    elif step == "cap":
        participant = session.participants.filter(pk=_int(request.POST.get("participant"))).first()
        raw = (request.POST.get("cap") or "").strip()
        if participant is None or (raw and not raw.isdigit()):
            messages.error(request, _("Choose a participant and a number of meetings."))
        else:
            attempt(
                request,
                actions.set_participant_cap,
                user,
                participant,
                int(raw) if raw else None,
                success=_("Limit saved."),
            )
    elif step == "place":
        meeting_request = session.requests.filter(public_id=request.POST.get("request") or None).first()
        slot = session.slots.filter(pk=_int(request.POST.get("slot"))).first()
        if meeting_request is None or slot is None:
            messages.error(request, _("Choose an accepted request and a slot."))
        else:
            attempt(request, actions.place_meeting, user, meeting_request, slot, success=_("Meeting placed."))
    else:
        raise Http404
    return redirect("events:b2b_manage", public_id)


def _int(value) -> int:
    return int(value) if str(value or "").isdigit() else 0


def _flash(request, form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


@login_required
def tables(request, public_id):
    view = access.organizer_view(request.user, public_id)
    return render(
        request,
        "events/b2b/tables.html",
        {
            "view": view,
            "session": view.session,
            "event": view.event,
            "tables": table_agendas(view.session),
            "zone": str(zone_of(None, view.session)),
        },
    )


@login_required
def tables_pdf(request, public_id):
    from scotemp.deals.documents import DocumentsUnavailable

    view = access.organizer_view(request.user, public_id)
    try:
        body = make_tables_pdf(view.session, language_of(request))
    except DocumentsUnavailable:
        messages.error(request, _("The PDF cannot be made: no font is installed on the server."))
        return redirect("events:b2b_tables", public_id)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="b2b-tables.pdf"'
    return response


@login_required
@require_POST
def meeting_organize(request, public_id, meeting_id):
    view = access.organizer_view(request.user, public_id)
    item = access.meeting_in(view, meeting_id)
    op = request.POST.get("op", "")
    if op in ("lock", "unlock"):
        attempt(request, actions.set_locked, request.user, item, op == "lock", success=_("Meeting updated."))
    elif op == "move":
        slot = view.session.slots.filter(pk=_int(request.POST.get("slot"))).first()
        table = view.session.tables.filter(pk=_int(request.POST.get("table"))).first()
        if slot is None:
            messages.error(request, _("Choose a slot to move the meeting to."))
        else:
            attempt(
                request,
                actions.move_meeting,
                request.user,
                item,
                slot,
                table,
                success=_("Meeting moved; both sides were told."),
            )
    else:
        messages.error(request, _("Choose what to do with the meeting."))
    return redirect("events:b2b_manage", public_id)
