"""Template tags of the event pages: times in the event's time zone and the reader's, and a
committee's events (the include on the committee page)."""

from babel import dates as babel_dates
from django import template
from django.utils.html import format_html

from scotemp.core.formatting import babel_locale

from ..queries.events import committee_events as committee_events_query
from ..queries.events import format_time, format_when, valid_zone, zone_label

register = template.Library()


@register.simple_tag
def when(value, zone, viewer_zone="", fmt="medium"):
    """``{% when event.starts_at event.time_zone viewer_zone %}``: the time in the event's zone and,
    when the reader's differs, in theirs too (zone names are not text in a language: marked so)."""
    if value is None:
        return ""
    out = format_html(
        '<time datetime="{}">{}</time> <span class="muted small" translate="no">{}</span>',
        value.isoformat(),
        format_when(value, zone, fmt=fmt, with_zone=False),
        zone_label(zone, value),
    )
    viewer_zone = valid_zone(viewer_zone)
    if viewer_zone and zone_label(viewer_zone, value) != zone_label(zone, value):
        out = format_html(
            '{}<br><span class="muted small">{} <span translate="no">{}</span></span>',
            out,
            format_when(value, viewer_zone, fmt=fmt, with_zone=False),
            zone_label(viewer_zone, value),
        )
    return out


@register.simple_tag
def zone_name(zone):
    """``{% zone_name event.time_zone as zone %}``: "UTC+08:00 Shanghai" in the reader's language."""
    return zone_label(zone) if valid_zone(zone) else zone


@register.filter
def local_when(value):
    """An aware time already in the reader's zone, as their language writes date and time."""
    if value is None:
        return ""
    locale = babel_locale()
    day = babel_dates.format_date(value.date(), format="medium", locale=locale)
    return f"{day} {local_clock(value)}"


@register.filter
def local_clock(value):
    """The time of day of an aware time already in the reader's zone, as their language writes it."""
    if value is None:
        return ""
    return babel_dates.format_time(value, format="short", tzinfo=value.tzinfo, locale=babel_locale())


@register.filter
def local_day(value):
    """The date of an aware time, as the reader's language writes it."""
    return babel_dates.format_date(value.date(), format="medium", locale=babel_locale()) if value else ""


@register.simple_tag
def when_short(value, zone):
    """``{% when_short meeting.starts_at zone %}``: date and time in ``zone``, no zone name."""
    return format_when(value, zone, with_zone=False) if value is not None else ""


@register.simple_tag
def clock(value, zone):
    """``{% clock session.starts_at event.time_zone %}``: the time of day in ``zone``."""
    return format_time(value, zone) if value is not None else ""


@register.inclusion_tag("events/_committee_events.html", takes_context=True)
def committee_events(context, committee):
    return {**committee_events_query(committee), "committee": committee, "request": context.get("request")}


@register.filter
def language_name(code):
    """``"ru"`` → "Russian" / "русский" / "俄文": an ISO 639-1 code named in the reader's language."""
    from babel import Locale

    from scotemp.core.formatting import babel_locale

    code = (code or "").strip()
    if not code:
        return ""
    name = Locale.parse(babel_locale()).languages.get(code)
    return name or code.upper()


@register.filter
def language_names(codes):
    """``"ru, en"`` → "Russian, English" in the reader's language."""
    return ", ".join(language_name(c) for c in (codes or "").split(",") if c.strip())
