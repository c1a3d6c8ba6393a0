"""/api/v1/notifications: the caller's own notifications, rendered in their language."""

from datetime import datetime

from django.utils import translation
from ninja import Router, Schema

from . import actions, queries

router = Router(tags=["notifications"])
MAX_LIMIT = 100


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    params: dict
    created_at: datetime
    read_at: datetime | None


class NotificationList(Schema):
    count: int
    unread: int
    results: list[NotificationOut]


class MarkReadIn(Schema):
    ids: list[int] = []
    all: bool = False


class MarkReadOut(Schema):
    marked: int
    unread: int


def _language(request):
    return getattr(request.user, "language", "") or translation.get_language()


@router.get("", response=NotificationList, summary="My notifications, newest first")
def list_notifications(request, unread: bool = False, limit: int = 30, offset: int = 0):
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    qs = queries.notifications_of(request.user)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    rows = list(qs[offset : offset + limit])
    with translation.override(_language(request)):
        rendered = queries.rendered(rows)
    return {
        "count": qs.count(),
        "unread": queries.unread_count(request.user),
        "results": [
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
        ],
    }


@router.post("/read", response=MarkReadOut, summary="Mark my notifications read (some ids, or all)")
def mark_read(request, payload: MarkReadIn):
    if payload.all:
        marked = actions.mark_all_read(request.user)
    else:
        marked = actions.mark_read(request.user, payload.ids)
    return {"marked": marked, "unread": queries.unread_count(request.user)}
