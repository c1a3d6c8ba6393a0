"""Match.sell_organization / buy_organization: the two leads' organizations copied onto the match, so
an organization's matches are an index range (see the model). Filled for existing rows by one UPDATE
with subqueries (SQLite and PostgreSQL); 0007 makes them required and adds the indexes (a separate
migration: PostgreSQL refuses to alter a table with the deferred foreign-key checks of this UPDATE
still pending in the same transaction)."""

import django.db.models.deletion
from django.db import migrations, models

FILL = (
    "UPDATE trade_match SET "
    "sell_organization_id = (SELECT organization_id FROM trade_lead WHERE trade_lead.id = trade_match.sell_lead_id), "
    "buy_organization_id = (SELECT organization_id FROM trade_lead WHERE trade_lead.id = trade_match.buy_lead_id)"
)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_token_scope_expiry"),
        ("trade", "0005_matchindexversion"),
    ]

    operations = [
        migrations.AddField(
            model_name="match",
            name="sell_organization",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.organization",
            ),
        ),
        migrations.AddField(
            model_name="match",
            name="buy_organization",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.organization",
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop, elidable=False),
    ]
