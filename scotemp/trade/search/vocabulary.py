"""The HS vocabulary of lead search: which HS codes' names (own, heading's or chapter's, in Chinese,
Russian and English) contain a query term. A lead matches a term if its own text contains it *or*
its HS code is one of these, so "wheat", "пшеницы" and "小麦" find a lead titled "Пшеница 3 класса"
without copying the HS names into every lead's index rows."""

import hashlib
import threading
import time
from dataclasses import dataclass
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Q

from scotemp.core.text import index_tokens
from scotemp.reference.models import HSCode

from ..hs_picker.index import CHECK_SECONDS, names_fingerprint


@dataclass(frozen=True)
class HSMatch:
    """HS codes whose names (own, heading's or chapter's, in any language) contain a term, compressed
    to whole chapters and headings where every code below matches."""

    chapters: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.chapters or self.headings or self.codes)

    def parts(self) -> list[Q]:
        """One condition per column (chapters, headings, codes): each is answered by its own index."""
        parts = []
        if self.chapters:
            parts.append(Q(hs_chapter__in=self.chapters))
        if self.headings:
            parts.append(Q(hs_heading__in=self.headings))
        if self.codes:
            parts.append(Q(hs_code_id__in=self.codes))
        return parts

    def q(self) -> Q:
        parts = self.parts()
        condition = parts[0]
        for part in parts[1:]:
            condition |= part
        return condition


VOCABULARY_TTL = 24 * 3600

_lock = threading.Lock()
_state: dict = {"fingerprint": None, "vocabulary": None, "checked": float("-inf")}


def hs_vocabulary() -> dict[str, frozenset[str]]:
    """token → the HS codes (every level) whose names or ancestors' names contain the token."""
    return _current()[1]


def _current() -> tuple[str, dict[str, frozenset[str]]]:
    """The HS table's fingerprint and its vocabulary, as this process last saw them.

    Kept in the process and shared through the cache: building it tokenizes every HS name in three
    languages (4.5 s on a busy 2-core machine), which each new web worker would otherwise pay on its
    first search; reading it back takes a fraction of that. The key follows the HS table (the HS
    picker's fingerprint: codes and the length of every name column), read again at most every
    ``CHECK_SECONDS``, so reference data reloaded through any node reaches every process within
    seconds, without a restart."""
    now = time.monotonic()
    if _state["vocabulary"] is not None and now - _state["checked"] < CHECK_SECONDS:
        return _state["fingerprint"], _state["vocabulary"]
    with _lock:
        fingerprint = hashlib.sha256(repr(names_fingerprint()).encode()).hexdigest()[:16]
        if fingerprint != _state["fingerprint"] or _state["vocabulary"] is None:
            key = f"trade:hs-vocabulary:v2:{fingerprint}"
            vocabulary = cache.get(key)
            if vocabulary is None:
                vocabulary = _build_vocabulary()
                cache.set(key, vocabulary, VOCABULARY_TTL)
            _state.update(fingerprint=fingerprint, vocabulary=vocabulary)
        _state["checked"] = time.monotonic()
        return _state["fingerprint"], _state["vocabulary"]


def forget() -> None:
    """Read the HS table's fingerprint again on the next search (tests)."""
    with _lock:
        _state.update(fingerprint=None, vocabulary=None, checked=float("-inf"))


def _build_vocabulary() -> dict[str, frozenset[str]]:
    own: dict[str, set[str]] = {}
    for row in HSCode.objects.values_list("code", "description_en", "description_ru", "description_zh_hans"):
        own[row[0]] = set().union(*(index_tokens(text or "") for text in row[1:]))
    vocabulary: dict[str, set[str]] = {}
    for code, tokens in own.items():
        virtual = tokens | own.get(code[:4], set()) | own.get(code[:2], set())
        for token in virtual:
            vocabulary.setdefault(token, set()).add(code)
    return {token: frozenset(codes) for token, codes in vocabulary.items()}


@lru_cache(maxsize=2)
def _hs_tree(fingerprint: str) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """chapter → every code in it; heading → every code in it (heading included)."""
    chapters: dict[str, set[str]] = {}
    headings: dict[str, set[str]] = {}
    for code in {c for codes in hs_vocabulary().values() for c in codes}:
        chapters.setdefault(code[:2], set()).add(code)
        if len(code) >= 4:
            headings.setdefault(code[:4], set()).add(code)
    return (
        {k: frozenset(v) for k, v in chapters.items()},
        {k: frozenset(v) for k, v in headings.items()},
    )


def hs_match(term: str, prefix: bool = False) -> HSMatch:
    """The HS codes whose names contain ``term`` (a token, or a token's beginning with ``prefix``)."""
    return _hs_match(_current()[0], term, prefix)


@lru_cache(maxsize=4096)
def _hs_match(fingerprint: str, term: str, prefix: bool) -> HSMatch:
    """Keyed by the fingerprint: a changed HS table never answers from an older vocabulary."""
    vocabulary = hs_vocabulary()
    if prefix:
        matched = set().union(*(codes for token, codes in vocabulary.items() if token.startswith(term)))
    else:
        matched = set(vocabulary.get(term, ()))
    if not matched:
        return HSMatch()
    chapter_sets, heading_sets = _hs_tree(fingerprint)
    chapters, headings, codes = [], [], []
    for chapter, members in chapter_sets.items():
        if members <= matched:
            chapters.append(chapter)
            matched -= members
    for heading, members in heading_sets.items():
        if members <= matched:
            headings.append(heading)
            matched -= members
    codes = sorted(matched)
    return HSMatch(tuple(sorted(chapters)), tuple(sorted(headings)), tuple(codes))
