"""MatchIndexVersion and the triggers that keep it (see the model's docstring and ADR 0004)."""

from django.db import migrations, models

LEAD_COLUMNS = (
    "status, kind, organization_id, hs_code_id, hs_chapter, quantity, unit_id, min_order, incoterm_id, "
    "incoterm_place_id, origin_country_id, certifications_held, certifications_required, valid_until, "
    "published_at"
)
TABLE = "trade_matchindexversion"


def _sqlite_bump(key_sql: str) -> str:
    return (
        f"INSERT OR IGNORE INTO {TABLE} (key, version) VALUES ({key_sql}, 0); "
        f"UPDATE {TABLE} SET version = random() WHERE key = {key_sql};"
    )


SQLITE = {
    "trade_miv_lead_ins": f"AFTER INSERT ON trade_lead BEGIN {_sqlite_bump('NEW.hs_chapter')} END",
    "trade_miv_lead_upd": (
        f"AFTER UPDATE OF {LEAD_COLUMNS} ON trade_lead BEGIN "
        f"{_sqlite_bump('OLD.hs_chapter')} {_sqlite_bump('NEW.hs_chapter')} END"
    ),
    "trade_miv_lead_del": f"AFTER DELETE ON trade_lead BEGIN {_sqlite_bump('OLD.hs_chapter')} END",
    "trade_miv_countries_ins": (
        "AFTER INSERT ON trade_lead_countries BEGIN "
        f"{_sqlite_bump('(SELECT hs_chapter FROM trade_lead WHERE id = NEW.lead_id)')} END"
    ),
    "trade_miv_countries_del": (
        "AFTER DELETE ON trade_lead_countries BEGIN "
        f"{_sqlite_bump('(SELECT hs_chapter FROM trade_lead WHERE id = OLD.lead_id)')} END"
    ),
    "trade_miv_org_upd": (
        f"AFTER UPDATE OF country_id ON accounts_organization BEGIN {_sqlite_bump(repr('*'))} END"
    ),
    "trade_miv_org_del": f"AFTER DELETE ON accounts_organization BEGIN {_sqlite_bump(repr('*'))} END",
    "trade_miv_profile_ins": (
        f"AFTER INSERT ON directory_organizationprofile BEGIN {_sqlite_bump(repr('*'))} END"
    ),
    "trade_miv_profile_upd": (
        "AFTER UPDATE OF verification_status, organization_id ON directory_organizationprofile "
        f"BEGIN {_sqlite_bump(repr('*'))} END"
    ),
    "trade_miv_profile_del": (
        f"AFTER DELETE ON directory_organizationprofile BEGIN {_sqlite_bump(repr('*'))} END"
    ),
}

# PostgreSQL: statement-level triggers with transition tables (one bump per chapter per statement);
# the token comes from a sequence, which is not rolled back.
PG_BUMP = (
    f"INSERT INTO {TABLE} (key, version) SELECT k, nextval('trade_miv_seq') FROM "
    "(SELECT DISTINCT k FROM ({keys}) s(k) WHERE k IS NOT NULL) d "
    "ON CONFLICT (key) DO UPDATE SET version = EXCLUDED.version"
)
PG_FUNCTIONS = {
    "trade_miv_lead_new": "SELECT hs_chapter FROM new_rows",
    "trade_miv_lead_old": "SELECT hs_chapter FROM old_rows",
    "trade_miv_lead_both": "SELECT hs_chapter FROM new_rows UNION SELECT hs_chapter FROM old_rows",
    "trade_miv_countries_new": ("SELECT l.hs_chapter FROM new_rows c JOIN trade_lead l ON l.id = c.lead_id"),
    "trade_miv_countries_old": ("SELECT l.hs_chapter FROM old_rows c JOIN trade_lead l ON l.id = c.lead_id"),
    "trade_miv_global": "SELECT '*'::varchar",
}
PG_TRIGGERS = [
    ("trade_miv_lead_ins", "INSERT", "trade_lead", "NEW TABLE AS new_rows", "trade_miv_lead_new"),
    ("trade_miv_lead_upd", "UPDATE", "trade_lead", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     "trade_miv_lead_both"),
    ("trade_miv_lead_del", "DELETE", "trade_lead", "OLD TABLE AS old_rows", "trade_miv_lead_old"),
    ("trade_miv_countries_ins", "INSERT", "trade_lead_countries", "NEW TABLE AS new_rows",
     "trade_miv_countries_new"),
    ("trade_miv_countries_del", "DELETE", "trade_lead_countries", "OLD TABLE AS old_rows",
     "trade_miv_countries_old"),
    ("trade_miv_org_upd", "UPDATE OF country_id", "accounts_organization", "", "trade_miv_global"),
    ("trade_miv_org_del", "DELETE", "accounts_organization", "", "trade_miv_global"),
    ("trade_miv_profile_any", "INSERT OR UPDATE OR DELETE", "directory_organizationprofile", "",
     "trade_miv_global"),
]  # fmt: skip


def forwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute("CREATE SEQUENCE IF NOT EXISTS trade_miv_seq")
            for name, keys in PG_FUNCTIONS.items():
                cursor.execute(
                    f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    f"BEGIN {PG_BUMP.format(keys=keys)}; RETURN NULL; END $$"
                )
            for name, event, table, referencing, function in PG_TRIGGERS:
                ref = f"REFERENCING {referencing}" if referencing else ""
                cursor.execute(
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} {ref} FOR EACH STATEMENT "
                    f"EXECUTE FUNCTION {function}()"
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
            for name in PG_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
            cursor.execute("DROP SEQUENCE IF EXISTS trade_miv_seq")
        else:
            for name in SQLITE:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("trade", "0004_lead_search_indexes"),
        ("accounts", "0001_initial"),
        ("directory", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="MatchIndexVersion",
            fields=[
                ("key", models.CharField(max_length=8, primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
