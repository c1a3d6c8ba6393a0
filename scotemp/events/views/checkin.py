"""Check-in at the door, for the organizer's staff: a page where the scanned code (or the check-in
URL the QR code holds, or the typed code) is entered, and the page the QR code opens, which shows the
attendee and checks them in with one button. A second scan says when they were checked in."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from ..actions import checkin as actions
from ..forms.events import CheckInForm
from ..queries import events as queries
from ..queries.events import format_time
from ..queries.registrations import badge_holder


def _result_message(result, event) -> tuple[str, str]:
    registration = result.registration
    when = format_time(registration.checked_in_at, event.time_zone)
    name = registration.user.full_name or registration.user.email
    if result.already:
        return "warning", _("%(name)s was already checked in at %(time)s.") % {"name": name, "time": when}
    return "success", _("%(name)s is checked in (%(time)s).") % {"name": name, "time": when}


def _render(request, event, form, result=None, status=200, code="", holder=None):
    context = {"event": event, "form": form, "result": result, "code": code, "holder": holder}
    if result is not None:
        context["level"], context["message"] = _result_message(result, event)
    return render(request, "events/checkin.html", context, status=status)


@login_required
def checkin(request, public_id):
    event = queries.organized_event(request.user, public_id)
    if request.method != "POST":
        return _render(request, event, CheckInForm())
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _render(request, event, form, status=400)
    try:
        result = actions.check_in(request.user, event, form.cleaned_data["code"])
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _render(request, event, form, status=400)
    return _render(request, event, CheckInForm(), result=result)


@login_required
def checkin_badge(request, public_id, token):
    """The URL in the QR code: opened by staff, it shows whose badge it is; its button checks them in."""
    event = queries.organized_event(request.user, public_id)
    form = CheckInForm(initial={"code": token})
    holder = badge_holder(event, token)
    if holder is None:
        form = CheckInForm({"code": token})
        form.is_valid()
        form.add_error("code", _("Badge code: no badge of this event has this code."))
        return _render(request, event, form, status=404, code=token)
    return _render(request, event, form, code=token, holder=holder)


urlpatterns = [
    path("<uuid:public_id>/check-in/", checkin, name="checkin"),
    path("<uuid:public_id>/check-in/<str:token>/", checkin_badge, name="checkin_badge"),
]
