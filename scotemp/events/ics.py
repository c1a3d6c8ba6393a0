"""Calendar files (RFC 5545 ``.ics``) for events, programme sessions and meetings, written with the
``icalendar`` library: one place builds them, so every download and e-mail attachment agrees."""

import datetime
from dataclasses import dataclass

from icalendar import Calendar
from icalendar import Event as IcsEvent

PRODID = "-//SCO TEMP//events//EN"


@dataclass(frozen=True)
class CalendarItem:
    uid: str  # stable across downloads (e.g. "meeting-<public id>@scotemp"), so a calendar updates in place
    starts_at: datetime.datetime  # aware
    ends_at: datetime.datetime  # aware
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


def calendar_bytes(items, name: str = "") -> bytes:
    """An ``.ics`` file with one VEVENT per item; times in UTC, so every calendar shows them in its
    owner's own time zone."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    stamp = datetime.datetime.now(datetime.UTC)
    for item in items:
        ev = IcsEvent()
        ev.add("uid", item.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", item.starts_at.astimezone(datetime.UTC))
        ev.add("dtend", item.ends_at.astimezone(datetime.UTC))
        ev.add("summary", item.summary)
        if item.description:
            ev.add("description", item.description)
        if item.location:
            ev.add("location", item.location)
        if item.url:
            ev.add("url", item.url)
        ev.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        cal.add_component(ev)
    return cal.to_ical()
