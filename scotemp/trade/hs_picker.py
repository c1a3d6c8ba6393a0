"""The HS picker: type-ahead over the HS 2022 headings and subheadings by code or by name in any of
the three languages ("小麦", "пшеница", "wheat" and "1001" all find heading 1001 first).

The ~6,800 codes live in an in-memory index built once per process. It is rebuilt when the
reference rows change: a cheap fingerprint of the table (row count, highest code, total length of
the names) is compared at most every ``CHECK_SECONDS``, so ``load_reference`` is picked up without a
restart and a request normally costs no query at all.

Ranking (best first):
1. a code query (digits, dots and spaces allowed): the exact code, then codes starting with it;
2. a name that starts with the whole query ("wheat" → "Wheat and meslin");
3. every query word starts a word of one name (or, for Russian and English, the word's stem does:
   "пшеницу" finds "пшеница"); Chinese text matches as a substring;
4. the words are found across the languages;
ties: headings before subheadings, then by code.
"""

import threading
import time
import unicodedata
from dataclasses import dataclass

import snowballstemmer
from django.conf import settings
from django.db.models import Count, Max, Sum
from django.db.models.functions import Length
from django.utils import translation

from scotemp.core.text import normalize
from scotemp.reference.models import HSCode

from .choices import LANGUAGE_SUFFIX

LEVELS = (4, 6)
CHECK_SECONDS = 10.0
DEFAULT_LIMIT = 10


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3134F


def _words(normalized: str) -> list[str]:
    """Words of normalized text: runs of letters/digits; a CJK run is one "word" (matched as a substring)."""
    words, current, current_cjk = [], [], False
    for ch in normalized:
        cjk = _is_cjk(ch)
        if cjk or unicodedata.category(ch)[0] in "LNM":
            if current and cjk != current_cjk:
                words.append("".join(current))
                current = []
            current_cjk = cjk
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


_STEMMERS = {}


def _stem(word: str) -> str:
    """A Russian or English Snowball stem for prefix matching of inflected query words."""
    language = "russian" if any("а" <= ch <= "я" for ch in word) else "english"
    stemmer = _STEMMERS.get(language)
    if stemmer is None:
        stemmer = _STEMMERS[language] = snowballstemmer.stemmer(language)
    return stemmer.stemWord(word)


@dataclass(slots=True)
class Entry:
    code: str
    level: int
    names: dict[str, str]  # language code → name ("" when not translated)
    normalized: tuple[str, ...]  # each language's normalized name
    blobs: tuple[str, ...]  # " word word …" per language, for word-prefix tests
    blob: str  # all languages and the code together


class HSIndex:
    def __init__(self, entries: list[Entry], version):
        self.entries = entries
        self.by_code = {e.code: e for e in entries}
        self.version = version

    def name(self, code: str, language: str) -> str:
        entry = self.by_code.get(code)
        if entry is None:
            return ""
        return entry.names.get(language) or entry.names.get("en") or ""

    def search(self, query: str, language: str | None = None, limit: int = DEFAULT_LIMIT) -> list[dict]:
        language = language if language in LANGUAGE_SUFFIX else _active_language()
        nq = normalize(query).strip()
        if not nq:
            return []
        compact = nq.replace(".", "").replace(" ", "")
        if compact.isdigit():
            hits = [
                (0 if e.code == compact else 1, e.level, e.code, e)
                for e in self.entries
                if e.code.startswith(compact)
            ]
        else:
            hits = self._text_hits(nq)
        hits.sort(key=lambda h: h[:3])
        return [self._result(h[3], language) for h in hits[:limit]]

    def _text_hits(self, nq: str) -> list[tuple]:
        words = _words(nq)
        if not words:
            return []
        # For each query word the needles that may start a word of a name (or occur anywhere in CJK).
        needles = []
        for word in words:
            if _is_cjk(word[0]):
                needles.append((True, (word,)))
            else:
                stem = _stem(word) if len(word) >= 4 else word
                needles.append((False, tuple({" " + word, " " + stem})))
        first = needles[0][1]
        hits = []
        for entry in self.entries:
            blob = entry.blob
            if not any(n in blob for n in first):
                continue  # cheap pre-filter on the first word
            if not all(any(n in blob for n in options) for _cjk, options in needles):
                continue
            tier = 3
            for norm, lang_blob in zip(entry.normalized, entry.blobs, strict=True):
                if norm.startswith(nq):
                    tier = 1
                    break
                if tier > 2 and all(any(n in lang_blob for n in options) for _cjk, options in needles):
                    tier = 2
            hits.append((tier, entry.level, entry.code, entry))
        return hits

    def _result(self, entry: Entry, language: str) -> dict:
        path = []
        for code in (entry.code[:2], entry.code[:4]):
            if code != entry.code:
                path.append({"code": code, "name": self.name(code, language)})
        return {
            "code": entry.code,
            "level": entry.level,
            "name": entry.names.get(language) or entry.names.get("en") or "",
            "path": path,
        }


def _active_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in LANGUAGE_SUFFIX else "en"


def _fingerprint():
    row = HSCode.objects.aggregate(
        n=Count("code"),
        top=Max("code"),
        en=Sum(Length("description_en")),
        zh=Sum(Length("description_zh_hans")),
        ru=Sum(Length("description_ru")),
    )
    return tuple(row[k] for k in ("n", "top", "en", "zh", "ru"))


def _build(version) -> HSIndex:
    entries = []
    rows = HSCode.objects.order_by("code").values_list(
        "code", "level", "description_en", "description_zh_hans", "description_ru"
    )
    for code, level, en, zh, ru in rows:
        names = {"en": en or "", "zh-hans": zh or "", "ru": ru or ""}
        normalized = tuple(normalize(n) for n in names.values())
        blobs = tuple(" " + " ".join(_words(n)) for n in normalized)
        entries.append(
            Entry(
                code=code,
                level=level,
                names=names,
                normalized=normalized,
                blobs=blobs,
                blob=" " + code + "".join(blobs),
            )
        )
    index = HSIndex([e for e in entries if e.level in LEVELS], version)
    # Chapters are only needed for the path names.
    index.by_code.update({e.code: e for e in entries if e.level == 2})
    return index


_lock = threading.Lock()
_state = {"index": None, "checked": 0.0}


def get_index(force_check: bool = False) -> HSIndex:
    """The process's index, rebuilt when the HS table's fingerprint changed."""
    now = time.monotonic()
    index = _state["index"]
    if index is not None and not force_check and now - _state["checked"] < CHECK_SECONDS:
        return index
    with _lock:
        version = _fingerprint()
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
    ``name`` (in ``language``, the active one by default, English when not translated) and ``path``
    (chapter and heading above it, with names)."""
    return get_index().search(query, language, limit)
