"""Event pages: the list of upcoming and past events (filters: kind, committee), the event page with
its programme by day, and the organizer's pages (new event, edit, publish, cancel, programme
sessions) and the event's calendar file. Reads through :mod:`scotemp.events.queries.events`, writes
through :mod:`scotemp.events.actions.events`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.accounts.views import add_errors, flash_errors
from scotemp.committees.models import Committee

from ..actions import events as actions
from ..choices import EventKind, RegistrationStatus
from ..forms.events import EventForm, ReasonForm, RegistrationForm, SessionForm
from ..ics import calendar_bytes
from ..queries import events as queries
from ..queries import registrations as reg_queries
from .common import calendar_items, viewer_zone


def event_list(request):
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    kind = request.GET.get("kind", "")
    committee = request.GET.get("committee", "")
    events = list(queries.event_list(request.user, when=when, kind=kind, committee=committee)[:100])
    for event in events:
        event.seats_left = queries.seats_left(event)
    context = {
        "events": events,
        "when": when,
        "kind": kind,
        "committee": committee,
        "kinds": EventKind.choices,
        "committees": Committee.objects.order_by("position"),
        "viewer_zone": viewer_zone(request),
        "can_create": queries.can_create_events(request.user),
    }
    return render(request, "events/list.html", context)


def detail_context(request, event, registration_form=None):
    registration = reg_queries.registration_of(request.user, event)
    zone = viewer_zone(request, registration)
    return {
        "event": event,
        "days": queries.programme_by_day(event),
        "seats_left": queries.seats_left(event),
        "registration_open": queries.registration_open(event),
        "registration": registration,
        "position": reg_queries.waitlist_position(registration) if registration else None,
        "live": registration is not None and registration.status in reg_queries.ACTIVE,
        "confirmed": registration is not None and registration.status == RegistrationStatus.CONFIRMED,
        "organizes": queries.organizes(request.user, event),
        "has_b2b": queries.has_b2b(event),
        "viewer_zone": zone,
        "form": registration_form or RegistrationForm(zone=zone or event.time_zone),
        "cancel_form": ReasonForm(),
    }


def event_detail(request, public_id):
    event = queries.event_for_viewer(request.user, public_id)
    return render(request, "events/detail.html", detail_context(request, event))


def event_calendar(request, public_id):
    event = queries.event_for_viewer(request.user, public_id)
    body = calendar_bytes(calendar_items(request, [event]), name=event.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.public_id}.ics"'
    return response


@login_required
def event_new(request):
    if not queries.can_create_events(request.user):
        raise Http404
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = actions.create_event(request.user, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("The event was saved as a draft. Add its programme, then publish it.")
            )
            return redirect(event.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "events/event_form.html", {"form": form, "event": None}, status=status)


@login_required
def event_edit(request, public_id):
    event = queries.organized_event(request.user, public_id)
    form = EventForm(request.POST or None, user=request.user, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_event(request.user, event, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The event was saved."))
            return redirect(event.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "events/event_form.html", {"form": form, "event": event}, status=status)


@login_required
@require_POST
def event_publish(request, public_id):
    event = queries.organized_event(request.user, public_id)
    try:
        actions.publish_event(request.user, event)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The event is published: everyone can see it and register."))
    return redirect(event.get_absolute_url())


@login_required
@require_POST
def event_cancel(request, public_id):
    event = queries.organized_event(request.user, public_id)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        actions.cancel_event(request.user, event, form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The event was cancelled and every registrant was told."))
    return redirect(event.get_absolute_url())


@login_required
def session_form(request, public_id, session_id=None):
    event = queries.organized_event(request.user, public_id)
    session = None
    if session_id is not None:
        session = event.sessions.filter(pk=session_id).first()
        if session is None:
            raise Http404
    form = SessionForm(request.POST or None, event=event, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_session(request.user, event, form.cleaned_data, session)
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("The programme was saved."))
            return redirect(event.get_absolute_url() + "#programme")
    status = 400 if form.errors else 200
    context = {"form": form, "event": event, "session": session}
    return render(request, "events/session_form.html", context, status=status)


@login_required
@require_POST
def session_delete(request, public_id, session_id):
    event = queries.organized_event(request.user, public_id)
    session = event.sessions.filter(pk=session_id).first()
    if session is None:
        raise Http404
    actions.delete_session(request.user, session)
    messages.success(request, _("The session was removed from the programme."))
    return redirect(event.get_absolute_url() + "#programme")


urlpatterns = [
    path("", event_list, name="list"),
    path("new/", event_new, name="new"),
    path("<uuid:public_id>/", event_detail, name="detail"),
    path("<uuid:public_id>/calendar.ics", event_calendar, name="ics"),
    path("<uuid:public_id>/edit/", event_edit, name="edit"),
    path("<uuid:public_id>/publish/", event_publish, name="publish"),
    path("<uuid:public_id>/cancel/", event_cancel, name="cancel"),
    path("<uuid:public_id>/sessions/new/", session_form, name="session_new"),
    path("<uuid:public_id>/sessions/<int:session_id>/", session_form, name="session_edit"),
    path("<uuid:public_id>/sessions/<int:session_id>/delete/", session_delete, name="session_delete"),
]
