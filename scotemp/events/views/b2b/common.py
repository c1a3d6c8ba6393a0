"""What the B2B pages share: running an action with its refusals shown as messages."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from scotemp.accounts.views import add_errors


def attempt(request, fn, *args, form=None, success: str = "", **kwargs):
    """Call an action; its refusal becomes form errors (``form``) or flashed messages. Returns the
    action's result, or ``None`` when it refused."""
    try:
        result = fn(*args, **kwargs)
    except ValidationError as exc:
        if form is not None and exc.code != "conflict":
            add_errors(form, exc)
        else:
            for message in exc.messages:
                messages.error(request, message)
        return None
    if success:
        messages.success(request, success)
    return result if result is not None else True


def language_of(request, participant=None) -> str:
    """The participant's language (their registration's, else the reader's)."""
    from django.utils import translation

    wanted = request.GET.get("lang") or (participant.registration.language if participant else "")
    if wanted in ("zh-hans", "ru", "en"):
        return wanted
    current = translation.get_language() or "en"
    return current if current in ("zh-hans", "ru", "en") else "en"
