"""Notification kinds: how each ``Notification.kind`` reads in the viewer's language.

A notification stores only language-neutral ``params``; its title and body are rendered when shown
(or e-mailed) from the translated templates below, with ``%(name)s`` placeholders. A param may be a
dict keyed by language code (``{"en": "Wheat", "ru": "Пшеница"}``, e.g. a lead title and its
translations): the viewer's language is picked, then English, then any. Each app declares its kinds
in its own ``notices.py`` (:mod:`scotemp.core.registry`), registered when the apps are ready.
"""

from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from scotemp.core import registry

KINDS = registry.KINDS  # every app's kinds, declared in its notices.py


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


# The title of a notification whose kind is no longer declared (e.g. a retired kind in old rows).
UNKNOWN_TITLE = _("Notification")


def _authored_html(params: dict) -> dict:
    """Params for an HTML page: what users wrote (a plain string: a name, goods, a reason) marked
    with ``lang=""`` (its language is not known), the platform's own texts (stored per language) and
    numbers escaped as they are."""
    out = {}
    for key, value in (params or {}).items():
        if isinstance(value, str) and value:
            out[key] = format_html('<span lang="">{}</span>', value)
        elif isinstance(value, dict | list):
            out[key] = conditional_escape(localize(value))
        else:
            out[key] = value
    return out


def render(kind: str, params: dict, language: str | None = None, html: bool = False) -> tuple[str, str]:
    """(title, body) of a notification in ``language`` (the active language by default); with
    ``html``, escaped and with what users wrote marked with its language, for a page."""
    with translation.override(language or translation.get_language()):
        entry = KINDS.get(kind)
        values = _Params(localize(params or {}))
        if entry is None:
            title, body = str(values.get("title") or UNKNOWN_TITLE), str(values.get("body") or "")
            if html:
                return conditional_escape(title), conditional_escape(body)
            return title, body
        values.setdefault("count", 0)
        if not html:
            return _fill(entry.title, values), _fill(entry.body, values) if entry.body else ""
        # The translated text with a marker for each placeholder, escaped, then the values put in.
        markers = _Markers(values)
        marked = _authored_html(params)
        out = []
        for text in (entry.title, entry.body):
            filled = conditional_escape(_fill(text, markers)) if text else ""
            for key in markers.used:
                filled = filled.replace(
                    f"\x00{key}\x00", str(conditional_escape(marked.get(key, values[key])))
                )
            out.append(mark_safe(filled))
        return out[0], out[1]


class _Markers(_Params):
    """Placeholders read as markers (``count`` keeps its number: it picks the plural form)."""

    def __init__(self, values):
        super().__init__(values)
        self.used = set()

    def __getitem__(self, key):
        if key == "count":
            return super().__getitem__(key)
        self.used.add(key)
        return f"\x00{key}\x00"


def _fill(text, values) -> str:
    try:
        return str(text % values)
    except (TypeError, ValueError):
        return str(text)
