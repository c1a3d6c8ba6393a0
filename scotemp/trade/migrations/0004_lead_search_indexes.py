"""Covering indexes for lead search (measured with bench/lead_search.py).

Counting and ordering matches must not read the wide lead rows (titles and descriptions in three
languages): each index holds every column the search filters or sorts on for one access path, so
SQLite and PostgreSQL answer from the index alone:

- facet-only queries (type, HS heading, origin): ``lead_search_facet_idx``;
- text terms found through HS names (chapter, heading or code lists): ``lead_search_{chapter,heading,code}_idx``;
- text terms found in the lead's own tokens (``id IN (token lookup)``): ``lead_search_id_idx``.

Raw SQL keeps the model state unchanged (the indexes are a storage concern of the search); the SQL
is the same on both databases.
"""

from django.db import migrations

INDEXES = {
    "lead_search_facet_idx": "status, kind, hs_heading, origin_country_id, valid_until, published_at",
    "lead_search_heading_idx": "status, hs_heading, valid_until, published_at",
    "lead_search_code_idx": "status, hs_code_id, valid_until, published_at",
    "lead_search_chapter_idx": "status, hs_chapter, valid_until, published_at",
    "lead_search_id_idx": (
        "id, status, valid_until, published_at, kind, hs_chapter, hs_heading, hs_code_id, "
        "origin_country_id, incoterm_id"
    ),
}


class Migration(migrations.Migration):
    dependencies = [("trade", "0003_matchdecision_keeps_pair")]

    operations = [
        migrations.RunSQL(f"CREATE INDEX {name} ON trade_lead ({columns})", f"DROP INDEX {name}")
        for name, columns in INDEXES.items()
    ]
