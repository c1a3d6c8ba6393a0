"""PDF documents of an agreed deal: the proforma invoice and the contract summary, in Chinese,
Russian or English, generated from the deal's agreed term sheet with fpdf2.

One font covers the three scripts: Noto Sans CJK (Debian/Ubuntu ``fonts-noto-cjk``, Fedora
``google-noto-sans-cjk-fonts``), its Simplified Chinese face, which also carries Latin and Cyrillic.
``SCOTEMP_PDF_FONT`` names another file. Money is written as a number and the ISO code ("12 345,00
USD") because the font lacks some currency signs (₸, ₽ …).
"""

import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from babel import numbers as babel_numbers
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from scotemp.core.formatting import babel_locale, format_date

from .choices import DealEventKind, DealStatus, DocumentType
from .queries import timeline_of

LANGUAGES = ("zh-hans", "ru", "en")

# Where the distributions put Noto Sans CJK (Debian/Ubuntu fonts-noto-cjk, Fedora google-noto-*-cjk).
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
FONT_EXTENSIONS = (".ttc", ".otc", ".ttf", ".otf")
# Faces of the NotoSansCJK/NotoSerifCJK collections: JP, KR, SC, TC, HK. SC has the Chinese forms.
NOTO_CJK_SC_FACE = 2

FAMILY = "doc"
MARGIN = 18
GREY = (90, 90, 90)
HEADING_FILL = (232, 236, 240)
# CLDR writes "2026\u202fг." (narrow no-break space); Noto Sans CJK has no glyph for it.
SPACE_FIXES = str.maketrans({"\u202f": "\u00a0"})


class DocumentsUnavailable(Exception):
    """No usable font for the documents on this server (the operator has to install one)."""

    def __init__(self, path: str = ""):
        if path:
            message = _(
                "Deal documents cannot be generated: the font file %(path)s does not exist or is not a "
                "TrueType/OpenType font. Set SCOTEMP_PDF_FONT to a usable .ttc, .ttf or .otf file or "
                "install the fonts-noto-cjk package."
            ) % {"path": path}
        else:
            message = _(
                "Deal documents cannot be generated: no Noto Sans CJK font was found. Install the "
                "fonts-noto-cjk package or set SCOTEMP_PDF_FONT to a .ttc, .ttf or .otf file covering "
                "Chinese, Cyrillic and Latin."
            )
        super().__init__(message)


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path
    face: int


@functools.lru_cache(maxsize=4)
def _font_files(setting: str) -> FontFiles | None:
    # Cached per setting value: the file system is probed once per process (tests override the setting).
    if setting:
        path = Path(setting)
        if not path.is_file() or path.suffix.lower() not in FONT_EXTENSIONS:
            return None
        candidates = [path]
    else:
        candidates = [Path(p) for p in FONT_CANDIDATES if Path(p).is_file()]
        if not candidates:
            return None
    regular = candidates[0]
    bold = regular.with_name(regular.name.replace("Regular", "Bold"))
    if bold == regular or not bold.is_file():
        bold = regular
    is_noto_cjk = regular.name.startswith(("NotoSansCJK", "NotoSerifCJK"))
    face = NOTO_CJK_SC_FACE if is_noto_cjk and regular.suffix.lower() in (".ttc", ".otc") else 0
    return FontFiles(regular, bold, face)


def find_font() -> FontFiles:
    """The font files the documents use (``SCOTEMP_PDF_FONT`` or the first Noto Sans CJK installed).

    Raises :class:`DocumentsUnavailable` when there is none."""
    setting = getattr(settings, "SCOTEMP_PDF_FONT", "") or ""
    files = _font_files(setting)
    if files is None:
        raise DocumentsUnavailable(setting)
    return files


def document_number(deal, doc_type: str) -> str:
    """The document's reference: ``PI-`` (proforma) or ``CS-`` (contract summary), the first 8 characters
    of the deal's public id and the agreed terms' version, e.g. ``PI-3F2A9C01-v2``."""
    prefix = "PI" if doc_type == DocumentType.PROFORMA else "CS"
    version = deal.agreed_terms.version if deal.agreed_terms else 0
    return f"{prefix}-{str(deal.public_id)[:8].upper()}-v{version}"


def format_amount(amount: Decimal, currency_code: str, language: str) -> str:
    """``amount`` rounded half up to the currency's minor units, in the language's number format,
    followed by the ISO code: "12 345,00 USD" (ru), "12,345.00 USD" (en, zh-hans)."""
    places = babel_numbers.get_currency_precision(currency_code)
    value = Decimal(amount).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    pattern = "#,##0." + "0" * places if places else "#,##0"
    number = babel_numbers.format_decimal(value, format=pattern, locale=babel_locale(language))
    return f"{number} {currency_code}"


def _unit_price(amount: Decimal, currency_code: str, language: str) -> str:
    # Unit prices are stored with 4 decimals; show the currency's minor units and any further digits.
    places = babel_numbers.get_currency_precision(currency_code)
    pattern = "#,##0." + "0" * places + "#" * max(0, 4 - places)
    number = babel_numbers.format_decimal(Decimal(amount), format=pattern, locale=babel_locale(language))
    return f"{number} {currency_code}"


def _quantity(quantity: Decimal, language: str) -> str:
    return babel_numbers.format_decimal(Decimal(quantity), format="#,##0.###", locale=babel_locale(language))


def _date(value, language: str) -> str:
    return format_date(value, format="long", locale=language)


class _Pdf(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text

    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*GREY)
        # fpdf2 replaces {nb} with the page count when the document is closed.
        self.cell(0, 5, self.footer_text % {"page": self.page_no(), "pages": "{nb}"}, align="C")
        self.set_text_color(0, 0, 0)


class _Writer:
    """Lays out one document; every text is produced under the document's language."""

    def __init__(self, deal, doc_type: str, language: str):
        self.deal = deal
        self.terms = deal.agreed_terms
        self.doc_type = doc_type
        self.language = language
        fonts = find_font()
        self.pdf = _Pdf(_("Page %(page)s of %(pages)s"))
        try:
            self.pdf.add_font(FAMILY, "", fonts.regular, collection_font_number=fonts.face)
            self.pdf.add_font(FAMILY, "B", fonts.bold, collection_font_number=fonts.face)
        except Exception as error:  # a damaged or unsupported file: fontTools raises many kinds
            raise DocumentsUnavailable(str(fonts.regular)) from error
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_auto_page_break(True, margin=18)
        self.pdf.set_font(FAMILY, size=10)

    # --- building blocks --------------------------------------------------------------------------

    def text(self, value: str, size: float = 10, bold: bool = False, grey: bool = False, height=5.5):
        self.pdf.set_font(FAMILY, "B" if bold else "", size)
        if grey:
            self.pdf.set_text_color(*GREY)
        self.pdf.multi_cell(
            0, height, value.translate(SPACE_FIXES), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )
        self.pdf.set_text_color(0, 0, 0)
        self.pdf.set_font(FAMILY, size=10)

    def heading(self, value: str):
        self.pdf.ln(4)
        self.text(value, size=12, bold=True, height=7)
        self.pdf.ln(1)

    def table(self, rows, col_widths, headings=True, align=None):
        with self.pdf.table(
            col_widths=col_widths,
            first_row_as_headings=headings,
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
            line_height=5.5,
            padding=1.5,
            text_align=align or "LEFT",
            width=self.pdf.epw,
        ) as table:
            for cells in rows:
                row = table.row()
                for cell in cells:
                    if isinstance(cell, tuple):
                        row.cell(cell[0].translate(SPACE_FIXES), colspan=cell[1], align="RIGHT")
                    else:
                        row.cell(cell.translate(SPACE_FIXES))

    def key_values(self, pairs):
        rows = [(label, value) for label, value in pairs if value]
        if rows:
            self.table(rows, col_widths=(32, 68), headings=False)

    # --- content ----------------------------------------------------------------------------------

    def title(self) -> str:
        return str(DocumentType(self.doc_type).label)

    def organization(self, org) -> str:
        lines = [org.name]
        if org.name_latin and org.name_latin != org.name:
            lines.append(org.name_latin)
        lines.append(str(org.country.name))
        if org.registry_id:
            kind = org.get_registry_type_display() if org.registry_type else _("Registration number")
            lines.append(f"{kind}: {org.registry_id}")
        return "\n".join(lines)

    def header(self):
        self.text(str(settings.SCOTEMP_PLATFORM_NAME), size=9, grey=True)
        self.text(self.title(), size=18, bold=True, height=10)
        self.pdf.ln(1)
        self.key_values(
            [
                (_("Number"), document_number(self.deal, self.doc_type)),
                (_("Date of issue"), _date(timezone.localdate(), self.language)),
                (
                    _("Terms agreed"),
                    _("version %(version)s of %(date)s")
                    % {
                        "version": self.terms.version,
                        "date": _date(timezone.localtime(self.deal.agreed_at).date(), self.language)
                        if self.deal.agreed_at
                        else "",
                    },
                ),
            ]
        )

    def parties(self):
        self.heading(_("Parties"))
        self.table(
            [
                (_("Seller"), _("Buyer")),
                (self.organization(self.deal.seller), self.organization(self.deal.buyer)),
            ],
            col_widths=(1, 1),
        )

    def line_item(self):
        terms, language = self.terms, self.language
        code = terms.currency_id
        self.heading(_("Goods"))
        self.table(
            [
                (_("Goods"), _("HS code"), _("Quantity"), _("Unit price"), _("Total")),
                (
                    terms.goods,
                    f"{terms.hs_code.code}\n{terms.hs_code.description}",
                    f"{_quantity(terms.quantity, language)} {terms.unit.name}",
                    _unit_price(terms.unit_price, code, language),
                    format_amount(terms.total, code, language),
                ),
                ((_("Total"), 4), format_amount(terms.total, code, language)),
            ],
            col_widths=(30, 25, 21, 20, 24),
            align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
        )

    def terms_block(self):
        terms, language = self.terms, self.language
        place = terms.incoterm_place
        self.heading(_("Terms"))
        self.key_values(
            [
                (
                    _("Incoterms® 2020"),
                    _("%(code)s %(place)s (%(locode)s)")
                    % {"code": terms.incoterm_id, "place": place.name, "locode": place.locode},
                ),
                (_("Payment terms"), terms.payment_terms),
                (
                    _("Delivery"),
                    _("from %(start)s to %(end)s")
                    % {
                        "start": _date(terms.delivery_from, language),
                        "end": _date(terms.delivery_until, language),
                    },
                ),
                (_("Inspection"), terms.inspection),
                (_("Documents required"), terms.documents_required),
                (_("Notes"), terms.note),
            ]
        )

    def timeline(self):
        events = [e for e in timeline_of(self.deal) if e.kind == DealEventKind.TRANSITION]
        rows = [
            (
                _date(timezone.localtime(event.at).date(), self.language),
                _("%(from)s → %(to)s")
                % {
                    "from": DealStatus(event.from_status).label if event.from_status else "—",
                    "to": DealStatus(event.to_status).label if event.to_status else "—",
                },
            )
            for event in events
        ]
        self.heading(_("Status history"))
        if rows:
            self.table([(_("Date"), _("Status change")), *rows], col_widths=(1, 2))
        else:
            self.text(_("No status changes yet."))

    def signatures(self):
        self.heading(_("Signatures"))
        blank = "_" * 18
        lines = [
            _("Signature: %(blank)s") % {"blank": blank},
            _("Name and position: %(blank)s") % {"blank": blank},
            _("Date: %(blank)s") % {"blank": blank},
        ]
        self.table(
            [
                (_("For the seller"), _("For the buyer")),
                (
                    "\n".join([self.deal.seller.name, "", *lines]),
                    "\n".join([self.deal.buyer.name, "", *lines]),
                ),
            ],
            col_widths=(1, 1),
        )

    def render(self) -> bytes:
        pdf = self.pdf
        pdf.set_title(f"{self.title()} {document_number(self.deal, self.doc_type)}")
        pdf.set_lang(self.language)
        pdf.set_author(str(settings.SCOTEMP_PLATFORM_NAME))
        pdf.set_subject(self.terms.goods)
        pdf.set_creator(str(settings.SCOTEMP_PLATFORM_NAME))
        pdf.add_page()
        self.header()
        self.parties()
        self.line_item()
        self.terms_block()
        if self.doc_type == DocumentType.CONTRACT_SUMMARY:
            self.timeline()
            self.pdf.ln(2)
            self.text(
                _(
                    "This summary records the terms both parties accepted on the platform. It is not a "
                    "contract by itself: the parties sign their contract below or in a separate document."
                ),
                size=9,
                grey=True,
            )
            self.signatures()
        else:
            self.pdf.ln(2)
            self.text(
                _("Issued from the terms agreed by both parties; payment according to the terms above."),
                size=9,
                grey=True,
            )
        return bytes(pdf.output())


def render_document(deal, doc_type: str, language: str) -> bytes:
    """The PDF (A4) of ``doc_type`` (a :class:`~scotemp.deals.choices.DocumentType` value) for ``deal`` in
    ``language`` (zh-hans, ru or en), built from ``deal.agreed_terms``: labels translated, numbers and dates
    in the language's format, PDF title and language set in the metadata.

    Raises ValueError for a deal without agreed terms or an unknown type or language, and
    :class:`DocumentsUnavailable` when no font is installed."""
    if deal.agreed_terms_id is None:
        raise ValueError("render_document needs a deal with agreed terms.")
    if doc_type not in DocumentType.values:
        raise ValueError(f"Unknown document type {doc_type!r}.")
    if language not in LANGUAGES:
        raise ValueError(f"Unknown document language {language!r}.")
    with translation.override(language):
        return _Writer(deal, doc_type, language).render()
