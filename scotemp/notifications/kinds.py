"""Notification kinds: how each ``Notification.kind`` reads in the viewer's language.

A notification stores only language-neutral ``params``; its title and body are rendered when shown
(or e-mailed) from the translated templates below, with ``%(name)s`` placeholders. A param may be a
dict keyed by language code (``{"en": "Wheat", "ru": "Пшеница"}``, e.g. a lead title and its
translations): the viewer's language is picked, then English, then any. Other apps add their kinds
with :func:`register_kind` (call it at import time of their module that sends them) or here.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


@dataclass(frozen=True)
class Kind:
    title: object  # lazy translated string with %(name)s placeholders
    body: object = ""


KINDS: dict[str, Kind] = {
    "match.new": Kind(
        _("New match for “%(lead_title)s”"),
        _("%(counterpart_title)s (%(counterpart_country)s) matches your lead: %(explanation)s"),
    ),
    "saved_search.new_leads": Kind(
        _("New leads for your search “%(search_name)s”"),
        ngettext_lazy(
            "%(count)s new lead matches your saved search.",
            "%(count)s new leads match your saved search.",
            "count",
        ),
    ),
    "lead.expiring": Kind(
        _("Your lead “%(lead_title)s” expires soon"),
        _("It stays visible until %(valid_until)s. Renew it to keep receiving matches."),
    ),
    "lead.expired": Kind(
        _("Your lead “%(lead_title)s” has expired"),
        _("Renew it to publish it again."),
    ),
    "message": Kind(_("%(title)s"), _("%(body)s")),
}


def register_kind(kind: str, title, body="") -> None:
    """Add (or replace) a kind; ``title``/``body`` are lazy translated strings."""
    KINDS[kind] = Kind(title, body)


def localize(value, language: str | None = None):
    """Pick the viewer's language from ``{"en": …, "ru": …, "zh-hans": …}`` values, recursively
    through lists and other dicts."""
    language = language or translation.get_language() or "en"
    if isinstance(value, dict):
        keys = set(value)
        if keys and keys <= {"en", "ru", "zh-hans"}:
            for code in (language, "en", *sorted(keys)):
                if value.get(code):
                    return value[code]
            return ""
        return {k: localize(v, language) for k, v in value.items()}
    if isinstance(value, list):
        return [localize(v, language) for v in value]
    return value


class _Params(dict):
    """Missing placeholders read as empty instead of raising while rendering."""

    def __missing__(self, key):
        return ""


def render(kind: str, params: dict, language: str | None = None) -> tuple[str, str]:
    """(title, body) of a notification in ``language`` (the active language by default)."""
    with translation.override(language or translation.get_language()):
        entry = KINDS.get(kind)
        values = _Params(localize(params or {}))
        if entry is None:
            return str(values.get("title") or kind), str(values.get("body") or "")
        values.setdefault("count", 0)
        try:
            title = str(entry.title % values)
        except (TypeError, ValueError):
            title = str(entry.title)
        try:
            body = str(entry.body % values) if entry.body else ""
        except (TypeError, ValueError):
            body = str(entry.body)
        return title, body
