"""The demo's events, found by a fixed key so that every demo module (events, B2B meetings, reports)
works on the same rows whatever order they run in."""

import datetime

from django.utils import timezone

FORUM_TITLE_EN = "China–SCO Digital Economy Forum 2026"


def forum_event():
    """The demo forum in Chongqing (created with its basic fields if no module made it yet)."""
    from scotemp.events.choices import EventKind, EventStatus
    from scotemp.events.models import Event

    start = (timezone.now() + datetime.timedelta(days=21)).replace(hour=1, minute=0, second=0, microsecond=0)
    event, _ = Event.objects.get_or_create(
        title_en=FORUM_TITLE_EN,
        defaults={
            "title": FORUM_TITLE_EN,
            "title_zh_hans": "中国—上合组织数字经济产业论坛 2026",
            "title_ru": "Форум Китай — ШОС по цифровой экономике 2026",
            "kind": EventKind.FORUM,
            "status": EventStatus.PUBLISHED,
            "starts_at": start,
            "ends_at": start + datetime.timedelta(days=1, hours=8),
            "time_zone": "Asia/Shanghai",
        },
    )
    return event
