"""Participants: join from a registration, the directory with match scores, profile, availability."""

from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from scotemp.core.api import ERRORS, Page, PageParams, page_of, run

from ...actions import b2b as actions
from ...queries.b2b import access
from ...queries.b2b.directory import directory
from .schemas import (
    B2BAvailabilityIn,
    B2BDirectoryOut,
    B2BProfileIn,
    B2BProfileOut,
    own_participant,
    profile_out,
)

router = Router()


@router.post(
    "/{public_id}/b2b/participants",
    response={201: B2BProfileOut, **ERRORS},
    summary="Join from my registration",
)
def join(request, public_id: UUID, payload: B2BProfileIn):
    view = access.session_view(request.user, public_id)
    if view.participant is not None or view.registration is None:
        if view.participant is not None:
            message = _("Your organization already takes part in this B2B session.")
            return Status(409, {"detail": message})
        raise Http404
    values = payload.dict(exclude_none=True)
    participant, error = run(actions.join_session, request.user, view.session, view.registration, values)
    return error or Status(201, profile_out(participant))


@router.get(
    "/{public_id}/b2b/participants",
    response={200: Page[B2BDirectoryOut], **ERRORS},
    summary="Participants, best match for me first",
)
def list_participants(
    request, public_id: UUID, params: Query[PageParams], q: str = Query("", max_length=100)
):
    view = access.session_view(request.user, public_id)
    if view.participant is None and not view.organizer:
        raise Http404
    rows = directory(view.participant, view.session, q)
    scored = view.participant is not None
    items = [
        {
            "id": r.participant.pk,
            "organization": r.participant.organization.name,
            "country": r.participant.organization.country_id,
            "offers": r.participant.offers,
            "seeks": r.participant.seeks,
            "offer_hs": r.participant.offer_hs or [],
            "seek_hs": r.participant.seek_hs or [],
            "languages": r.participant.languages or [],
            "score": r.score if scored else None,
            "reasons": [str(x) for x in r.reasons],
            "needs_interpreter": (not r.shared_languages) if scored else None,
            "request": r.request.public_id if r.request else None,
        }
        for r in rows
    ]
    page = items[params.offset : params.offset + params.limit]
    return page_of(request, params, page, len(items))


@router.get("/{public_id}/b2b/profile", response={200: B2BProfileOut, **ERRORS}, summary="My B2B profile")
def get_profile(request, public_id: UUID):
    return profile_out(own_participant(access.session_view(request.user, public_id)))


@router.patch(
    "/{public_id}/b2b/profile", response={200: B2BProfileOut, **ERRORS}, summary="Change my B2B profile"
)
def update_profile(request, public_id: UUID, payload: B2BProfileIn):
    me = own_participant(access.session_view(request.user, public_id))
    _result, error = run(actions.update_profile, request.user, me, payload.dict(exclude_none=True))
    return error or profile_out(me)


@router.put(
    "/{public_id}/b2b/availability",
    response={200: B2BProfileOut, **ERRORS},
    summary="The slots when I am free (empty: every slot)",
)
def set_availability(request, public_id: UUID, payload: B2BAvailabilityIn):
    me = own_participant(access.session_view(request.user, public_id))
    _result, error = run(actions.set_availability, request.user, me, payload.slots)
    return error or profile_out(me)
