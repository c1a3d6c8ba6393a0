"""Query parameters of the import zone's endpoints, checked against the pattern the OpenAPI schema
declares: a parameter given twice, or given and not matching (empty included), is a 422 naming it."""

import re

from django.utils.translation import gettext as _
from ninja import Status

from scotemp.core.api import error_body


def query_value(request, name: str, pattern: str, message) -> tuple[str, Status | None]:
    """``(value, None)``, ``("", None)`` when the parameter is absent, or ``("", Status(422))``."""
    values = request.GET.getlist(name)
    if not values:
        return "", None
    if len(values) > 1:
        return "", Status(422, error_body(_("Give this parameter once."), name))
    value = values[0].strip()
    if not re.fullmatch(pattern, value):
        return "", Status(422, error_body(message, name))
    return value, None


def parameter(name: str, pattern: str, description: str, required: bool = False) -> dict:
    return {
        "in": "query",
        "name": name,
        "required": required,
        "schema": {"type": "string", "pattern": pattern},
        "description": description,
    }
