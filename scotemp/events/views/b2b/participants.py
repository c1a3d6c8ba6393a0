"""Participants' B2B pages: the session's overview (join it), my profile and availability grid, the
participant directory with match scores and "request a meeting", my requests in and out, booking a
free common slot, my agenda (page, .ics, PDF), a meeting with its outcome."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...actions import b2b as actions
from ...agenda_pdf import participant_pdf
from ...choices import B2BPhase, MeetingStatus, Outcome, RequestStatus
from ...forms.b2b import MeetingRfqForm, OutcomeForm, ProfileForm, RequestForm
from ...ics import calendar_bytes
from ...queries.b2b import access
from ...queries.b2b.agenda import calendar_items, is_final, participant_agenda, zone_of
from ...queries.b2b.directory import directory as scored_directory
from ...queries.b2b.slots import free_common_slots
from .common import attempt, language_of


def _me(view):
    if view.participant is None:
        raise Http404
    return view.participant


@login_required
def overview(request, public_id):
    view = access.session_view(request.user, public_id)
    session = view.session
    context = {
        "view": view,
        "session": session,
        "event": view.event,
        "phases": session._meta.get_field("phase").choices,
    }
    if view.participant:
        context["agenda"] = participant_agenda(view.participant)[:5]
        context["incoming"] = (
            access.requests_visible(view)
            .filter(recipient=view.participant, status=RequestStatus.PENDING)
            .count()
        )
    return render(request, "events/b2b/overview.html", context)


@login_required
@require_POST
def join(request, public_id):
    view = access.session_view(request.user, public_id)
    if view.participant is not None:
        return redirect("events:b2b_profile", public_id)
    if view.registration is None:
        raise Http404
    done = attempt(
        request,
        actions.join_session,
        request.user,
        view.session,
        view.registration,
        success=_("You joined the B2B meetings: describe what you offer and seek."),
    )
    return redirect("events:b2b_profile" if done else "events:b2b_overview", public_id)


@login_required
def profile(request, public_id):
    view = access.session_view(request.user, public_id)
    me = _me(view)
    session = view.session
    zone = zone_of(me, session)
    slots = list(session.slots.all())
    marked = set(me.available_slots.values_list("pk", flat=True))
    initial = {
        "offers": me.offers,
        "seeks": me.seeks,
        "offer_hs": " ".join(me.offer_hs or []),
        "seek_hs": " ".join(me.seek_hs or []),
        "countries": me.countries,
        "languages": me.languages,
        "time_zone": me.time_zone,
    }
    form = ProfileForm(initial=initial)
    status = 200
    if request.method == "POST":
        if request.POST.get("part") == "availability":
            chosen = [int(s) for s in request.POST.getlist("slots") if s.isdigit()]
            if attempt(
                request, actions.set_availability, request.user, me, chosen, success=_("Availability saved.")
            ):
                return redirect("events:b2b_profile", public_id)
        else:
            form = ProfileForm(request.POST)
            if form.is_valid() and attempt(
                request,
                actions.update_profile,
                request.user,
                me,
                form.values(),
                form=form,
                success=_("Profile saved."),
            ):
                return redirect("events:b2b_profile", public_id)
            status = 400
    grid = [
        {
            "slot": s,
            "start": s.starts_at.astimezone(zone),
            "end": s.ends_at.astimezone(zone),
            "free": not marked or s.pk in marked,
        }
        for s in slots
    ]
    return render(
        request,
        "events/b2b/profile.html",
        {
            "view": view,
            "session": session,
            "event": view.event,
            "me": me,
            "form": form,
            "grid": grid,
            "zone": str(zone),
            "editable": session.phase != B2BPhase.FINAL,
        },
        status=status,
    )


@login_required
def directory(request, public_id):
    view = access.session_view(request.user, public_id)
    if view.participant is None and not view.organizer:
        raise Http404
    q = request.GET.get("q", "")[:100]
    rows = scored_directory(view.participant, view.session, q)
    return render(
        request,
        "events/b2b/directory.html",
        {
            "view": view,
            "session": view.session,
            "event": view.event,
            "rows": rows,
            "q": q,
            "request_form": RequestForm(),
            "can_request": view.session.phase == B2BPhase.REQUESTS_OPEN,
        },
    )


@login_required
@require_POST
def request_send(request, public_id, participant_id):
    view = access.session_view(request.user, public_id)
    me = _me(view)
    other = access.participant_in(view, participant_id)
    form = RequestForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            actions.send_request,
            request.user,
            me,
            other,
            form.cleaned_data["priority"],
            form.cleaned_data["message"],
            success=_("Your meeting request was sent."),
        )
    else:
        messages.error(request, _("Choose a priority for your request."))
    return redirect("events:b2b_directory", public_id)


@login_required
def requests(request, public_id):
    view = access.session_view(request.user, public_id)
    me = _me(view)
    rows = (
        access.requests_visible(view)
        .exclude(status=RequestStatus.CANCELLED)
        .prefetch_related("meetings__slot")
    )
    incoming = [r for r in rows if r.recipient_id == me.pk]
    outgoing = [r for r in rows if r.requester_id == me.pk]
    return render(
        request,
        "events/b2b/requests.html",
        {
            "view": view,
            "session": view.session,
            "event": view.event,
            "me": me,
            "incoming": incoming,
            "outgoing": outgoing,
            "booking_open": view.session.phase in (B2BPhase.REQUESTS_OPEN, B2BPhase.REQUESTS_CLOSED),
        },
    )


@login_required
@require_POST
def request_decide(request, public_id, request_id, decision):
    view = access.session_view(request.user, public_id)
    _me(view)
    meeting_request = access.request_in(view, request_id)
    if decision == "accept":
        attempt(
            request,
            actions.answer_request,
            request.user,
            meeting_request,
            True,
            success=_("Request accepted."),
        )
    elif decision == "decline":
        attempt(
            request,
            actions.answer_request,
            request.user,
            meeting_request,
            False,
            success=_("Request declined."),
        )
    elif decision == "withdraw":
        attempt(
            request, actions.withdraw_request, request.user, meeting_request, success=_("Request withdrawn.")
        )
    else:
        raise Http404
    return redirect("events:b2b_requests", public_id)


@login_required
def book(request, public_id, request_id):
    view = access.session_view(request.user, public_id)
    me = _me(view)
    meeting_request = access.request_in(view, request_id)
    if request.method == "POST":
        slot = (
            view.session.slots.filter(pk=request.POST.get("slot") or 0).first()
            if (request.POST.get("slot") or "").isdigit()
            else None
        )
        if slot is None:
            messages.error(request, _("Choose one of the free common slots."))
        elif attempt(
            request, actions.book_meeting, request.user, meeting_request, slot, success=_("Meeting booked.")
        ):
            return redirect("events:b2b_agenda", public_id)
    zone = zone_of(me, view.session)
    free = [
        (s, s.starts_at.astimezone(zone), s.ends_at.astimezone(zone))
        for s in free_common_slots(meeting_request)
    ]
    other = meeting_request.recipient if meeting_request.requester_id == me.pk else meeting_request.requester
    return render(
        request,
        "events/b2b/book.html",
        {
            "view": view,
            "session": view.session,
            "event": view.event,
            "meeting_request": meeting_request,
            "other": other,
            "free": free,
            "zone": str(zone),
        },
    )


@login_required
def agenda(request, public_id):
    view = access.session_view(request.user, public_id)
    me = _me(view)
    return render(
        request,
        "events/b2b/agenda.html",
        {
            "view": view,
            "session": view.session,
            "event": view.event,
            "me": me,
            "rows": participant_agenda(me),
            "final": is_final(view.session),
            "zone": str(zone_of(me, view.session)),
        },
    )


@login_required
def agenda_ics(request, public_id):
    view = access.session_view(request.user, public_id)
    me = _me(view)
    url = request.build_absolute_uri(request.path.replace("agenda.ics", "agenda/"))
    body = calendar_bytes(calendar_items(me, url), name=str(view.event))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="b2b-agenda.ics"'
    return response


@login_required
def agenda_pdf(request, public_id):
    from scotemp.deals.documents import DocumentsUnavailable

    view = access.session_view(request.user, public_id)
    me = _me(view)
    try:
        body = participant_pdf(me, language_of(request, me))
    except DocumentsUnavailable:
        messages.error(request, _("The PDF cannot be made: no font is installed on the server."))
        return redirect("events:b2b_agenda", public_id)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="b2b-agenda.pdf"'
    return response


@login_required
def meeting(request, public_id, meeting_id):
    view = access.session_view(request.user, public_id)
    item = access.meeting_in(view, meeting_id)
    me = view.participant
    mine = None
    if me is not None:
        mine = item.outcomes.filter(participant=me).select_related("rfq", "deal").first()
    deals = list(access.deals_between(request.user, item)[:50]) if me is not None else []
    initial = None
    if mine is not None:
        deal_id = str(mine.deal.public_id) if mine.deal_id else ""
        initial = {"outcome": mine.outcome, "note": mine.note, "deal": deal_id}
    form = OutcomeForm(initial=initial, deals=deals)
    rfq_form = MeetingRfqForm(prefix="rfq")
    status = 200
    if request.method == "POST" and me is not None:
        form = OutcomeForm(request.POST, deals=deals)
        wants_rfq = request.POST.get("outcome") == Outcome.RFQ and request.POST.get("start_rfq")
        rfq_form = MeetingRfqForm(request.POST, prefix="rfq") if wants_rfq else rfq_form
        if form.is_valid() and (not wants_rfq or rfq_form.is_valid()):
            rfq_values = None
            if wants_rfq:
                rfq_values = {k: v for k, v in rfq_form.cleaned_data.items() if k != "submission_key"}
            if attempt(
                request,
                actions.record_outcome,
                request.user,
                item,
                form.cleaned_data["outcome"],
                form.cleaned_data["note"],
                rfq_values=rfq_values,
                deal=form.chosen_deal(),
                form=form,
                success=_("Outcome recorded."),
            ):
                return redirect("events:b2b_meeting", public_id, meeting_id)
        status = 400
    zone = zone_of(me, view.session)
    return render(
        request,
        "events/b2b/meeting.html",
        {
            "view": view,
            "session": view.session,
            "event": view.event,
            "meeting": item,
            "me": me,
            "mine": mine,
            "form": form,
            "rfq_form": rfq_form,
            "start": item.slot.starts_at.astimezone(zone),
            "end": item.slot.ends_at.astimezone(zone),
            "zone": str(zone),
            "outcomes": item.outcomes.select_related("participant__organization", "rfq", "deal"),
            "live": item.status != MeetingStatus.CANCELLED,
        },
        status=status,
    )


@login_required
@require_POST
def meeting_cancel(request, public_id, meeting_id):
    view = access.session_view(request.user, public_id)
    item = access.meeting_in(view, meeting_id)
    attempt(
        request,
        actions.cancel_meeting,
        request.user,
        item,
        request.POST.get("reason", "")[:500],
        success=_("Meeting cancelled; both sides were told."),
    )
    return redirect(
        "events:b2b_manage" if view.organizer and view.participant is None else "events:b2b_agenda", public_id
    )
