"""Parts of a page that are the same for every signed-in reader, kept in the shared cache.

A signed-in page cannot come whole from the page cache (:mod:`.pagecache`): its header names the
reader, counts their unread messages and offers their organizations. But much of such a page often
depends on nothing personal: the lead search results are the same list for every reader of a
language. :func:`shared_fragment` renders such a part once per key and keeps it for
``settings.SCOTEMP_PAGE_CACHE_SECONDS`` in Django's cache (Redis in production, shared by every node
and worker); the rest of the page is rendered for the reader as before.

The key is what the fragment is made of. It must name every input the fragment shows: the caller
passes a *generation*, a token its domain changes on every write that can change the fragment (so a
reader sees their own change at once), and the request's parameters; the active language and the
script prefix are added here. The fragment's POST forms carry a placeholder instead of the CSRF
token, replaced by the reader's own token on every answer, so no reader ever receives another's.
"""

import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .pagecache import seconds

log = logging.getLogger(__name__)

VERSION = "1"


def generation(name: str) -> str:
    """The current token of ``name`` (created on first use): part of the keys of fragments that
    show what ``name`` covers."""
    key = f"fragments:generation:{name}"
    try:
        token = cache.get(key)
        if token is None:
            token = secrets.token_hex(8)
            if not cache.add(key, token, None):
                token = cache.get(key) or token
    except Exception:  # the cache is an optimization: without it every fragment is rendered
        log.warning("fragments: generation read failed", exc_info=True)
        return secrets.token_hex(8)
    return token


def bump(name: str) -> None:
    """A write changed what ``name`` covers: every fragment keyed on the old token is out of use (it
    expires on its own). The token changes now, for the writer's own next read, and again when the
    transaction commits, so that a fragment another reader rendered meanwhile from the data before
    the commit is not kept under the new token either."""

    def _bump():
        try:
            cache.set(f"fragments:generation:{name}", secrets.token_hex(8), None)
        except Exception:
            log.warning("fragments: generation bump failed", exc_info=True)

    _bump()
    transaction.on_commit(_bump)


def csrf_placeholder() -> str:
    """What a fragment's ``{% csrf_token %}`` writes (pass it as the ``csrf_token`` context value):
    derived from the secret key, so that no text a user writes into a page can be taken for it."""
    digest = hmac.new(settings.SECRET_KEY.encode(), b"scotemp.fragments.csrf", hashlib.sha256)
    return "csrf" + digest.hexdigest()[:32]


def shared_fragment(request, parts: tuple, render) -> SafeString:
    """The HTML ``render()`` returns, read from the shared cache under ``parts`` (plus the language
    and the script prefix) when it is there. ``render`` gets no request: it must not read the
    reader, and renders ``{% csrf_token %}`` from :func:`csrf_placeholder`."""
    ttl = seconds()
    if ttl <= 0:
        html = render()
    else:
        raw = "\n".join([VERSION, get_language() or "", get_script_prefix(), *map(str, parts)])
        key = "fragments:" + hashlib.sha256(raw.encode()).hexdigest()[:40]
        try:
            html = cache.get(key)
        except Exception:
            log.warning("fragments: read failed", exc_info=True)
            html = None
        if html is None:
            html = str(render())
            try:
                cache.set(key, html, ttl)
            except Exception:
                log.warning("fragments: write failed", exc_info=True)
    mark = csrf_placeholder()
    if mark in html:
        html = html.replace(mark, get_token(request))
    return mark_safe(html)
