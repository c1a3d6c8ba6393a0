"""PDF documents of an agreed deal: the proforma invoice and the contract summary, in Chinese,
Russian or English, generated from the deal's agreed term sheet with fpdf2.

- :mod:`.fonts`: which font files, the fallback chain that prints every script of the parties'
  names (Cyrillic of all the SCO languages, Latin, Chinese, Persian, Hindi), fonts parsed once per
  process, and what happens to a letter no font has;
- :mod:`.subsets`: only the fonts that drew something are embedded, each cut to the glyphs drawn;
- :mod:`.layout`: page, text, tables, numbers, money and dates in the document's language;
- :mod:`.content`: the sections of the two documents;
- :mod:`.stored`: rendered documents kept in the shared cache under a digest of what they print.

Money is written as a number and the ISO code ("12 345,00 USD"): the ISO code reads the same in
every language, a sign (₸, ₽ …) does not.
"""

from django.utils import translation

from ..choices import DocumentType
from .fonts import DocumentsUnavailable, FontFiles, MissingGlyphs, find_font, find_fonts
from .layout import document_number, format_amount

LANGUAGES = ("zh-hans", "ru", "en")

__all__ = [
    "LANGUAGES",
    "DocumentsUnavailable",
    "FontFiles",
    "MissingGlyphs",
    "build_document",
    "document_number",
    "find_font",
    "find_fonts",
    "format_amount",
    "render_document",
]


def render_document(deal, doc_type: str, language: str) -> bytes:
    """The PDF (A4) of ``doc_type`` (a :class:`~scotemp.deals.choices.DocumentType` value) for ``deal`` in
    ``language`` (zh-hans, ru or en), built from ``deal.agreed_terms``: labels translated, numbers and dates
    in the language's format, PDF title and language set in the metadata.

    Served from the shared cache when the same document (same deal, terms, parties, language, date
    of issue: see :mod:`.stored`) was built before, byte for byte; built and stored otherwise.

    Raises ValueError for a deal without agreed terms or an unknown type or language,
    :class:`DocumentsUnavailable` when no font is installed and, when ``SCOTEMP_PDF_STRICT`` is on,
    :class:`MissingGlyphs` for a letter no installed font prints (otherwise that is logged as an error)."""
    _check(deal, doc_type, language)
    from .stored import stored_document

    return stored_document(deal, doc_type, language, lambda: build_document(deal, doc_type, language))


def build_document(deal, doc_type: str, language: str) -> bytes:
    """:func:`render_document` without the cache: lays the document out and writes the PDF."""
    _check(deal, doc_type, language)
    from .content import DealDocument

    with translation.override(language):
        return DealDocument(deal, doc_type, language).render()


def _check(deal, doc_type: str, language: str) -> None:
    if deal.agreed_terms_id is None:
        raise ValueError("render_document needs a deal with agreed terms.")
    if doc_type not in DocumentType.values:
        raise ValueError(f"Unknown document type {doc_type!r}.")
    if language not in LANGUAGES:
        raise ValueError(f"Unknown document language {language!r}.")
