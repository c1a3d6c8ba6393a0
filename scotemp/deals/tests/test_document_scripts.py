"""Every letter of every name prints in the deal documents, whatever the script (issue 10).

Names of the parties and the goods line are written in each script the platform's users write their
companies' names in. Two checks:

- **text**: pypdf's extraction of the document, NFC-normalized and without spaces, contains the name
  letter for letter. This holds for every script, Persian and Hindi included: fpdf2 maps each shaped
  glyph (Arabic joining forms, Devanagari conjuncts) back to the letters of its cluster. Persian is
  drawn right to left: pypdf gives its words in visual order, so the check reads the words reversed
  (each word's letters come in logical order).
- **glyphs**: shaped with HarfBuzz in the font the document draws it with, no run of the name gives
  ``.notdef`` (glyph 0, an empty box). This is the check that matters for Persian and Hindi, where
  one glyph stands for several letters (a conjunct) or one letter takes several forms: a letter the
  font cannot join or combine shows here even when the text check cannot tell. It runs for every
  script.
"""

import re
import unicodedata
from io import BytesIO

import pytest
from django.test import override_settings
from django.utils import translation
from pypdf import PdfReader

from scotemp.deals.choices import DocumentType
from scotemp.deals.documents import MissingGlyphs, find_fonts, render_document

pytestmark = pytest.mark.django_db

NAMES = {
    "Kazakh": "ТОО «Жеңіс Астық»",
    "Kyrgyz": "ОсОО «Түштүк Өңүр Агро»",
    "Tajik": "ҶДММ «Ғаллаи Қӯрғонтеппа ва Ҳисори Маҳаллӣ»",
    "Uzbek Cyrillic": "МЧЖ «Қўқон Ғалла Ҳосили»",
    "Uzbek Latin": "Qoʻqon Gʻalla MChJ",
    "Uzbek Latin, ASCII apostrophe": "Farg'ona O'zbek Don MChJ",
    "Belarusian": "ТАА «Беларускі Ўраджай»",
    "Russian": "ООО «Сибирская Нива — Зерно»",
    "Chinese": "新疆棉花贸易有限公司",
    "Persian": "شرکت بازرگانی گندم پارس",
    "Hindi": "भारत कृषि निर्यात प्राइवेट लिमिटेड",
}
RIGHT_TO_LEFT = {"Persian"}


def letters(text: str) -> str:
    # Spaces, and the control characters pypdf puts for the extra glyphs of a shaped cluster (the
    # cluster's letters are mapped on its first glyph; the others map to none).
    return re.sub(r"[\s\x00-\x1f]", "", unicodedata.normalize("NFC", text))


def expected(script: str, name: str) -> str:
    """The name as pypdf reads it: a right-to-left name's words come in visual order (right to left),
    each word's letters in logical order."""
    words = name.split()
    return letters(" ".join(reversed(words) if script in RIGHT_TO_LEFT else words))


def extracted(data: bytes) -> str:
    return letters("".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages))


_cmaps: dict = {}


def notdef_runs(name: str) -> list[str]:
    """Runs of ``name`` that HarfBuzz shapes to .notdef (glyph 0) in the font the documents draw them
    with (the first font of the chain that maps the run's letters), as fpdf2 does when it lays out."""
    import uharfbuzz as hb
    from fontTools import ttLib

    chain = find_fonts()
    for files in chain:
        if files.regular not in _cmaps:
            font = ttLib.TTFont(files.regular, fontNumber=files.face, lazy=True)
            _cmaps[files.regular] = set(font.getBestCmap())

    def font_of(char):
        return next((f for f in chain if ord(char) in _cmaps[f.regular]), chain[0])

    runs, bad = [], []
    for char in name:
        if runs and font_of(char) == runs[-1][0]:
            runs[-1][1].append(char)
        else:
            runs.append((font_of(char), [char]))
    for files, chars in runs:
        buffer = hb.Buffer()
        buffer.add_str("".join(chars))
        buffer.guess_segment_properties()
        hb.shape(hb.Font(hb.Face(hb.Blob.from_file_path(files.regular), files.face)), buffer, {})
        if any(info.codepoint == 0 for info in buffer.glyph_infos):
            bad.append(f"{files.regular.name}: {''.join(chars)!r}")
    return bad


@pytest.fixture
def named_deal(deal):
    def rename(name):
        deal.buyer.name = name
        deal.buyer.save()
        deal.agreed_terms.goods = f"{name}: пшеница / 小麦 / wheat"
        deal.agreed_terms.save()
        return deal

    return rename


@pytest.mark.parametrize("script", NAMES)
def test_every_letter_of_a_name_prints(named_deal, script):
    name = NAMES[script]
    deal = named_deal(name)
    for doc_type, language in ((DocumentType.CONTRACT_SUMMARY, "ru"), ("proforma", "zh-hans")):
        data = render_document(deal, doc_type, language)
        text = extracted(data)
        # The buyer (parties table), the goods line and, in the contract, the signature block.
        assert text.count(expected(script, name)) >= (
            3 if doc_type == DocumentType.CONTRACT_SUMMARY else 2
        ), (script, text)
    assert not notdef_runs(name), script


def test_all_scripts_in_one_document(deal):
    """Names in every script side by side: the fallback fonts take turns within one line."""
    deal.agreed_terms.note = " / ".join(NAMES.values())  # a text field: longer than the goods' 200
    deal.agreed_terms.save()
    text = extracted(render_document(deal, "proforma", "en"))
    for script, name in NAMES.items():
        assert expected(script, name) in text, script


def test_a_letter_no_font_has_is_refused_or_logged(deal, caplog):
    deal.buyer.name = "ТОО «Жеңіс» \U000118a0"  # Warang Citi: no Noto font installed has it
    deal.buyer.save()
    with pytest.raises(MissingGlyphs, match="U\\+118A0"):
        render_document(deal, "proforma", "ru")
    with override_settings(SCOTEMP_PDF_STRICT=False):
        data = render_document(deal, "proforma", "ru")
    assert data.startswith(b"%PDF-")
    assert [r for r in caplog.records if r.levelname == "ERROR" and "U+118A0" in r.getMessage()]


def test_check_names_the_package_of_a_missing_script(deal, tmp_path, monkeypatch):
    """With Noto Sans CJK alone (the set-up before issue 10), the check says which scripts cannot be
    printed and which package to install, and a Kazakh name is refused instead of printed without ң."""
    from django.core import checks

    from scotemp.deals.documents import fonts

    cjk = next(f for f in find_fonts() if f.key == "cjk")
    (tmp_path / cjk.regular.name).symlink_to(cjk.regular)
    monkeypatch.setattr(fonts, "FONT_DIRS", {})
    deal.buyer.name = NAMES["Kazakh"]
    deal.buyer.save()
    with override_settings(SCOTEMP_PDF_FONT_DIRS=str(tmp_path)), translation.override("en"):
        [warning] = [m for m in checks.run_checks() if m.id == "deals.W001"]
        assert "Cyrillic" in warning.msg and "Persian" in warning.msg and "Hindi" in warning.msg
        assert "Chinese" not in warning.msg
        assert "fonts-noto-core" in warning.hint and "fonts-noto-cjk" not in warning.hint
        with pytest.raises(MissingGlyphs, match="ң"):
            render_document(deal, "proforma", "ru")


def test_fonts_parsed_once_and_only_used_fonts_embedded(deal, monkeypatch):
    """A second document parses no font file again, and a document without Chinese, Persian or Hindi
    embeds only the Latin/Cyrillic font (the unused fallbacks are left out)."""
    from fpdf import FPDF

    deal.buyer.name = NAMES["Kazakh"]
    deal.buyer.save()
    deal.agreed_terms.note = "Уведомить покупателя после отгрузки"
    deal.agreed_terms.save()
    render_document(deal, "proforma", "ru")

    def parse(*args, **kwargs):
        raise AssertionError("a font file was parsed again")

    monkeypatch.setattr(FPDF, "add_font", parse)
    data = render_document(deal, "proforma", "ru")
    bases = {
        str(font["/BaseFont"])
        for page in PdfReader(BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert bases == {"/MPDFAA+NotoSans", "/MPDFAA+NotoSansBold"}, bases
    assert extracted(data).count(expected("Kazakh", NAMES["Kazakh"])) == 1
