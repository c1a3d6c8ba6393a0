"""The match index's change log: the triggers of 0005 also write which lead or organization changed
(``MatchIndexChange``), and fire only for the columns the index reads, on both databases.

Before, PostgreSQL's profile trigger fired on any column (a directory reindex or the daily
verification job made every worker reload every group) and the lead trigger on any column too; now
both databases compare old and new values of the columns the engine reads. A write first takes its
key's version row (the lock), then its change ids, so the ids of one key are in commit order; the
version row records the token and the id of the key's latest change."""

import importlib

from django.db import migrations, models

V, C = "trade_matchindexversion", "trade_matchindexchange"
LEAD_FIELDS = (
    "status, kind, organization_id, hs_code_id, hs_chapter, quantity, unit_id, min_order, incoterm_id, "
    "incoterm_place_id, origin_country_id, certifications_held, certifications_required, valid_until, "
    "published_at"
)


def _differ(old: str, new: str, fields: str) -> str:
    """SQL: some of ``fields`` differ between the rows ``old`` and ``new``."""
    return " OR ".join(f"{old}.{f} IS NOT {new}.{f}" for f in fields.replace(" ", "").split(","))


def _sqlite_bump(key: str, lead: str, org: str) -> str:
    return (
        f"INSERT OR IGNORE INTO {V} (key, version, change) SELECT {key}, 0, 0 WHERE {key} IS NOT NULL; "
        f"INSERT INTO {C} (key, lead_id, org_id, token) SELECT {key}, {lead}, {org}, random() "
        f"WHERE {key} IS NOT NULL; "
        f"UPDATE {V} SET version = (SELECT token FROM {C} WHERE id = last_insert_rowid()), "
        f"change = last_insert_rowid() WHERE key = {key};"
    )


LEAD_CHAPTER = "(SELECT hs_chapter FROM trade_lead WHERE id = {}.lead_id)"
SQLITE = {
    "trade_miv_lead_ins": f"AFTER INSERT ON trade_lead BEGIN {_sqlite_bump('NEW.hs_chapter', 'NEW.id', 'NULL')} END",
    "trade_miv_lead_upd": (
        f"AFTER UPDATE OF {LEAD_FIELDS} ON trade_lead WHEN {_differ('OLD', 'NEW', LEAD_FIELDS)} BEGIN "
        f"{_sqlite_bump('OLD.hs_chapter', 'OLD.id', 'NULL')} {_sqlite_bump('NEW.hs_chapter', 'NEW.id', 'NULL')} END"
    ),
    "trade_miv_lead_del": f"AFTER DELETE ON trade_lead BEGIN {_sqlite_bump('OLD.hs_chapter', 'OLD.id', 'NULL')} END",
    "trade_miv_countries_ins": (
        f"AFTER INSERT ON trade_lead_countries BEGIN "
        f"{_sqlite_bump(LEAD_CHAPTER.format('NEW'), 'NEW.lead_id', 'NULL')} END"
    ),
    "trade_miv_countries_del": (
        f"AFTER DELETE ON trade_lead_countries BEGIN "
        f"{_sqlite_bump(LEAD_CHAPTER.format('OLD'), 'OLD.lead_id', 'NULL')} END"
    ),
    "trade_miv_org_upd": (
        "AFTER UPDATE OF country_id ON accounts_organization WHEN OLD.country_id IS NOT NEW.country_id "
        f"BEGIN {_sqlite_bump(repr('*'), 'NULL', 'NEW.id')} END"
    ),
    "trade_miv_org_del": f"AFTER DELETE ON accounts_organization BEGIN {_sqlite_bump(repr('*'), 'NULL', 'OLD.id')} END",
    "trade_miv_profile_ins": (
        "AFTER INSERT ON directory_organizationprofile "
        f"BEGIN {_sqlite_bump(repr('*'), 'NULL', 'NEW.organization_id')} END"
    ),
    "trade_miv_profile_upd": (
        "AFTER UPDATE OF verification_status, organization_id ON directory_organizationprofile "
        f"WHEN {_differ('OLD', 'NEW', 'verification_status, organization_id')} BEGIN "
        f"{_sqlite_bump(repr('*'), 'NULL', 'OLD.organization_id')} "
        f"{_sqlite_bump(repr('*'), 'NULL', 'NEW.organization_id')} END"
    ),
    "trade_miv_profile_del": (
        "AFTER DELETE ON directory_organizationprofile "
        f"BEGIN {_sqlite_bump(repr('*'), 'NULL', 'OLD.organization_id')} END"
    ),
}


def _pg_distinct(fields: str) -> str:
    cols = fields.replace(" ", "").split(",")
    return (
        f"ROW({', '.join('n.' + f for f in cols)}) IS DISTINCT FROM ROW({', '.join('o.' + f for f in cols)})"
    )


# PostgreSQL: statement-level triggers with transition tables (which cannot have column lists, so
# the functions compare old and new rows). Each function yields (key, lead id, organization id).
PG_ROWS = {
    "trade_miv_lead_new": "SELECT hs_chapter, id, NULL::bigint FROM new_rows",
    "trade_miv_lead_both": (
        "SELECT x.k, x.lead, NULL::bigint FROM new_rows n JOIN old_rows o ON o.id = n.id, "
        "LATERAL (VALUES (n.hs_chapter, n.id), (o.hs_chapter, o.id)) x(k, lead) "
        f"WHERE {_pg_distinct(LEAD_FIELDS)}"
    ),
    "trade_miv_lead_old": "SELECT hs_chapter, id, NULL::bigint FROM old_rows",
    "trade_miv_countries_new": (
        "SELECT l.hs_chapter, c.lead_id, NULL::bigint FROM new_rows c JOIN trade_lead l ON l.id = c.lead_id"
    ),
    "trade_miv_countries_old": (
        "SELECT l.hs_chapter, c.lead_id, NULL::bigint FROM old_rows c JOIN trade_lead l ON l.id = c.lead_id"
    ),
    "trade_miv_org_upd": (
        "SELECT '*'::varchar, NULL::bigint, n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
        "WHERE n.country_id IS DISTINCT FROM o.country_id"
    ),
    "trade_miv_org_old": "SELECT '*'::varchar, NULL::bigint, id FROM old_rows",
    "trade_miv_profile_new": "SELECT '*'::varchar, NULL::bigint, organization_id FROM new_rows",
    "trade_miv_profile_both": (
        "SELECT '*'::varchar, NULL::bigint, x.org FROM new_rows n JOIN old_rows o ON o.id = n.id, "
        "LATERAL (VALUES (n.organization_id), (o.organization_id)) x(org) "
        f"WHERE {_pg_distinct('verification_status, organization_id')}"
    ),
    "trade_miv_profile_old": "SELECT '*'::varchar, NULL::bigint, organization_id FROM old_rows",
}
PG_BODY = (
    # the key rows first, in key order: the lock that orders change ids by commit within a key
    f"INSERT INTO {V} (key, version, change) SELECT DISTINCT k, 0, 0 FROM ({{rows}}) s(k, lead, org) "
    f"WHERE k IS NOT NULL ORDER BY k ON CONFLICT (key) DO UPDATE SET version = {V}.version; "
    f"WITH ins AS (INSERT INTO {C} (key, lead_id, org_id) SELECT DISTINCT k, lead, org FROM ({{rows}}) "
    "s(k, lead, org) WHERE k IS NOT NULL RETURNING id, key) "
    f"INSERT INTO {V} (key, version, change) SELECT key, max(id), max(id) FROM ins GROUP BY key "
    "ON CONFLICT (key) DO UPDATE SET version = EXCLUDED.version, change = EXCLUDED.change"
)
PG_TRIGGERS = [
    ("trade_miv_lead_ins", "INSERT", "trade_lead", "NEW TABLE AS new_rows", "trade_miv_lead_new"),
    ("trade_miv_lead_upd", "UPDATE", "trade_lead", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     "trade_miv_lead_both"),
    ("trade_miv_lead_del", "DELETE", "trade_lead", "OLD TABLE AS old_rows", "trade_miv_lead_old"),
    ("trade_miv_countries_ins", "INSERT", "trade_lead_countries", "NEW TABLE AS new_rows",
     "trade_miv_countries_new"),
    ("trade_miv_countries_del", "DELETE", "trade_lead_countries", "OLD TABLE AS old_rows",
     "trade_miv_countries_old"),
    ("trade_miv_org_upd", "UPDATE", "accounts_organization", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     "trade_miv_org_upd"),
    ("trade_miv_org_del", "DELETE", "accounts_organization", "OLD TABLE AS old_rows", "trade_miv_org_old"),
    ("trade_miv_profile_ins", "INSERT", "directory_organizationprofile", "NEW TABLE AS new_rows",
     "trade_miv_profile_new"),
    ("trade_miv_profile_upd", "UPDATE", "directory_organizationprofile",
     "OLD TABLE AS old_rows NEW TABLE AS new_rows", "trade_miv_profile_both"),
    ("trade_miv_profile_del", "DELETE", "directory_organizationprofile", "OLD TABLE AS old_rows",
     "trade_miv_profile_old"),
]  # fmt: skip


def _previous():
    return importlib.import_module("scotemp.trade.migrations.0005_matchindexversion")


def drop_previous(apps, schema_editor):
    """The 0005 triggers go first: SQLite rebuilds the version table to add a column."""
    _previous().backwards(apps, schema_editor)


def restore_previous(apps, schema_editor):
    _previous().forwards(apps, schema_editor)


def forwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            for name, rows in PG_ROWS.items():
                cursor.execute(
                    f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    f"BEGIN {PG_BODY.format(rows=rows)}; RETURN NULL; END $$"
                )
            for name, event, table, referencing, function in PG_TRIGGERS:
                cursor.execute(
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {referencing} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
                )
        elif schema_editor.connection.vendor == "sqlite":
            for name, body in SQLITE.items():
                cursor.execute(f"CREATE TRIGGER {name} {body}")
        else:
            raise NotImplementedError("match index triggers: SQLite and PostgreSQL only")


def backwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            for name, _event, table, _ref, _function in PG_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            for name in PG_ROWS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            for name in SQLITE:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("trade", "0005_matchindexversion")]

    operations = [
        migrations.RunPython(drop_previous, restore_previous),
        migrations.AddField(
            model_name="matchindexversion",
            name="change",
            field=models.BigIntegerField(default=0),
        ),
        migrations.CreateModel(
            name="MatchIndexChange",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("key", models.CharField(max_length=8)),
                ("lead_id", models.BigIntegerField(null=True)),
                ("org_id", models.BigIntegerField(null=True)),
                ("token", models.BigIntegerField(null=True)),
            ],
            options={"indexes": [models.Index(fields=["key", "id"], name="trade_mic_key_id")]},
        ),
        migrations.RunPython(forwards, backwards),
    ]
