"""What a deal document embeds of its fonts: only the fonts that drew something, each cut down to the
glyphs drawn, from a per-process cut of the font file that holds every glyph drawn so far."""

import io
import threading
from pathlib import Path

_lock = threading.Lock()


class _Cuts:
    """Per font file, an in-memory cut holding every glyph drawn so far in this process: a document
    is subset from it instead of from the file (the CJK collection is 19 MB: fontTools needs ~0.5 s
    to subset it, a cut of a few hundred glyphs a few ms). A cut past ``limit`` glyphs starts over."""

    def __init__(self, limit: int = 4000):
        self.limit = limit
        self.cuts: dict[tuple[str, int], tuple[frozenset, bytes]] = {}

    def font_for(self, path: Path, face: int, glyphs: set[str]):
        from fontTools import ttLib

        key = (str(path), face)
        with _lock:
            held, data = self.cuts.get(key, (frozenset(), b""))
            if not glyphs <= held:
                wanted = held | glyphs if len(held | glyphs) <= self.limit else frozenset(glyphs)
                data = _cut(path, face, wanted)
                held = frozenset(wanted)
                self.cuts[key] = (held, data)
        # The cut has its bounding boxes computed; recomputing them from the outlines is most of what
        # fpdf2 would spend writing the font.
        return ttLib.TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False, lazy=True)

    def clear(self):
        with _lock:
            self.cuts.clear()


def _cut(path: Path, face: int, glyphs: frozenset) -> bytes:
    from fontTools import subset, ttLib

    font = ttLib.TTFont(path, fontNumber=face, recalcTimestamp=False, lazy=True)
    # Without subroutines: fpdf2 subsets the cut again for each document, and pruning CFF subroutines
    # is most of that work.
    options = subset.Options(
        notdef_outline=True, recommended_glyphs=True, glyph_names=True, desubroutinize=True
    )
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx", "FFTM"]
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=sorted(glyphs))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    font.close()
    return out.getvalue()


cuts = _Cuts()


def prepare_output(pdf) -> None:
    """Before fpdf2 writes ``pdf``: leaves out the fallback fonts no text used and gives each used
    font its own small font program to subset (fpdf2 subsets in place, so never the shared one)."""
    from fpdf.fonts import TTFFont

    for key, font in list(pdf.fonts.items()):
        if not isinstance(font, TTFFont):
            continue
        if key in pdf._fallback_font_ids and font.subset._next == 0 and not font.missing_glyphs:
            del pdf.fonts[key]
            continue
        glyphs = {name for name in font.subset.get_all_glyph_names() if name}
        font.ttfont = cuts.font_for(Path(font.ttffile), font.collection_font_number, glyphs)
