"""Fonts of the deal documents: which files, which script each one prints, and how they are shared.

A document is drawn with a chain of fonts: the first prints Latin and Cyrillic (every letter of
Russian, Kazakh, Kyrgyz, Tajik, Uzbek and Belarusian: ң ө ү ғ ӣ қ ӯ ҳ ҷ ў і, and the Uzbek ʻ), the
others are fpdf2 fallbacks for the letters the first lacks: Chinese, Arabic script (Persian) and
Devanagari (Hindi). Text in those two scripts goes through HarfBuzz (fpdf2's text shaping,
:func:`needs_shaping`), so Persian is joined and written right to left and Hindi conjuncts are formed.

- Latin, Cyrillic: NotoSans-{Regular,Bold}.ttf (Debian ``fonts-noto-core``, Fedora
  ``google-noto-sans-fonts``);
- Chinese: NotoSansCJK-{Regular,Bold}.ttc, face SC (``fonts-noto-cjk``, ``google-noto-sans-cjk-fonts``);
- Arabic script: NotoSansArabic or NotoNaskhArabic (``fonts-noto-core``,
  ``google-noto-sans-arabic-fonts``);
- Devanagari: NotoSansDevanagari (``fonts-noto-core``, ``google-noto-sans-devanagari-fonts``).

Files are looked for in ``SCOTEMP_PDF_FONT_DIRS`` (directories, ``:``-separated), then in the
directories where the distributions install them (:data:`FONT_DIRS`). ``SCOTEMP_PDF_FONT`` names a
file that is put first in the chain (its ``Bold`` sibling is used for bold when it exists).

Speed: fontTools parses a font (cmap, widths, glyph order) once per process; every document gets
light copies of those parsed fonts (:func:`attach`) that share the parsed tables and only own their
glyph subset. When the document is written, each font used is cut down to the glyphs drawn (fonts
not drawn are left out); the cut is made from a per-process cut of the file that holds every glyph
drawn so far (:mod:`.subsets`), so a document whose letters were all seen before does not open the
19 MB CJK collection again.

A letter that no font has is never dropped silently (fpdf2 would print nothing for it):
:func:`check_coverage` raises :class:`MissingGlyphs` when ``SCOTEMP_PDF_STRICT`` is on (the
default in the test suite) and otherwise logs an error naming the letters and prints the document.
"""

import logging
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

logger = logging.getLogger("scotemp.deals.documents")

FONT_EXTENSIONS = (".ttc", ".otc", ".ttf", ".otf")
# Faces of the NotoSansCJK/NotoSerifCJK collections: JP, KR, SC, TC, HK. SC has the Chinese forms.
NOTO_CJK_SC_FACE = 2

# Where the distributions install the Noto fonts.
FONT_DIRS = {
    "Debian/Ubuntu": (
        "/usr/share/fonts/truetype/noto",
        "/usr/share/fonts/opentype/noto",
        "/usr/share/fonts/opentype/noto-cjk",
    ),
    "Fedora/RHEL": (
        "/usr/share/fonts/google-noto",
        "/usr/share/fonts/google-noto-sans-cjk-fonts",
        "/usr/share/fonts/google-noto-cjk",
        "/usr/share/fonts/google-noto-sans-arabic-fonts",
        "/usr/share/fonts/google-noto-sans-devanagari-fonts",
        "/usr/share/fonts/google-noto-naskh-arabic-fonts",
    ),
    "Arch, Alpine": ("/usr/share/fonts/noto", "/usr/share/fonts/noto-cjk"),
    "openSUSE": ("/usr/share/fonts/truetype", "/usr/share/fonts/opentype"),
}


@dataclass(frozen=True)
class Face:
    """One link of the chain: the files that may provide it (first found wins) and who installs them."""

    key: str
    files: tuple[tuple[str, str, int], ...]  # (regular file name, bold file name, face in a collection)
    debian: str
    fedora: str


FACES = (
    Face(
        "sans",
        (("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", 0),),
        "fonts-noto-core",
        "google-noto-sans-fonts",
    ),
    Face(
        "cjk",
        (
            ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", NOTO_CJK_SC_FACE),
            ("NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Bold.otf", 0),
            ("NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf", 0),
        ),
        "fonts-noto-cjk",
        "google-noto-sans-cjk-fonts",
    ),
    Face(
        "arabic",
        (
            ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", 0),
            ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf", 0),
        ),
        "fonts-noto-core",
        "google-noto-sans-arabic-fonts",
    ),
    Face(
        "devanagari",
        (("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", 0),),
        "fonts-noto-core",
        "google-noto-sans-devanagari-fonts",
    ),
)

# The scripts the names of SCO-region companies are written in, with letters each must print,
# and the face that normally prints them (named in the check's warning when none does).
SCRIPTS = (
    (
        pgettext_lazy("writing system", "Cyrillic (Russian, Kazakh, Kyrgyz, Tajik, Uzbek, Belarusian)"),
        "ЖжЁёңҢөүұһәғқӣӯҳҷўі",
        "sans",
    ),
    (pgettext_lazy("writing system", "Latin (Uzbek oʻ, gʻ)"), "AaÄäOoʻGgʻ'", "sans"),
    (pgettext_lazy("writing system", "Chinese"), "中华人民共和国重庆粮油", "cjk"),
    (pgettext_lazy("writing system", "Arabic script (Persian)"), "فارسیپچژگکی", "arabic"),
    (pgettext_lazy("writing system", "Devanagari (Hindi)"), "हिन्दीक्षत्रज्ञ", "devanagari"),
)


class DocumentsUnavailable(Exception):
    """No usable font for the documents on this server (the operator has to install one)."""

    def __init__(self, path: str = ""):
        if path:
            message = _(
                "Deal documents cannot be generated: the font file %(path)s does not exist or is not a "
                "TrueType/OpenType font. Set SCOTEMP_PDF_FONT to a usable .ttc, .ttf or .otf file or "
                "install the fonts-noto-core and fonts-noto-cjk packages."
            ) % {"path": path}
        else:
            message = _(
                "Deal documents cannot be generated: no Noto font was found. Install the "
                "fonts-noto-core and fonts-noto-cjk packages or set SCOTEMP_PDF_FONT to a .ttc, .ttf or "
                ".otf file."
            )
        super().__init__(message)


class MissingGlyphs(Exception):
    """Text of a document has letters that no installed font can print."""

    def __init__(self, letters: str):
        self.letters = letters
        names = ", ".join(f"{c} (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in letters)
        super().__init__(f"No font of the deal documents prints: {names}")


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path
    face: int
    key: str = "custom"


def _bold_of(regular: Path) -> Path:
    bold = regular.with_name(regular.name.replace("Regular", "Bold"))
    return bold if bold != regular and bold.is_file() else regular


def _custom(setting: str) -> FontFiles | None:
    path = Path(setting)
    if not path.is_file() or path.suffix.lower() not in FONT_EXTENSIONS:
        return None
    is_noto_cjk = path.name.startswith(("NotoSansCJK", "NotoSerifCJK"))
    face = NOTO_CJK_SC_FACE if is_noto_cjk and path.suffix.lower() in (".ttc", ".otc") else 0
    return FontFiles(path, _bold_of(path), face)


def _search_dirs(extra: str) -> list[Path]:
    dirs = [Path(d) for d in extra.split(":") if d.strip()]
    return dirs + [Path(d) for group in FONT_DIRS.values() for d in group]


def _find_face(face: Face, search: list[Path]) -> FontFiles | None:
    for regular, bold, number in face.files:
        for directory in search:
            if (directory / regular).is_file():
                bold_path = directory / bold
                if not bold_path.is_file():
                    bold_path = directory / regular
                return FontFiles(directory / regular, bold_path, number, face.key)
    return None


_chains: dict[tuple[str, str], tuple[FontFiles, ...] | None] = {}


def font_chain(setting: str | None = None, dirs: str | None = None) -> tuple[FontFiles, ...] | None:
    """The font files of a document, first font first (``None`` when ``SCOTEMP_PDF_FONT`` names an
    unusable file); cached per settings value, the file system is probed once per process."""
    if setting is None:
        setting = getattr(settings, "SCOTEMP_PDF_FONT", "") or ""
    if dirs is None:
        dirs = getattr(settings, "SCOTEMP_PDF_FONT_DIRS", "") or ""
    key = (setting, dirs)
    if key not in _chains:
        chain: list[FontFiles] = []
        if setting:
            custom = _custom(setting)
            if custom is None:
                _chains[key] = None
                return None
            chain.append(custom)
        search = _search_dirs(dirs)
        for face in FACES:
            found = _find_face(face, search)
            if found and all(found.regular != f.regular for f in chain):
                chain.append(found)
        _chains[key] = tuple(chain)
    return _chains[key]


def find_font() -> FontFiles:
    """The first font of the documents (``SCOTEMP_PDF_FONT`` or Noto Sans, else the first Noto found).

    Raises :class:`DocumentsUnavailable` when there is none."""
    return find_fonts()[0]


def find_fonts() -> tuple[FontFiles, ...]:
    """Every font of the documents' chain, first font first; raises :class:`DocumentsUnavailable`
    when ``SCOTEMP_PDF_FONT`` is unusable or no font at all is installed."""
    setting = getattr(settings, "SCOTEMP_PDF_FONT", "") or ""
    chain = font_chain()
    if not chain:
        raise DocumentsUnavailable(setting)
    return chain


# --- parsed fonts, once per process -------------------------------------------------------------

_lock = threading.RLock()
_templates: dict[tuple[str, int, str], object] = {}


def _template(path: Path, face: int, style: str):
    """fpdf2's parsed font for a file (cmap, widths, glyph order, HarfBuzz face), parsed once."""
    key = (str(path), face, style)
    with _lock:
        if key not in _templates:
            from fpdf import FPDF

            scratch = FPDF()
            try:
                scratch.add_font("t", style, path, collection_font_number=face)
            except Exception as error:  # a damaged or unsupported file: fontTools raises many kinds
                raise DocumentsUnavailable(str(path)) from error
            font = scratch.fonts["t" + style]
            # Load now what shaping reads, so copies in several threads never load it lazily at once.
            font.ttfont.getGlyphOrder()
            font.hbfont  # noqa: B018 - the HarfBuzz face, shared by every copy
            _templates[key] = font
        return _templates[key]


def families(chain: tuple[FontFiles, ...]) -> list[str]:
    """Family names of a chain in a document: ``doc`` for the first, ``doc1``, ``doc2`` … after it."""
    return ["doc" if i == 0 else f"doc{i}" for i in range(len(chain))]


_coverage: dict[tuple[FontFiles, ...], frozenset[int]] = {}


def coverage(chain: tuple[FontFiles, ...]) -> frozenset[int]:
    """Code points some regular font of the chain prints (computed once per chain)."""
    with _lock:
        if chain not in _coverage:
            covered: set[int] = set()
            for files in chain:
                covered.update(_template(files.regular, files.face, "").cmap)
            _coverage[chain] = frozenset(covered)
        return _coverage[chain]


def attach(pdf, chain: tuple[FontFiles, ...]) -> None:
    """Registers the chain's fonts (regular and bold) in ``pdf`` as light copies of the parsed fonts,
    and the fonts after the first as fallbacks."""
    from fpdf.fonts import SubsetMap, TTFFont

    names = families(chain)
    for family, files in zip(names, chain, strict=True):
        for style, path in (("", files.regular), ("B", files.bold)):
            template = _template(path, files.face, style)
            font = TTFFont.__new__(TTFFont)
            for slot in TTFFont.__slots__:
                if hasattr(template, slot):
                    setattr(font, slot, getattr(template, slot))
            font.i = len(pdf.fonts) + 1
            font.fontkey = f"{family}{style}"
            font.missing_glyphs = []
            font.biggest_size_pt = 0
            font.subset = SubsetMap(font)
            pdf.fonts[font.fontkey] = font
            if font.is_cff and font.is_cid_keyed:
                pdf._set_min_pdf_version("1.6")
    if len(names) > 1:
        pdf.set_fallback_fonts(names[1:], exact_match=False)


def needs_shaping(text: str) -> bool:
    """Whether ``text`` has letters that only print right through HarfBuzz: right-to-left scripts
    (joining, order), Indic scripts (conjuncts, vowel signs placed before the consonant) and combining
    marks. Latin, Cyrillic and Chinese print the same without it, and measuring text through HarfBuzz
    for line breaking costs a third of a document's time."""
    return any(
        0x0900 <= ord(char) <= 0x0DFF
        or unicodedata.bidirectional(char) in ("R", "AL", "AN")
        or unicodedata.category(char) == "Mn"
        for char in text
        if ord(char) > 0x02FF
    )


def uncovered(text: str, covered: frozenset[int]) -> str:
    """The distinct letters of ``text`` that no font of the chain prints, in order of appearance."""
    missing = []
    for char in text:
        code = ord(char)
        # Spaces, controls, joiners and direction marks (Cc, Cf) and variation selectors need no glyph.
        if code in covered or char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        if 0xFE00 <= code <= 0xFE0F or char in missing:
            continue
        missing.append(char)
    return "".join(missing)


def strict() -> bool:
    return bool(getattr(settings, "SCOTEMP_PDF_STRICT", False))


def check_coverage(text: str, covered: frozenset[int], where: str) -> None:
    """Refuses (strict) or logs an error for letters of ``text`` no font prints."""
    letters = uncovered(text, covered)
    if not letters:
        return
    error = MissingGlyphs(letters)
    if strict():
        raise error
    logger.error("%s: %s; install fonts-noto-core and fonts-noto-cjk or set SCOTEMP_PDF_FONT", where, error)


def missing_scripts() -> list[tuple[str, Face]]:
    """The scripts of :data:`SCRIPTS` that the installed fonts cannot print, with the face that would."""
    chain = font_chain()
    covered = coverage(chain) if chain else frozenset()
    faces = {face.key: face for face in FACES}
    return [(name, faces[face]) for name, letters, face in SCRIPTS if uncovered(letters, covered)]
