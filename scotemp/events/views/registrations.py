"""Registration pages: register and cancel, "my events" (and its calendar file), the badge with its
QR code, and the organizer's list of registrations with approve and decline."""

import csv
import io
import zoneinfo

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.accounts.views import add_errors, flash_errors

from ..actions import registrations as actions
from ..choices import RegistrationStatus
from ..forms.events import ReasonForm, RegistrationForm
from ..ics import calendar_bytes
from ..queries import events as event_queries
from ..queries import registrations as queries
from .common import calendar_items, viewer_zone
from .events import detail_context


@login_required
@require_POST
def register(request, public_id):
    event = event_queries.event_for_viewer(request.user, public_id)
    form = RegistrationForm(request.POST, zone=viewer_zone(request) or event.time_zone)
    if form.is_valid():
        try:
            registration = actions.register(
                request.user,
                event,
                form.cleaned_data["attendee_type"],
                note=form.cleaned_data["note"],
                time_zone=form.cleaned_data["time_zone"],
                language=getattr(request, "LANGUAGE_CODE", ""),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _status_message(registration))
            return redirect(event.get_absolute_url())
    context = detail_context(request, event, registration_form=form)
    return render(request, "events/detail.html", context, status=400)


def _status_message(registration) -> str:
    if registration.status == RegistrationStatus.WAITLISTED:
        return _("The event is full: you are on the waiting list. We will tell you when a seat frees up.")
    if registration.status == RegistrationStatus.PENDING:
        return _("Your registration was sent: the organizer will confirm it.")
    return _("You are registered. Your badge is ready.")


@login_required
@require_POST
def registration_cancel(request, public_id):
    registration = queries.own_registration(request.user, public_id)
    try:
        actions.cancel_registration(request.user, registration)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Your registration was cancelled."))
    return redirect(registration.event.get_absolute_url())


@login_required
def my_events(request):
    registrations = list(queries.my_registrations(request.user))
    context = {"registrations": registrations, "viewer_zone": viewer_zone(request)}
    return render(request, "events/mine.html", context)


@login_required
def my_calendar(request):
    events = [r.event for r in queries.my_registrations(request.user, active_only=True)]
    body = calendar_bytes(calendar_items(request, events), name=_("My events"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-events.ics"'
    return response


def checkin_url(request, registration) -> str:
    return request.build_absolute_uri(
        reverse("events:checkin_badge", args=[registration.event.public_id, registration.badge_token])
    )


def _badge_registration(request, public_id):
    registration = queries.registration_for_viewer(request.user, public_id)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise Http404  # a badge exists for confirmed attendees only
    return registration


@login_required
def badge(request, public_id):
    registration = _badge_registration(request, public_id)
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "viewer_zone": viewer_zone(request, registration),
        "checkin_url": checkin_url(request, registration),
    }
    return render(request, "events/badge.html", context)


@login_required
def badge_qr(request, public_id):
    registration = _badge_registration(request, public_id)
    image = qrcode.make(
        checkin_url(request, registration),
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=12,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    out = io.BytesIO()
    image.save(out)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def event_registrations(request, public_id):
    event = event_queries.organized_event(request.user, public_id)
    status = request.GET.get("status", "")
    context = {
        "event": event,
        "registrations": queries.event_registrations(event, status),
        "counts": queries.counts_by_type(event),
        "status": status,
        "statuses": RegistrationStatus.choices,
        "seats_left": event_queries.seats_left(event),
        "decline_form": ReasonForm(),
    }
    return render(request, "events/registrations.html", context)


@login_required
def registrations_csv(request, public_id):
    """The event's registrations as a CSV file (UTF-8 with BOM, so spreadsheets read Chinese and
    Cyrillic), times in the event's time zone."""
    event = event_queries.organized_event(request.user, public_id)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Attendee"),
            _("E-mail"),
            _("Organization"),
            _("Country"),
            _("Attendee type"),
            _("Status"),
            _("Registered"),
            _("Checked in"),
        ]
    )
    zone = zoneinfo.ZoneInfo(event.time_zone)

    def local(value):
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value else ""

    for r in queries.event_registrations(event):
        writer.writerow(
            [
                r.user.full_name,
                r.user.email,
                r.organization.name if r.organization_id else "",
                r.organization.country_id if r.organization_id else "",
                r.get_attendee_type_display(),
                r.get_status_display(),
                local(r.created_at),
                local(r.checked_in_at),
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registrations-{event.public_id}.csv"'
    return response


@login_required
@require_POST
def registration_decide(request, public_id):
    registration = queries.registration_for_viewer(request.user, public_id)
    event = registration.event
    if not event_queries.organizes(request.user, event):
        raise Http404
    decision = request.POST.get("decision")
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        if decision == "approve":
            actions.approve_registration(request.user, registration)
            messages.success(request, _("The registration was approved."))
        elif decision == "decline":
            actions.decline_registration(request.user, registration, form.cleaned_data.get("reason", ""))
            messages.success(request, _("The registration was declined."))
        else:
            raise Http404
    except ValidationError as exc:
        flash_errors(request, exc)
    except PermissionDenied:
        raise Http404 from None
    return redirect(reverse("events:registrations", args=[event.public_id]))


urlpatterns = [
    path("mine/", my_events, name="mine"),
    path("mine/calendar.ics", my_calendar, name="mine_ics"),
    path("<uuid:public_id>/register/", register, name="register"),
    path("<uuid:public_id>/registrations/", event_registrations, name="registrations"),
    path("<uuid:public_id>/registrations.csv", registrations_csv, name="registrations_csv"),
    path("registrations/<uuid:public_id>/cancel/", registration_cancel, name="registration_cancel"),
    path("registrations/<uuid:public_id>/decide/", registration_decide, name="registration_decide"),
    path("registrations/<uuid:public_id>/badge/", badge, name="badge"),
    path("registrations/<uuid:public_id>/badge.svg", badge_qr, name="badge_qr"),
]
