"""``link(name, *args)``: ``reverse`` remembered per process.

A URL is a pure function of the URL configuration, the script prefix and the arguments, all part of
the key, so a remembered URL is always the one ``reverse`` would give now. Lists that write a few
links per row (matches, deals) spend a tenth of their time reversing otherwise."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=8192)
def _link(urlconf: str, prefix: str, name: str, args: tuple) -> str:
    return reverse(name, urlconf=urlconf, args=args)


def link(name: str, *args) -> str:
    """``reverse(name, args=args)`` (positional arguments only; they must be hashable)."""
    return _link(
        get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name, tuple(str(a) for a in args)
    )
