"""What the deals pages share: how a page POST runs an action and shows its errors, and how stored
values are put back into forms.

A form error re-renders the page with status 400; a state conflict (``code="conflict"``) becomes an
error message and a redirect back; ``PermissionDenied`` from an action is a 403."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.views import add_errors


def is_conflict(exc: ValidationError) -> bool:
    """True when an action refused a step because of the row's current state."""
    if getattr(exc, "code", None) == "conflict":
        return True
    return any(getattr(e, "code", None) == "conflict" for e in getattr(exc, "error_list", []))


def plain_decimal(value) -> str:
    """A stored decimal as a person would type it: ``238.5000`` → ``238.5``, ``2000.000`` → ``2000``."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def iso_date(value, future_only: bool = False) -> str:
    """A date as ``YYYY-MM-DD`` for form initial values; with ``future_only`` a past date is left out,
    since the form would refuse it anyway."""
    if value is None or (future_only and value < timezone.localdate()):
        return ""
    return value.isoformat()


def flash(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def submit(request, form, act, *, back, success, rerender):
    """The one way a page POST runs an action: validate ``form``; call ``act(form)``; on success flash
    ``success`` (a string, or a function of the action's result) and return ``back``; a conflict (the
    row moved on meanwhile) is flashed and also returns ``back``, changing nothing; other rule errors go
    on the form's fields and ``rerender(form)`` shows the page again (status 400)."""
    if form.is_valid():
        try:
            result = act(form)
        except ValidationError as exc:
            if is_conflict(exc):
                flash(request, exc)
                return back
            add_errors(form, exc)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return back
    return rerender(form)


def organization_or_warn(request):
    """The active organization, or ``None`` with a message saying why the page needs one."""
    organization = getattr(request, "active_organization", None)
    if organization is None:
        messages.warning(request, _("Register or join an organization to request and answer quotations."))
    return organization
