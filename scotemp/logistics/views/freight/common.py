"""What the freight pages share: running an action from a POST, the acting organization, paging."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from scotemp.accounts.views import add_errors

PAGE_SIZE = 20


def is_conflict(exc: ValidationError) -> bool:
    if getattr(exc, "code", None) == "conflict":
        return True
    return any(getattr(e, "code", None) == "conflict" for e in getattr(exc, "error_list", []))


def submit(request, form, act, *, back, success, rerender):
    """Validate ``form``, run ``act(form)``; success or a conflict (flashed) → ``back``; other rule
    errors go on the form's fields and ``rerender(form)`` shows the page again (status 400)."""
    if form.is_valid():
        try:
            result = act(form)
        except ValidationError as exc:
            if is_conflict(exc):
                for message in exc.messages:
                    messages.error(request, message)
                return back
            add_errors(form, exc)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return back
    return rerender(form)


def acting_organization(request):
    organization = getattr(request, "active_organization", None)
    if organization is None:
        messages.warning(request, _("Register or join an organization to use freight quotes."))
    return organization


def page_of(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
