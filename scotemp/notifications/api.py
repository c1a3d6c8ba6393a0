"""/api/v1/notifications: the caller's own notifications, rendered in their language."""

from datetime import datetime
from typing import Annotated

from django.utils import translation
from ninja import Query, Router, Schema
from pydantic import Field, StrictBool

from scotemp.core.api import ERRORS, Page, PageParams, page_of
from scotemp.core.api.schema import JsonObject

from . import actions, queries

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    params: dict
    created_at: datetime
    read_at: datetime | None


class NotificationPage(Page[NotificationOut]):
    unread: int


class MarkReadIn(JsonObject):
    ids: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] = Field(default=[], max_length=1000)
    all: StrictBool = False


class MarkReadOut(Schema):
    marked: int
    unread: int


def _language(request):
    return getattr(request.user, "language", "") or translation.get_language()


@router.get("", response={200: NotificationPage, **ERRORS}, summary="My notifications, newest first")
def list_notifications(request, params: Query[PageParams], unread: bool = False):
    qs = queries.notifications_of(request.user)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    total = qs.count()
    rows = list(qs[params.offset : params.offset + params.limit]) if params.offset < total else []
    with translation.override(_language(request)):
        rendered = queries.rendered(rows)
    results = [
        {
            "id": r["notification"].pk,
            "kind": r["notification"].kind,
            "title": r["title"],
            "body": r["body"],
            "url": r["notification"].url,
            "params": r["notification"].params,
            "created_at": r["notification"].created_at,
            "read_at": r["notification"].read_at,
        }
        for r in rendered
    ]
    return {**page_of(request, params, results, total), "unread": queries.unread_count(request.user)}


@router.post(
    "/read", response={200: MarkReadOut, **ERRORS}, summary="Mark my notifications read (some ids, or all)"
)
def mark_read(request, payload: MarkReadIn):
    if payload.all:
        marked = actions.mark_all_read(request.user)
    else:
        marked = actions.mark_read(request.user, payload.ids)
    return {"marked": marked, "unread": queries.unread_count(request.user)}
