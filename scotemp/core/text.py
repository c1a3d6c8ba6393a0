"""Language-neutral text processing for search indexes (Chinese, Russian, English and the rest).

One tokenizer serves both the index and the query, so SQLite and PostgreSQL return the same rows:
the database compares plain strings only, never its own case folding, LIKE or full-text machinery.

- :func:`normalize`: NFKC, case-folded, "ё" read as "е";
- :func:`runs`: the text split into runs of CJK characters (ideographs, kana, hangul; written
  without spaces) and runs of other letters, digits and marks (words); anything else separates runs;
- :func:`cjk_bigrams`: a CJK run as overlapping character pairs (a 1-character run stays whole);
- :func:`stem`: Snowball stems, Russian for Cyrillic words and English for Latin words, so "пшеницы"
  and "пшеница" share a stem, as do "wheats" and "wheat"; other scripts and digits are unchanged;
- :func:`index_tokens` / :func:`query_terms`: what to store for a text and what to look up for a
  query, built from the same pieces.
"""

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

DESCRIPTION_MAX_LENGTH = 5000  # characters of a description in one language (leads, organizations)
TOKEN_MAX = 64  # the token column's max_length in the index tables
# "w" <= token < w + RANGE_END holds exactly for tokens starting with w under a binary collation.
RANGE_END = "\U0010ffff"


def normalize(text: str) -> str:
    """The canonical form of searchable text: NFKC, case-folded, "ё" as "е"."""
    return unicodedata.normalize("NFKC", text or "").casefold().replace("ё", "е")


def is_cjk(ch: str) -> bool:
    """Ideographs, kana and hangul: scripts written without spaces between words."""
    cp = ord(ch)
    return (
        0x3400 <= cp <= 0x4DBF  # CJK extension A
        or 0x4E00 <= cp <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= cp <= 0xFAFF  # compatibility ideographs
        or 0x20000 <= cp <= 0x3134F  # extensions B–G
        or 0x3040 <= cp <= 0x30FF  # hiragana, katakana
        or 0x31F0 <= cp <= 0x31FF  # katakana phonetic extensions
        or 0xAC00 <= cp <= 0xD7AF  # hangul syllables
        or 0x1100 <= cp <= 0x11FF  # hangul jamo
    )


def is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM"


def runs(normalized: str) -> Iterator[tuple[bool, str]]:
    """Split normalized text into ``(is_cjk, run)`` pairs; anything that is not a letter, digit or
    mark separates runs, and a change between CJK and other letters does too."""
    current: list[str] = []
    current_cjk = False
    for ch in normalized:
        if is_cjk(ch):
            kind = True
        elif is_word_char(ch):
            kind = False
        else:
            if current:
                yield current_cjk, "".join(current)
                current = []
            continue
        if current and kind != current_cjk:
            yield current_cjk, "".join(current)
            current = []
        current_cjk = kind
        current.append(ch)
    if current:
        yield current_cjk, "".join(current)


def cjk_bigrams(run: str) -> list[str]:
    """ "小麦粉" → ["小麦", "麦粉"]; a single character stays as it is."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def words(text: str) -> list[str]:
    """The non-CJK words of ``text`` (normalized here), in order."""
    return [run for cjk, run in runs(normalize(text)) if not cjk]


def script_of(word: str) -> str:
    """ "cyrillic", "latin" or "other" by the word's first letter (digits alone are "other")."""
    for ch in word:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if name.startswith("CYRILLIC"):
                return "cyrillic"
            if name.startswith("LATIN"):
                return "latin"
            return "other"
    return "other"


_STEMMER_LANGUAGE = {"cyrillic": "russian", "latin": "english"}


@lru_cache(maxsize=4)
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Snowball stem of a normalized word: Russian for Cyrillic, English for Latin; words of
    other scripts, digits and mixed words such as "a380" are returned unchanged."""
    script = script_of(word)
    language = _STEMMER_LANGUAGE.get(script)
    if language is None or any(ch.isdigit() for ch in word):
        return word[:TOKEN_MAX]
    return (_stemmer(language).stemWord(word) or word)[:TOKEN_MAX]


def index_tokens(text: str) -> set[str]:
    """The tokens stored for a text: stems of words and CJK bigrams, plus each CJK run's last
    character, so that a 1-character query matched by prefix also finds a run's final character."""
    tokens: set[str] = set()
    for cjk, run in runs(normalize(text)):
        if cjk:
            tokens.update(cjk_bigrams(run))
            if len(run) > 1:
                tokens.add(run[-1])
        else:
            tokens.add(stem(run))
    return tokens


@dataclass(frozen=True)
class QueryTerms:
    """What a query looks up: every ``exact`` token must be indexed for a row, and for every
    ``prefixes`` entry (a lone CJK character) some token must start with it."""

    exact: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.exact or self.prefixes)


def query_terms(text: str, max_terms: int = 8) -> QueryTerms:
    """Tokenize a query exactly as :func:`index_tokens` tokenizes stored text; at most ``max_terms``
    lookups (longer queries are cut: each term costs one more index lookup)."""
    exact: list[str] = []
    prefixes: list[str] = []
    for cjk, run in runs(normalize(text)):
        if cjk and len(run) == 1:
            items, target = [run], prefixes
        elif cjk:
            items, target = cjk_bigrams(run), exact
        else:
            items, target = [stem(run)], exact
        for item in items:
            if item not in exact and item not in prefixes and len(exact) + len(prefixes) < max_terms:
                target.append(item)
    return QueryTerms(tuple(exact), tuple(prefixes))


# --- sorting names the way readers of a language expect ------------------------------------------


def _strip_marks(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def _pinyin_key(text: str) -> tuple:
    from pypinyin import Style, pinyin

    key = []
    for (syllable,) in pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors="default"):
        syllable = syllable.casefold()
        tone = syllable[-1] if syllable[-1:].isdigit() else "0"
        key.append((_strip_marks(syllable.rstrip("012345")), tone))
    return tuple(key)


def collation_key(text: str, language: str | None = None) -> tuple:
    """A sort key for ``text`` in the order readers of ``language`` expect (the active language by
    default): pinyin for Chinese (阿富汗 a, 巴基斯坦 ba, 俄罗斯 e, 哈萨克斯坦 ha, 中国 zhong), the
    Russian alphabet with "ё" beside "е", and letters with diacritics beside their base letter
    ("Åland" among the A's). Ties are broken by the text itself, so the order is total."""
    from django.utils import translation

    language = (language or translation.get_language() or "en").lower()
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    if language.startswith("zh"):
        return (_pinyin_key(folded), folded)
    if language.startswith("ru"):
        return (folded.replace("ё", "е"), folded)
    return (_strip_marks(folded), folded)


def sorted_by_name(items, name=str, language: str | None = None) -> list:
    """``items`` sorted by ``name(item)`` with :func:`collation_key`: the one way every list of
    countries (or other names) offered to a user is ordered."""
    from django.utils import translation

    language = language or translation.get_language() or "en"
    return sorted(items, key=lambda item: collation_key(name(item), language))
