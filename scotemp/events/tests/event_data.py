"""Events for the tests: a published forum a week ahead (trilingual, with a programme), built
directly so that each test states only what it changes."""

import datetime

from django.utils import timezone

from scotemp.events.choices import EventKind, EventStatus
from scotemp.events.models import Event, EventSession


def make_event(**overrides) -> Event:
    start = (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
    values = {
        "kind": EventKind.FORUM,
        "status": EventStatus.PUBLISHED,
        "title_en": "Grain Trade Forum",
        "title_ru": "Форум зерновой торговли",
        "title_zh_hans": "粮食贸易论坛",
        "description_en": "Buyers and sellers of grain.",
        "description_ru": "Покупатели и продавцы зерна.",
        "description_zh_hans": "粮食买家和卖家。",
        "venue_en": "Expo Center",
        "venue_ru": "Выставочный центр",
        "venue_zh_hans": "博览中心",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=8),
        "time_zone": "Asia/Shanghai",
    }
    values.update(overrides)
    values.setdefault("title", values["title_en"])
    return Event.objects.create(**values)


def add_session(event: Event, **overrides) -> EventSession:
    values = {
        "title_en": "Plenary session",
        "title_ru": "Пленарное заседание",
        "title_zh_hans": "全体会议",
        "starts_at": event.starts_at + datetime.timedelta(hours=1),
        "ends_at": event.starts_at + datetime.timedelta(hours=2),
        "room": "Hall A",
        "language": "zh",
        "interpretation": "ru, en",
        "speakers": "Wang Fang, chair",
    }
    values.update(overrides)
    values.setdefault("title", values["title_en"])
    return EventSession.objects.create(event=event, **values)
