"""/api/v1/saved-searches: the caller's own saved lead searches (same rules as the pages)."""

from datetime import datetime
from uuid import UUID

from django.http import Http404
from ninja import Router, Schema
from ninja.responses import Status

from . import saved_searches

router = Router(tags=["saved searches"])


class SavedSearchIn(Schema):
    name: str
    params: dict[str, str | bool | int | float] = {}
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


@router.get("", response=list[SavedSearchOut], summary="My saved lead searches")
def list_saved_searches(request):
    return [_out(s) for s in saved_searches.saved_searches_of(request.user)]


@router.post(
    "",
    response={201: SavedSearchOut},
    summary="Save a lead search (parameters as in GET /leads: q, kind, hs, origin, destination, ...)",
)
def create_saved_search(request, payload: SavedSearchIn):
    search = saved_searches.create_saved_search(
        request.user,
        payload.name,
        {k: str(v) for k, v in payload.params.items()},
        email_digest=payload.email_digest,
        organization=getattr(request, "active_organization", None),
    )
    return Status(201, _out(search))


@router.delete("/{public_id}", response={204: None}, summary="Delete one of my saved searches")
def delete_saved_search(request, public_id: UUID):
    if not saved_searches.delete_saved_search(request.user, public_id):
        raise Http404
    return Status(204, None)
