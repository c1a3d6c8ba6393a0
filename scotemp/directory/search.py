"""The directory's text index: normalization, tokenization and (re)indexing of organizations.

One tokenizer serves both the index and the query, so SQLite and PostgreSQL return the same rows:
the database only compares plain strings (``=`` and a ``>= / <`` range on an indexed column), never
its own case folding, LIKE or full-text machinery.

- normalize: NFKC, case-folded, "ё" read as "е";
- runs of CJK ideographs, kana and hangul give character bigrams plus the run's last character, so a
  1- or 2-character query finds every organization whose text contains it;
- runs of other letters, digits and combining marks give whole words (punctuation splits words);
- the registration identifier is also indexed as one compact token (spaces, dashes and dots dropped).
"""

import unicodedata
from collections.abc import Iterable, Iterator

from django.db import transaction

TOKEN_MAX = 64  # SearchToken.token max_length
# The highest code point: "w" <= token < w + RANGE_END holds exactly for the tokens starting with w
# under a code point (binary) collation, which both databases use for this column.
RANGE_END = "\U0010ffff"
BATCH = 2000


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


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM"


def runs(normalized: str) -> Iterator[tuple[bool, str]]:
    """Split normalized text into (is_cjk, run) pairs; anything that is not a letter, digit or mark
    separates runs."""
    current: list[str] = []
    current_cjk = False
    for ch in normalized:
        if is_cjk(ch):
            kind = True
        elif _is_word_char(ch):
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
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_tokens(text: str) -> set[str]:
    """The tokens stored for a text (which is normalized here)."""
    tokens: set[str] = set()
    for cjk, run in runs(normalize(text)):
        if cjk:
            tokens.update(cjk_bigrams(run))
            if len(run) > 1:
                tokens.add(run[-1])  # so a 1-character query, matched by prefix, finds the run's end
        else:
            tokens.add(run[:TOKEN_MAX])
    return tokens


def compact_identifier(value: str) -> str:
    """A registration identifier without separators, case-folded: "91500000-MA5U" → "91500000ma5u"."""
    return "".join(ch for ch in normalize(value) if _is_word_char(ch))[:TOKEN_MAX]


def organization_search_text(org) -> str:
    """The normalized text of every searchable field of ``org`` (one field per line)."""
    city = org.city
    parts = [
        org.name,
        org.name_latin,
        org.trading_names,
        getattr(org, "description_zh_hans", "") or "",
        getattr(org, "description_ru", "") or "",
        getattr(org, "description_en", "") or "",
        org.registry_id,
    ]
    if city is not None:
        parts += [city.name_en or "", city.name_ru or "", city.name_zh_hans or ""]
    return "\n".join(normalize(p) for p in parts if p)


def organization_tokens(org, search_text: str | None = None) -> set[str]:
    text = search_text if search_text is not None else organization_search_text(org)
    tokens = index_tokens(text)
    if org.registry_id:
        ident = compact_identifier(org.registry_id)
        if ident:
            tokens.add(ident)
    return tokens


def reindex_organizations(org_ids: Iterable[int]) -> None:
    """Rebuild the SearchToken rows and ``OrganizationProfile.search_text`` of these organizations.

    Creates missing profiles. Idempotent; runs inside the caller's transaction (its own savepoint
    otherwise), so a failed caller leaves the old index in place. Unknown ids are ignored."""
    from scotemp.accounts.models import Organization

    from .models import OrganizationProfile, SearchToken

    ids = sorted({int(i) for i in org_ids})
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        with transaction.atomic():
            orgs = list(Organization.objects.filter(pk__in=chunk).select_related("city"))
            found = [o.pk for o in orgs]
            profiles = {
                p.organization_id: p
                for p in OrganizationProfile.objects.filter(organization_id__in=found).only(
                    "id", "organization_id", "search_text"
                )
            }
            missing = [OrganizationProfile(organization_id=pk) for pk in found if pk not in profiles]
            if missing:
                OrganizationProfile.objects.bulk_create(missing, ignore_conflicts=True)
                profiles = {
                    p.organization_id: p
                    for p in OrganizationProfile.objects.filter(organization_id__in=found).only(
                        "id", "organization_id", "search_text"
                    )
                }
            rows = []
            changed = []
            for org in orgs:
                text = organization_search_text(org)
                profile = profiles[org.pk]
                if profile.search_text != text:
                    profile.search_text = text
                    changed.append(profile)
                rows += [SearchToken(organization_id=org.pk, token=t) for t in organization_tokens(org, text)]
            if changed:
                OrganizationProfile.objects.bulk_update(changed, ["search_text"], batch_size=500)
            SearchToken.objects.filter(organization_id__in=chunk).delete()
            SearchToken.objects.bulk_create(rows, batch_size=5000)


def reindex_all(progress=None) -> int:
    """Rebuild the index of every organization; ``progress(done, total)`` is called per batch.
    Returns the number of organizations indexed."""
    from scotemp.accounts.models import Organization

    ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        reindex_organizations(ids[start : start + BATCH])
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    return len(ids)
