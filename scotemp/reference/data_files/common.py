"""Reading the data files, and the Russian sentence case of names written in capitals."""

import csv
import datetime
import re
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

ROMAN = {
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11,
    "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20,
    "XXI": 21,
}  # fmt: skip
ROMAN_BY_NUMBER = {number: roman for roman, number in ROMAN.items()}

# Latin words kept upper case in Russian names (abbreviations used as such in the ТН ВЭД text).
_LATIN_KEEP_UPPER = {"LED", "OSB", "L"}
_LATIN_WORD = re.compile(r"[A-Za-z]+\.?")


def read_csv(name: str) -> list[dict]:
    """Rows of a data file as dicts; ``utf-8-sig`` drops the BOM some sources start with."""
    with open(DATA_DIR / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def sentence_case_ru(text: str) -> str:
    """Turn an upper-case ТН ВЭД name into sentence case, the way the printed nomenclature reads.

    Cyrillic is lowered and the first letter raised; Latin botanical and zoological names keep a
    capital genus and a lower-case species ("Gallus domesticus", "Cichorium spp."), and the
    abbreviations LED, OSB and "L." (Linnaeus) stay as they are. Doubled spaces are collapsed.
    """
    text = " ".join(text.split())
    lowered = text.lower()
    result = []
    previous_latin_end = None
    position = 0
    for match in _LATIN_WORD.finditer(text):
        result.append(lowered[position : match.start()])
        word = match.group()
        bare = word.rstrip(".")
        between = text[previous_latin_end : match.start()] if previous_latin_end is not None else None
        follows_latin = between is not None and between.strip() == ""
        if bare in _LATIN_KEEP_UPPER:
            result.append(word)
        elif follows_latin or bare.upper() in {"SPP", "TURF"}:
            result.append(word.lower())
        else:
            result.append(word.capitalize())
        previous_latin_end = match.end()
        position = match.end()
    result.append(lowered[position:])
    sentence = "".join(result)
    return sentence[:1].upper() + sentence[1:]


def capitalize_first(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


_LOWER_CYRILLIC = re.compile(r"[а-яё]")


def sentence_case_ru_composed(text: str) -> str:
    """Sentence case for a ТН ВЭД subheading name composed as ``HEADING: parent: own text``.

    The heading part is upper case in the source (and may itself hold a colon: "… ДВА ИЛИ ТРИ
    ПИТАТЕЛЬНЫХ ЭЛЕМЕНТА: АЗОТ, ФОСФОР И КАЛИЙ; …"); it is the longest prefix before ": " without
    a lower-case Cyrillic letter and is put in sentence case like a heading. The rest is already in
    the nomenclature's own case ("ДДТ (ISO)", "п-хлорфенил") and is kept. A name without such a
    prefix is treated as a whole: sentence case when it is all upper case, else its first letter raised.
    """
    text = " ".join(text.split())
    if not _LOWER_CYRILLIC.search(text):
        return sentence_case_ru(text)  # a heading, or a name all in upper case
    split = -1
    for match in re.finditer(": ", text):
        if _LOWER_CYRILLIC.search(text[: match.start()]):
            break
        split = match.start()
    if split < 0:
        return capitalize_first(text)
    return sentence_case_ru(text[:split]) + ": " + text[split + 2 :]


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value.strip())
