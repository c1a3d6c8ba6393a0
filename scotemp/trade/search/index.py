"""The lead search index: ``LeadSearchToken`` rows (Snowball stems of words and CJK bigrams of a
lead's own text, see ``scotemp.core.text``) and ``Lead.search_text``, written in the caller's
transaction by the lead actions. Only published leads have index rows."""

from django.db import connection, transaction

from scotemp.core.fragments import bump
from scotemp.core.text import index_tokens, normalize

from ..choices import LeadStatus
from ..models import Lead, LeadSearchToken

BATCH = 2000
# The generation of what lead lists show (``core.fragments``): every reindex changes it.
LEADS_GENERATION = "trade:leads"
TEXT_LANGUAGES = ("en", "zh_hans", "ru")


def lead_text(values: dict) -> str:
    """The normalized own text of a lead (from a dict of column values), one field per line."""
    parts = []
    for lang in TEXT_LANGUAGES:
        parts += [values.get(f"title_{lang}") or "", values.get(f"description_{lang}") or ""]
    parts.append(values.get("specification") or "")
    attributes = values.get("attributes") or {}
    if isinstance(attributes, dict):
        parts += [f"{k} {v}" for k, v in attributes.items()]
    return "\n".join(normalize(p) for p in parts if p)


_TEXT_FIELDS = (
    "id",
    "status",
    "specification",
    "attributes",
    *(f"{f}_{lang}" for f in ("title", "description") for lang in TEXT_LANGUAGES),
)


def reindex_leads(lead_ids) -> None:
    """Rebuild ``LeadSearchToken`` rows and ``Lead.search_text`` of these leads.

    Published leads get index rows, the others none (they cannot be found). Idempotent; runs in the
    caller's transaction (a savepoint per batch), so a failed caller keeps the old index. Unknown
    ids are ignored."""
    ids = sorted({int(i) for i in lead_ids})
    bump(LEADS_GENERATION)
    token_table = connection.ops.quote_name(LeadSearchToken._meta.db_table)
    lead_table = connection.ops.quote_name(Lead._meta.db_table)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        with transaction.atomic():
            texts, rows = [], []
            for values in Lead.objects.filter(pk__in=chunk).values(*_TEXT_FIELDS):
                text = lead_text(values)
                texts.append((text, values["id"]))
                if values["status"] == LeadStatus.PUBLISHED:
                    rows += [(values["id"], t) for t in sorted(index_tokens(text))]
            LeadSearchToken.objects.filter(lead_id__in=chunk).delete()
            with connection.cursor() as cursor:
                cursor.executemany(f"UPDATE {lead_table} SET search_text = %s WHERE id = %s", texts)
                if rows:
                    cursor.executemany(f"INSERT INTO {token_table} (lead_id, token) VALUES (%s, %s)", rows)


def reindex_all(progress=None, batch: int = 10_000) -> int:
    """Rebuild the index of every lead; ``progress(done, total)`` after each batch. Returns the count."""
    ids = list(Lead.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        reindex_leads(ids[start : start + batch])
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    return len(ids)
