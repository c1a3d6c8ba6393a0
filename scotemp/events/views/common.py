"""What the event pages share: the reader's time zone and the calendar entries of events."""

from ..ics import CalendarItem
from ..queries.events import valid_zone

TZ_COOKIE = "scotemp_tz"  # set by the event pages' script from the browser's time zone


def viewer_zone(request, registration=None) -> str:
    """The reader's time zone: the one of their registration, else their browser's, else none."""
    if registration is not None and valid_zone(registration.time_zone):
        return registration.time_zone
    return valid_zone(request.COOKIES.get(TZ_COOKIE, ""))


def calendar_items(request, events) -> list[CalendarItem]:
    """One calendar entry per event (times in UTC: every calendar shows them in its owner's zone)."""
    items = []
    for event in events:
        place = ", ".join(p for p in (event.venue, event.city.name if event.city_id else "") if p)
        items.append(
            CalendarItem(
                uid=f"event-{event.public_id}@scotemp",
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                summary=event.title,
                description=event.description,
                location=place or event.online_url,
                url=request.build_absolute_uri(event.get_absolute_url()),
                cancelled=event.is_cancelled,
            )
        )
    return items
