"""``GET /api/v1/imports/requirements?hs=1001``: the checklist of China's import requirements for an
HS code. ``recorded`` false means nothing is recorded for the code, not that nothing is required."""

import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from scotemp.core.api import ErrorOut, error_body, public_auth
from scotemp.core.api.schema import OPTIONAL_AUTH

from ..choices import scope_level
from ..queries import requirements_for
from .params import parameter, query_value

router = Router(auth=public_auth())
HS_PATTERN = "^[0-9]{2}([0-9]{2}([0-9]{2})?)?$"


class RequirementOut(Schema):
    key: str
    hs_scope: str
    level: str
    applies: bool
    kind: str
    kind_label: str
    authority: str
    authority_label: str
    summary: str
    legal_reference: str
    source_url: str
    checked_on: datetime.date | None
    confidence: str


class ChecklistOut(Schema):
    hs: str
    scopes: list[str]
    recorded: bool
    note: str
    requirements: list[RequirementOut]


def not_recorded_note() -> str:
    return _("No requirements are recorded for this code. This does not mean there are none.")


def checklist_out(checklist) -> dict:
    return {
        "hs": checklist.hs_code,
        "scopes": checklist.scopes,
        "recorded": checklist.recorded,
        "note": "" if checklist.recorded else not_recorded_note(),
        "requirements": [
            {
                "key": item.requirement.key,
                "hs_scope": item.requirement.hs_scope,
                "level": scope_level(item.requirement.hs_scope),
                "applies": item.applies,
                "kind": item.requirement.kind,
                "kind_label": item.requirement.get_kind_display(),
                "authority": item.requirement.authority,
                "authority_label": item.requirement.get_authority_display(),
                "summary": item.requirement.summary,
                "legal_reference": item.requirement.legal_reference,
                "source_url": item.requirement.source_url,
                "checked_on": item.requirement.checked_on,
                "confidence": item.requirement.confidence,
            }
            for item in checklist.items
        ],
    }


@router.get(
    "/requirements",
    response={200: ChecklistOut, 422: ErrorOut},
    openapi_extra={
        **OPTIONAL_AUTH,
        "parameters": [
            parameter("hs", HS_PATTERN, "HS chapter, heading or subheading, e.g. 1001 or 100199.", True)
        ],
    },
)
def list_requirements(request):
    """China's import requirements for ``hs``, most specific first; for each kind the most specific
    row applies (``applies``), broader rows of that kind are listed with ``applies`` false."""
    message = _("Enter an HS chapter (2 digits), heading (4) or subheading (6).")
    code, error = query_value(request, "hs", HS_PATTERN, message)
    if error:
        return error
    if not code:
        return Status(422, error_body(message, "hs"))
    return checklist_out(requirements_for(code))
