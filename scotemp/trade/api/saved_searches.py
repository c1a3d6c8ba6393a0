"""/api/v1/saved-searches: the caller's own saved lead searches (same rules as the pages): a list
(paged), save one (422 naming the field for invalid input) and delete one (404 unless yours)."""

from datetime import datetime
from uuid import UUID

from django.http import Http404
from ninja import Field, Query, Router, Schema, Status

from scotemp.core.api import ERRORS, Page, PageParams, paginate, run
from scotemp.core.api.schema import JsonObject

from .. import actions
from ..queries.saved_searches import saved_searches_of

router = Router(tags=["saved searches"])


class SavedSearchIn(JsonObject):
    name: str = Field(min_length=1, max_length=100)
    params: dict[str, str | bool | int | float] = Field(
        default_factory=dict,
        min_length=1,
        description="At least one, as in GET /leads: q, kind, hs, origin, destination, incoterm, committee, "
        "verified, currency, price_min, price_max, sort.",
    )
    email_digest: bool = True


class SavedSearchOut(Schema):
    id: UUID
    name: str
    params: dict
    email_digest: bool
    created_at: datetime
    last_digest_at: datetime | None


def _out(search) -> dict:
    return {
        "id": search.public_id,
        "name": search.name,
        "params": search.params,
        "email_digest": search.email_digest,
        "created_at": search.created_at,
        "last_digest_at": search.last_digest_at,
    }


@router.get("", response={200: Page[SavedSearchOut], **ERRORS}, summary="My saved lead searches")
def list_saved_searches(request, paging: Query[PageParams]):  # type: ignore[valid-type]
    searches = saved_searches_of(request.user).order_by("-created_at", "-pk")
    return paginate(request, searches, paging, transform=lambda rows: [_out(s) for s in rows])


@router.post("", response={201: SavedSearchOut, **ERRORS}, summary="Save a lead search")
def create_saved_search(request, payload: SavedSearchIn):
    search, error = run(
        actions.create_saved_search,
        request.user,
        payload.name,
        {k: str(v) for k, v in payload.params.items()},
        email_digest=payload.email_digest,
        organization=getattr(request, "active_organization", None),
    )
    return error or Status(201, _out(search))


@router.delete("/{public_id}", response={204: None, **ERRORS}, summary="Delete one of my saved searches")
def delete_saved_search(request, public_id: UUID):
    if not actions.delete_saved_search(request.user, public_id):
        raise Http404
    return Status(204, None)
