import re
from decimal import Decimal
from io import BytesIO

import pytest
from babel import numbers as babel_numbers
from django.core import checks
from django.test import override_settings
from django.utils import translation
from pypdf import PdfReader

from scotemp.deals.choices import DealStatus, DocumentType
from scotemp.deals.documents import DocumentsUnavailable, document_number, render_document
from scotemp.deals.models import Deal

pytestmark = pytest.mark.django_db

LOCALES = {"zh-hans": "zh_Hans_CN", "ru": "ru", "en": "en"}


def squeeze(text: str) -> str:
    # pypdf returns the CID glyphs separated by spaces and NULs.
    return re.sub(r"[\s\x00]", "", text)


def pdf_text(data: bytes) -> str:
    return squeeze("".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages))


@pytest.mark.parametrize("language", ["zh-hans", "ru", "en"])
@pytest.mark.parametrize("doc_type", DocumentType.values)
def test_document_text_in_each_language(deal, doc_type, language, caplog):
    data = render_document(deal, doc_type, language)
    # fpdf2 only logs glyphs the font lacks (they print as blanks): none may be missing.
    assert not [r for r in caplog.records if "missing the following glyphs" in r.getMessage()]
    assert data.startswith(b"%PDF-")
    reader = PdfReader(BytesIO(data))
    text = pdf_text(data)

    with translation.override(language):
        title = str(DocumentType(doc_type).label)
        agreed = str(DealStatus.AGREED.label)
    assert squeeze(title) in text
    assert reader.metadata.title.startswith(title)
    assert reader.trailer["/Root"]["/Lang"] == language
    assert document_number(deal, doc_type) in text

    # 1250.5 t x 246.5 USD = 308,248.25 USD, in the language's number format.
    total = babel_numbers.format_decimal(Decimal("308248.25"), format="#,##0.00", locale=LOCALES[language])
    assert squeeze(f"{total} USD") in text
    assert "ТОО«АстыкЭкспорт»" in text and "重庆粮油食品有限公司" in text
    assert "AstykExportLLP" in text
    assert "100199" in text and "180140012349" in text
    assert "FCA" in text and "KZHOR" in text
    assert "重庆团结村站交货后通知买方" in text
    # The long goods description wraps instead of running off the page: all of it is there.
    assert text.count("влажностьнеболее14%.") == 2

    if doc_type == DocumentType.CONTRACT_SUMMARY:
        assert squeeze(agreed) in text  # the status timeline
        assert "____" in text  # the signature lines
    else:
        assert "____" not in text


def test_numbers_differ_by_language(deal):
    ru = pdf_text(render_document(deal, "proforma", "ru"))
    en = pdf_text(render_document(deal, "proforma", "en"))
    assert "308248,25USD" in ru  # the grouping space is squeezed out
    assert "308,248.25USD" in en


def test_no_agreed_terms_or_unknown_type_is_refused(deal):
    with pytest.raises(ValueError):
        render_document(deal, "invoice", "en")
    deal.agreed_terms = None
    with pytest.raises(ValueError):
        render_document(deal, "proforma", "en")


def test_missing_font_raises_and_warns(deal, tmp_path):
    with override_settings(SCOTEMP_PDF_FONT=str(tmp_path / "missing.ttf")):
        with pytest.raises(DocumentsUnavailable, match="SCOTEMP_PDF_FONT"):
            render_document(deal, "proforma", "en")
        warnings = [m for m in checks.run_checks() if m.id == "deals.W001"]
        assert len(warnings) == 1
    assert not [m for m in checks.run_checks() if m.id == "deals.W001"]


def test_hs_name_in_the_document_language(deal):
    """The HS code's name is the one of the document's language, whatever language is active around
    the call (a Chinese user downloads the Russian contract), with modeltranslation's fallback."""
    from scotemp.reference.models import HSCode

    HSCode.objects.filter(code="100199").update(
        description_en="Wheat and meslin: other than seed",
        description_ru="Пшеница и меслин прочие, кроме семенных",
        description_zh_hans="其他小麦及混合麦",
    )
    deal = Deal.objects.select_related("agreed_terms__hs_code").get(pk=deal.pk)
    with translation.override("zh-hans"):
        ru = pdf_text(render_document(deal, "proforma", "ru"))
    with translation.override("ru"):
        zh = pdf_text(render_document(deal, "proforma", "zh-hans"))
        en = pdf_text(render_document(deal, "proforma", "en"))
    assert "Пшеницаимеслинпрочие,кромесеменных" in ru and "其他小麦" not in ru
    assert "其他小麦及混合麦" in zh and "Пшеница" not in zh.replace("Пшеницамягкая", "")
    assert "Wheatandmeslin:otherthanseed" in en
    # No Chinese name: the fallback (English first) rather than an empty cell.
    HSCode.objects.filter(code="100199").update(description_zh_hans="")
    deal = Deal.objects.select_related("agreed_terms__hs_code").get(pk=deal.pk)
    assert "Wheatandmeslin:otherthanseed" in pdf_text(render_document(deal, "proforma", "zh-hans"))
