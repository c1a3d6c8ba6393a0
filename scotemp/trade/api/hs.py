"""The HS picker under /api/v1/hs: type-ahead over HS headings and subheadings, and browsing from
chapter to heading to subheading (public)."""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from scotemp.core.api import ErrorOut, error_body, public_auth
from scotemp.core.api.schema import OPTIONAL_AUTH

from ..hs_picker import hs_children, search_hs

router = Router(tags=["leads"])


class HSPickerQuery(Schema):
    q: str = Field("", max_length=200, description="A code (digits) or words of a name in any language.")
    limit: int = Field(10, ge=1, le=50, description="At most this many results.")
    under: str | None = Field(
        None,
        pattern=r"^(\d{2}|\d{4}|chapters)$",
        description=(
            "Browse instead of searching: ``chapters`` lists the chapters, a chapter (2 digits) its "
            "headings, a heading (4 digits) its subheadings; ``q`` and ``limit`` are then ignored."
        ),
    )


class HSPickerPathOut(Schema):
    code: str
    name: str


class HSPickerOut(Schema):
    code: str
    level: int = Field(description="2 for a chapter, 4 for a heading, 6 for a subheading.")
    name: str = Field(description="In the request's language; in English where not translated yet.")
    name_language: str = Field(description="The language of ``name``: zh-hans, ru or en.")
    translated: bool = Field(description="``name`` is the platform's translation, not official wording.")
    children: int = Field(description="How many codes are below this one (0 for a subheading).")
    path: list[HSPickerPathOut]


@router.get(
    "/hs",
    response={200: list[HSPickerOut], 404: ErrorOut, 422: ErrorOut},
    url_name="hs_picker",
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="HS picker: headings and subheadings by code or name (Chinese, Russian, English), or browse",
)
def hs_picker(request, query: Query[HSPickerQuery]):  # type: ignore[valid-type]
    if query.under is None:
        return search_hs(query.q, limit=query.limit)
    children = hs_children("" if query.under == "chapters" else query.under)
    if children is None:
        message = _("HS code “%(code)s” does not exist in the HS 2022 nomenclature.") % {"code": query.under}
        return Status(404, error_body(message, "under"))
    return children
