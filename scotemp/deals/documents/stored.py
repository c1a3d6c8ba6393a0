"""Rendered documents kept in the shared cache, keyed by everything they print.

A document is rebuilt only when something it prints changed: the key is a digest of every stored
value the renderer reads (the deal, its agreed term sheet, both parties and their countries, the HS
code, unit and place of the terms, with all their translated columns; the status history for the
contract summary), of the document type, language and date of issue, and of the code and the
translation catalogue that lay it out. Nothing is ever invalidated by hand: a changed value is a new
key, and an old entry expires on its own. The cache is the shared one (Redis, or the database table),
so every web process and every node answers from the same entries.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.utils import timezone, translation

from ..choices import DocumentType

# Entries outlive a working day at most: the date of issue is part of the key anyway.
TIMEOUT = 36 * 3600
KEY_PREFIX = "deals:document:"


def _row(obj) -> list:
    """Every stored column of ``obj`` (translated columns included), or ``None``."""
    if obj is None:
        return None
    return [obj._meta.label, *(getattr(obj, field.attname) for field in obj._meta.concrete_fields)]


@cache
def _code_digest() -> str:
    """The code that lays documents out (this package, the deals' choices and labels, the shared
    number and date formats) and the fonts it embeds: a changed layout or font makes new documents."""
    from .fonts import find_fonts

    here = Path(__file__).parent
    shared = [here.parent / "choices.py", here.parents[1] / "core" / "formatting.py"]
    sources = [*sorted(here.glob("*.py")), *shared]
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for font in find_fonts():
        for path in (font.regular, font.bold):
            stat = path.stat()
            digest.update(f"{path.name}:{font.face}:{stat.st_size}".encode())
    return digest.hexdigest()


@cache
def _catalog_digest(language: str) -> str:
    """The compiled translations the document's labels come from, by content (the same on every
    node that runs the same release)."""
    digest = hashlib.sha256()
    for base in settings.LOCALE_PATHS:
        mo = Path(base) / translation.to_locale(language) / "LC_MESSAGES" / "django.mo"
        if mo.exists():
            digest.update(mo.read_bytes())
    return digest.hexdigest()


def document_key(deal, doc_type: str, language: str) -> str:
    """The cache key of the document as it would print now, whichever language the asking request
    reads: the platform's name and every translated column read as in the document's language."""
    with translation.override(language):
        return _document_key(deal, doc_type, language)


def _document_key(deal, doc_type: str, language: str) -> str:
    terms = deal.agreed_terms
    values = [
        _code_digest(),
        _catalog_digest(language),
        str(settings.SCOTEMP_PLATFORM_NAME),
        settings.TIME_ZONE,
        doc_type,
        language,
        timezone.localdate().isoformat(),  # "date of issue"
        _row(deal),
        _row(terms),
    ]
    for org in (deal.seller, deal.buyer):
        values += [_row(org), _row(org.country)]
    if terms is not None:
        values += [_row(terms.hs_code), _row(terms.unit), _row(terms.incoterm_place)]
    if doc_type == DocumentType.CONTRACT_SUMMARY:
        from ..queries import timeline_of

        values.append([(e.kind, e.at, e.from_status, e.to_status) for e in timeline_of(deal)])
    blob = json.dumps(values, default=str, ensure_ascii=False, separators=(",", ":"))
    return KEY_PREFIX + hashlib.sha256(blob.encode()).hexdigest()


def stored_document(deal, doc_type: str, language: str, render) -> bytes:
    """The document from the shared cache, or ``render()`` stored there for the next request."""
    key = document_key(deal, doc_type, language)
    data = shared_cache.get(key)
    if data is None:
        data = render()
        shared_cache.set(key, data, TIMEOUT)
    return data
