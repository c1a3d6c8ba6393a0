"""The in-memory index of HS names in three languages, rebuilt when the nomenclature changes, and the
searches over it."""

import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Sum
from django.db.models.functions import Length
from django.utils import translation

from scotemp.core.text import normalize, stem
from scotemp.reference.choices import NameSource
from scotemp.reference.data_files import hs_search_term_rows
from scotemp.reference.models import HSCode

from ..choices import LANGUAGE_SUFFIX
from .words import Query, _may_match, _name_words, parse_query

LEVELS = (4, 6)
CHECK_SECONDS = 10.0
DEFAULT_LIMIT = 10
LANGUAGES = ("en", "zh-hans", "ru")
_SOURCE_FIELD = {"zh-hans": "zh_hans_source", "ru": "ru_source"}


@dataclass(slots=True)
class Entry:
    code: str
    level: int
    names: dict[str, str]  # language code → name ("" when not translated)
    sources: dict[str, str]  # language code → NameSource value ("" when not translated)
    starts: tuple[str, ...]  # each language's normalized name, for "starts with the query"
    blobs: tuple[str, ...]  # " word word … | stem stem … " per language: word prefixes, whole stems
    firsts: tuple[str, ...]  # " first-word | its stem " per language
    cjk: tuple[str, ...]  # CJK text per language
    blob: str = ""  # all languages and the code together
    children: list[str] = field(default_factory=list)


class HSIndex:
    def __init__(self, entries: dict[str, Entry], terms: dict, version):
        self.by_code = entries
        self.entries = [e for e in entries.values() if e.level in LEVELS]
        self.chapters = sorted(code for code, e in entries.items() if e.level == 2)
        self.terms = terms  # term key → set of codes
        self.single_terms = {key[0]: codes for key, codes in terms.items() if len(key) == 1}
        self.version = version

    def name(self, code: str, language: str) -> str:
        entry = self.by_code.get(code)
        if entry is None:
            return ""
        return entry.names.get(language) or entry.names.get("en") or ""

    # --- searching ----------------------------------------------------------------------------------

    def search(self, query: str, language: str | None = None, limit: int = DEFAULT_LIMIT) -> list[dict]:
        language = language if language in LANGUAGE_SUFFIX else _active_language()
        parsed = parse_query(query)
        if not parsed.text:
            return []
        compact = parsed.text.replace(".", "").replace(" ", "")
        if compact.isdigit():
            hits = [
                (0 if e.code == compact else 1, e.level, e.code, e)
                for e in self.entries
                if e.code.startswith(compact)
            ]
        else:
            hits = self._text_hits(parsed)
        hits.sort(key=lambda h: h[:-1])
        return [self._result(h[-1], language) for h in hits[:limit]]

    def _term_codes(self, parsed: Query) -> tuple[set[str], list[set[str]]]:
        """(codes whose search term is the whole query, codes per query word by a one-word term)."""
        whole = set(self.terms.get(parsed.key, ()))
        per_word = []
        for cjk, word, (starts, stems) in parsed.words:
            keys = {word} if cjk else {stem(v) for v in starts} | set(starts) | set(stems)
            per_word.append(set().union(*(self.single_terms.get(key, ()) for key in keys)))
        return whole, per_word

    def _text_hits(self, parsed: Query) -> list[tuple]:
        if not parsed.words:
            return []
        if len(parsed.words) == 1 and not parsed.words[0][0] and len(parsed.words[0][1]) < 2:
            # One letter: only names that start with it (a word of one letter matches everything).
            letter = parsed.words[0][1]
            return [(e.level, e.code, e) for e in self.entries if any(n.startswith(letter) for n in e.starts)]
        whole, per_word = self._term_codes(parsed)
        term_codes = whole.union(*per_word)
        needles = [
            (cjk, word, tuple(" " + v for v in starts) + tuple(" " + v + " " for v in stems))
            for cjk, word, (starts, stems) in parsed.words
        ]
        hits = []
        for entry in self.entries:
            blob = entry.blob
            if entry.code not in term_codes and not any(
                _may_match(blob, cjk, word, options) for cjk, word, options in needles
            ):
                continue
            score = 0.0
            matched_all = True
            first_word = starts = term_hit = False
            for i, (cjk, word, options) in enumerate(needles):
                best = 0.0
                if entry.code in per_word[i] or entry.code in whole:
                    best = 1.0
                    term_hit = True
                for lang_blob, first, text in zip(entry.blobs, entry.firsts, entry.cjk, strict=True):
                    if cjk:
                        if word in text:
                            best = 1.0
                            first_word = first_word or text.startswith(word)
                        elif best < 0.5 and len(word) > 1 and all(ch in text for ch in word):
                            best = 0.5
                        elif best < 0.3 and len(word) > 2 and word[:-1] in text:
                            best = 0.3  # "核桃仁" → "核桃"
                    elif any(n in lang_blob for n in options):
                        best = 1.0
                        first_word = first_word or any(n in first for n in options)
                score += best
                matched_all = matched_all and best > 0
            if score == 0:
                continue
            starts = any(name.startswith(parsed.text) for name in entry.starts)
            hits.append(
                (
                    entry.code not in whole,
                    not matched_all,
                    -score,
                    not term_hit,
                    not starts,
                    not first_word,
                    entry.level,
                    entry.code,
                    entry,
                )
            )
        return hits

    # --- browsing -----------------------------------------------------------------------------------

    def children(self, code: str, language: str | None = None) -> list[dict] | None:
        """The headings of a chapter or the subheadings of a heading (the chapters for ""), or None
        for a code that is not a chapter or heading."""
        language = language if language in LANGUAGE_SUFFIX else _active_language()
        if not code:
            return [self._result(self.by_code[c], language) for c in self.chapters]
        entry = self.by_code.get(code)
        if entry is None or entry.level not in (2, 4):
            return None
        return [self._result(self.by_code[c], language) for c in entry.children]

    def describe(self, code: str, language: str | None = None) -> dict | None:
        language = language if language in LANGUAGE_SUFFIX else _active_language()
        entry = self.by_code.get(code)
        return self._result(entry, language) if entry else None

    def _result(self, entry: Entry, language: str) -> dict:
        path = []
        for code in (entry.code[:2], entry.code[:4]):
            if code != entry.code and len(code) < len(entry.code):
                path.append({"code": code, "name": self.name(code, language)})
        own = entry.names.get(language)
        return {
            "code": entry.code,
            "level": entry.level,
            "name": own or entry.names.get("en") or "",
            "name_language": language if own else "en",
            "translated": bool(own) and entry.sources.get(language) == NameSource.PLATFORM,
            "children": len(entry.children),
            "path": path,
        }


def _active_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in LANGUAGE_SUFFIX else "en"


def names_fingerprint() -> tuple:
    """Changes whenever HS codes or their names (in any language, or their sources) change."""
    row = HSCode.objects.aggregate(
        n=Count("code"),
        top=Max("code"),
        en=Sum(Length("description_en")),
        zh=Sum(Length("description_zh_hans")),
        ru=Sum(Length("description_ru")),
        zs=Sum(Length("zh_hans_source")),
        rs=Sum(Length("ru_source")),
    )
    return tuple(row[k] for k in ("n", "top", "en", "zh", "ru", "zs", "rs"))


def _entry(code, level, names: dict, sources: dict) -> Entry:
    starts, blobs, firsts, cjks = [], [], [], []
    for language in LANGUAGES:
        normalized = normalize(names[language])
        words, cjk = _name_words(normalized)
        starts.append(normalized)
        blobs.append(" " + " ".join(words) + " | " + " ".join(stem(w) for w in words) + " ")
        firsts.append(f" {words[0]} | {stem(words[0])} " if words else "")
        cjks.append(cjk)
    return Entry(
        code=code,
        level=level,
        names=names,
        sources=sources,
        starts=tuple(starts),
        blobs=tuple(blobs),
        firsts=tuple(firsts),
        cjk=tuple(cjks),
        blob=" " + code + "".join(blobs) + " " + " ".join(cjks),
    )


def _build(version) -> HSIndex:
    entries: dict[str, Entry] = {}
    fields = ("code", "level", "description_en", "description_zh_hans", "description_ru")
    rows = HSCode.objects.order_by("code").values_list(*fields, "zh_hans_source", "ru_source")
    for code, level, en, zh, ru, zh_source, ru_source in rows:
        names = {"en": en or "", "zh-hans": zh or "", "ru": ru or ""}
        sources = {"en": NameSource.OFFICIAL, "zh-hans": zh_source, "ru": ru_source}
        entries[code] = _entry(code, level, names, sources)
    for code, entry in entries.items():
        parent = entries.get(code[:-2]) if entry.level > 2 else None
        if parent is not None:
            parent.children.append(code)
    terms: dict[tuple[str, ...], set[str]] = {}
    for row in hs_search_term_rows():
        if row["code"] in entries:
            key = parse_query(row["term"]).key
            if key:
                terms.setdefault(key, set()).add(row["code"])
    return HSIndex(entries, terms, version)


_lock = threading.Lock()
_state = {"index": None, "checked": 0.0}


def get_index(force_check: bool = False) -> HSIndex:
    """The process's index, rebuilt when the HS table's fingerprint changed."""
    now = time.monotonic()
    index = _state["index"]
    if index is not None and not force_check and now - _state["checked"] < CHECK_SECONDS:
        return index
    with _lock:
        version = names_fingerprint()
        if _state["index"] is None or _state["index"].version != version:
            _state["index"] = _build(version)
        _state["checked"] = time.monotonic()
        return _state["index"]


def invalidate() -> None:
    """Forget the index (tests; after loading reference data in the same process)."""
    with _lock:
        _state["index"] = None
        _state["checked"] = 0.0


def search_hs(query: str, language: str | None = None, limit: int = DEFAULT_LIMIT) -> list[dict]:
    """The top ``limit`` HS headings/subheadings for ``query``: dicts with ``code``, ``level``,
    ``name`` (in ``language``, the active one by default, English when not translated),
    ``name_language``, ``translated`` (the name is the platform's translation), ``children`` (how
    many codes are below it) and ``path`` (chapter and heading above it, with names)."""
    return get_index().search(query, language, limit)


def hs_children(code: str, language: str | None = None) -> list[dict] | None:
    """Browsing: the chapters (``code`` empty), a chapter's headings or a heading's subheadings, as
    :func:`search_hs` results; None when ``code`` is no chapter or heading."""
    return get_index().children(code, language)


def hs_describe(code: str, language: str | None = None) -> dict | None:
    """One chapter, heading or subheading as a :func:`search_hs` result, or None."""
    return get_index().describe(code, language)
