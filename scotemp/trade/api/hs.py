"""The HS picker under /api/v1/hs: type-ahead over HS headings and subheadings (public)."""

from ninja import Field, Query, Router, Schema

from scotemp.core.api import ErrorOut, public_auth
from scotemp.core.api.schema import OPTIONAL_AUTH

from ..hs_picker import search_hs

router = Router(tags=["leads"])


class HSPickerQuery(Schema):
    q: str = Field("", max_length=200, description="A code (digits) or words of a name in any language.")
    limit: int = Field(10, ge=1, le=50, description="At most this many results.")


class HSPickerPathOut(Schema):
    code: str
    name: str


class HSPickerOut(Schema):
    code: str
    level: int = Field(description="4 for a heading, 6 for a subheading.")
    name: str
    path: list[HSPickerPathOut]


@router.get(
    "/hs",
    response={200: list[HSPickerOut], 422: ErrorOut},
    url_name="hs_picker",
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="HS picker: headings and subheadings by code or name (Chinese, Russian, English)",
)
def hs_picker(request, query: Query[HSPickerQuery]):  # type: ignore[valid-type]
    return search_hs(query.q, limit=query.limit)
