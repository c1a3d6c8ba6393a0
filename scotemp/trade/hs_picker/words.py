"""How a query and an HS name are read as words: spellings, stems, stop words, Chinese runs."""

import re
from dataclasses import dataclass

from scotemp.core.text import is_cjk, normalize, runs, stem

# British and American spellings (and a few variants) read as one word, on both sides.
_SPELLING = {
    "aluminum": "aluminium",
    "tire": "tyre",
    "tires": "tyres",
    "color": "colour",
    "colors": "colours",
    "colored": "coloured",
    "coloring": "colouring",
    "flavor": "flavour",
    "flavored": "flavoured",
    "flavoring": "flavouring",
    "odor": "odour",
    "fiber": "fibre",
    "fibers": "fibres",
    "center": "centre",
    "liter": "litre",
    "liters": "litres",
    "meter": "metre",
    "meters": "metres",
    "sulfur": "sulphur",
    "sulfuric": "sulphuric",
    "sulfate": "sulphate",
    "sulfates": "sulphates",
    "sulfide": "sulphide",
    "gray": "grey",
    "jewelry": "jewellery",
    "mold": "mould",
    "molds": "moulds",
    "molded": "moulded",
    "plow": "plough",
    "plows": "ploughs",
    "pajamas": "pyjamas",
    "catalog": "catalogue",
    "whiskey": "whisky",
    "yoghurt": "yogurt",
    "mustache": "moustache",
    "aging": "ageing",
    "cozy": "cosy",
    "ax": "axe",
    "gasoline": "petrol",
    "programme": "program",
    "tonnes": "tons",
}
_ISE = re.compile(r"(?<=[a-z]{3})is(e|es|ed|er|ers|ing|ation|ations)$")

# Words about quantity, packing or trading rather than the goods; dropped when others remain.
_STOPWORDS = {
    # English
    "a", "an", "and", "the", "of", "for", "from", "in", "with", "to", "or", "t", "mt", "ton", "tons",
    "tonne", "kg", "kgs", "g", "pcs", "pc", "piece", "pieces", "unit", "units", "lot", "lots", "bulk",
    "buy", "buying", "sell", "selling", "sale", "supply", "supplier", "export", "import", "wholesale",
    "price", "offer", "need", "want", "cheap", "quality",
    # Russian
    "и", "в", "во", "на", "с", "со", "из", "для", "по", "от", "до", "т", "тн", "тонна", "тонны",
    "тонн", "тонну", "кг", "килограмм", "шт", "штук", "штука", "партия", "партию", "оптом", "опт",
    "купить", "куплю", "продам", "продать", "продажа", "покупка", "поставка", "поставки", "экспорт",
    "импорт", "цена", "нужен", "нужна", "нужно", "нужны", "предложение",
}  # fmt: skip
_CJK_STOPWORDS = ("求购", "采购", "供应", "出口", "进口", "批发", "现货", "公斤", "千克", "大量", "吨", "批")


def canonical(word: str) -> str:
    """One spelling for British/American variants of a normalized Latin word."""
    word = _SPELLING.get(word, word)
    if word.isascii():
        word = _ISE.sub(lambda m: "iz" + m.group(1), word)
    return word


def _is_cyrillic(word: str) -> bool:
    return any("а" <= ch <= "я" for ch in word)


_VOWELS = set("аеиоуыэюяй")


def _variants(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(what may start a name's word, what a name's word may stem to) for a query word.

    Starts: the word as typed, its stem when 4+ letters long and, for a Russian stem, the form with
    its fleeting vowel added or dropped ("хлопк" ↔ "хлопок"). A shorter stem ("cars" → "car") must
    be a word's whole stem, so that it does not find "carrots"."""
    starts, stems = {word}, set()
    root = stem(word)
    if len(root) >= 4:
        starts.add(root)
        if _is_cyrillic(root):
            last, before = root[-1], root[-2]
            if last not in _VOWELS and before not in _VOWELS:
                starts.update({root[:-1] + "о" + last, root[:-1] + "е" + last})
            elif last not in _VOWELS and before in "оеё" and root[-3] not in _VOWELS:
                starts.add(root[:-2] + last)
    else:
        stems.add(root)
    return tuple(sorted(starts)), tuple(sorted(stems))


_CJK_RUN = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+)")
_WORD = re.compile(r"[^\W_]+")


def _name_words(normalized: str) -> tuple[list[str], str]:
    """(canonical non-CJK words, CJK text joined) of a normalized name: as :func:`runs` splits it,
    by regular expressions (the index holds ~20,000 names)."""
    pieces = _CJK_RUN.split(normalized)
    words = [canonical(w) for piece in pieces[0::2] for w in _WORD.findall(piece)]
    return words, " ".join(pieces[1::2])


@dataclass(frozen=True)
class Query:
    text: str  # normalized
    words: tuple[tuple[bool, str, tuple], ...]  # (is CJK, word, _variants(word))
    key: tuple[str, ...]  # for the search terms: stems of the words, sorted


def parse_query(query: str) -> Query:
    text = normalize(query).strip()
    for stopword in _CJK_STOPWORDS:
        text = text.replace(stopword, " ")
    pieces = [(cjk, run if cjk else canonical(run)) for cjk, run in runs(text)]
    # Quantities ("500 tons", "100吨") and trade words say nothing about the goods.
    content = [(cjk, run) for cjk, run in pieces if cjk or (run not in _STOPWORDS and not run.isdigit())]
    pieces = content or pieces
    words = tuple((cjk, run, ((run,), ()) if cjk else _variants(run)) for cjk, run in pieces)
    return Query(text=text, words=words, key=_term_key(run for _cjk, run in pieces))


def _term_key(words) -> tuple[str, ...]:
    return tuple(sorted(word if is_cjk(word[0]) else stem(word) for word in words if word))


def _may_match(blob: str, cjk: bool, word: str, options: tuple[str, ...]) -> bool:
    """The cheap test on all of an entry's names together, before scoring it."""
    if cjk:
        return all(ch in blob for ch in word) or (len(word) > 2 and word[:-1] in blob)
    return any(n in blob for n in options)
