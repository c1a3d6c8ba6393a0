"""Layout of the deal documents: the page, text and tables drawn with fpdf2, numbers, money and dates
in the document's language. Every string drawn is checked against the fonts first (:mod:`.fonts`)."""

from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal

from babel import numbers as babel_numbers
from django.utils.translation import gettext as _
from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos
from fpdf.output import OutputProducer

from scotemp.core.formatting import babel_locale, format_date

from ..choices import DocumentType
from . import fonts, subsets

MARGIN = 18
GREY = (90, 90, 90)
HEADING_FILL = (232, 236, 240)
# CLDR writes "2026\u202fг." (narrow no-break space); not every font has a glyph for it.
SPACE_FIXES = str.maketrans({"\u202f": "\u00a0"})


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


def unit_price(amount: Decimal, currency_code: str, language: str) -> str:
    # Unit prices are stored with 4 decimals; show the currency's minor units and any further digits.
    places = babel_numbers.get_currency_precision(currency_code)
    pattern = "#,##0." + "0" * places + "#" * max(0, 4 - places)
    number = babel_numbers.format_decimal(Decimal(amount), format=pattern, locale=babel_locale(language))
    return f"{number} {currency_code}"


def quantity(quantity: Decimal, language: str) -> str:
    return babel_numbers.format_decimal(Decimal(quantity), format="#,##0.###", locale=babel_locale(language))


def long_date(value, language: str) -> str:
    return format_date(value, format="long", locale=language)


class _Pdf(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text

    def output(self, *args, **kwargs):
        return super().output(*args, output_producer_class=_Producer, **kwargs)


class _Producer(OutputProducer):
    def bufferize(self):
        # After the last footer is drawn, before the fonts are subset and written.
        subsets.prepare_output(self.fpdf)
        return super().bufferize()

    def footer(self):
        self.set_y(-12)
        self.set_font("doc", size=8)
        self.set_text_color(*GREY)
        # fpdf2 replaces {nb} with the page count when the document is closed.
        self.cell(0, 5, self.footer_text % {"page": self.page_no(), "pages": "{nb}"}, align="C")
        self.set_text_color(0, 0, 0)


class Layout:
    """A page in the document's fonts, with the building blocks the documents are made of."""

    def __init__(self, where: str):
        self.where = where  # names the document in an error about a letter no font prints
        self.chain = fonts.find_fonts()
        self.covered = fonts.coverage(self.chain)
        self.pdf = _Pdf(_("Page %(page)s of %(pages)s"))
        fonts.attach(self.pdf, self.chain)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_auto_page_break(True, margin=18)
        self.pdf.set_font("doc", size=10)

    def printable(self, value: str) -> str:
        value = value.translate(SPACE_FIXES)
        fonts.check_coverage(value, self.covered, self.where)
        return value

    @contextmanager
    def shaping(self, *texts: str):
        """HarfBuzz shaping for a block (a paragraph, a whole table: fpdf2 lays a table out when it
        closes) when one of its texts needs it."""
        shaped = any(fonts.needs_shaping(text) for text in texts)
        if shaped:
            self.pdf.set_text_shaping(use_shaping_engine=True)
        try:
            yield
        finally:
            if shaped:
                self.pdf.set_text_shaping(use_shaping_engine=False)

    # --- building blocks --------------------------------------------------------------------------

    def text(self, value: str, size: float = 10, bold: bool = False, grey: bool = False, height=5.5):
        self.pdf.set_font("doc", "B" if bold else "", size)
        if grey:
            self.pdf.set_text_color(*GREY)
        value = self.printable(value)
        with self.shaping(value):
            self.pdf.multi_cell(0, height, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.pdf.set_text_color(0, 0, 0)
        self.pdf.set_font("doc", size=10)

    def heading(self, value: str):
        self.pdf.ln(4)
        self.text(value, size=12, bold=True, height=7)
        self.pdf.ln(1)

    def table(self, rows, col_widths, headings=True, align=None):
        texts = [cell[0] if isinstance(cell, tuple) else cell for cells in rows for cell in cells]
        with (
            self.shaping(*texts),
            self.pdf.table(
                col_widths=col_widths,
                first_row_as_headings=headings,
                headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
                line_height=5.5,
                padding=1.5,
                text_align=align or "LEFT",
                width=self.pdf.epw,
            ) as table,
        ):
            for cells in rows:
                row = table.row()
                for cell in cells:
                    if isinstance(cell, tuple):
                        row.cell(self.printable(cell[0]), colspan=cell[1], align="RIGHT")
                    else:
                        row.cell(self.printable(cell))

    def key_values(self, pairs):
        rows = [(label, value) for label, value in pairs if value]
        if rows:
            self.table(rows, col_widths=(32, 68), headings=False)
