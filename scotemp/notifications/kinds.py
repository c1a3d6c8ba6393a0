"""Notification kinds: how each ``Notification.kind`` reads in the viewer's language.

A notification stores only language-neutral ``params``; its title and body are rendered when shown
(or e-mailed) from the translated templates below, with ``%(name)s`` placeholders. A param may be a
dict keyed by language code (``{"en": "Wheat", "ru": "Пшеница"}``, e.g. a lead title and its
translations): the viewer's language is picked, then English, then any. Each app declares its kinds
in its own ``notices.py`` (:mod:`scotemp.core.registry`), registered when the apps are ready.
"""

from django.utils import translation

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
