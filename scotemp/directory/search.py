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

from collections.abc import Iterable

from django.db import transaction

from scotemp.accounts.models import Organization
from scotemp.core.text import TOKEN_MAX, cjk_bigrams, is_word_char, normalize, runs

from .models import OrganizationProfile, SearchToken

BATCH = 2000


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
    return "".join(ch for ch in normalize(value) if is_word_char(ch))[:TOKEN_MAX]


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
    ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        reindex_organizations(ids[start : start + BATCH])
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    return len(ids)
