"""Running actions and forms from API handlers.

Domain rules live in actions; an endpoint only parses, calls one action and shapes the answer:

- :func:`run` calls an action; a rule it refuses becomes 422 with the messages per field, a conflict
  (``ValidationError(code="conflict")``) stays an exception and becomes 409, ``Http404`` becomes 404;
- :func:`form_data` turns a JSON body into form data and :func:`invalid` a form's errors into 422,
  for endpoints that validate through the same form as the page.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Status

from .errors import validation_body, validation_status


def form_data(payload: dict) -> dict:
    """A JSON body as form data: ``None`` reads as an empty field."""
    return {key: ("" if value is None else value) for key, value in payload.items()}


def invalid(form) -> Status:
    """422 with every field error of a form, the message alone when there is exactly one."""
    errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
    first = next(iter(errors.values()), [""])
    detail = first[0] if len(errors) == 1 and len(first) == 1 else _("Some fields are not valid.")
    return Status(422, {"detail": detail, "errors": errors})


def run(fn, *args, **kwargs):
    """Call an action; returns ``(result, None)``, or ``(None, Status(422, …))`` when a rule refused
    the input. Conflicts are re-raised (409 from the error handler)."""
    try:
        return fn(*args, **kwargs), None
    except ValidationError as exc:
        if validation_status(exc) == 409:
            raise
        return None, Status(422, validation_body(exc))
