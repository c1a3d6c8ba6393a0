"""Match organizations required, and indexed with the score: (organization, -score, id) per side."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("trade", "0006_match_organizations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="match",
            name="sell_organization",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.organization",
            ),
        ),
        migrations.AlterField(
            model_name="match",
            name="buy_organization",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.organization",
            ),
        ),
        migrations.AddIndex(
            model_name="match",
            index=models.Index(fields=["sell_organization", "-score", "id"], name="match_sell_org_score"),
        ),
        migrations.AddIndex(
            model_name="match",
            index=models.Index(fields=["buy_organization", "-score", "id"], name="match_buy_org_score"),
        ),
    ]
