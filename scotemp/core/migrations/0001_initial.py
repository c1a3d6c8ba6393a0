import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0003_idempotencyrecord"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The table was created by accounts.0003 and keeps its name: only the model's home moves.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IdempotencyRecord",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("scope", models.CharField(max_length=80)),
                        ("key", models.CharField(max_length=200)),
                        ("fingerprint", models.CharField(max_length=64)),
                        ("status_code", models.PositiveSmallIntegerField(null=True)),
                        ("content_type", models.CharField(blank=True, max_length=100)),
                        ("body", models.BinaryField(blank=True, default=b"")),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                    ],
                    options={
                        "db_table": "accounts_idempotencyrecord",
                        "constraints": [
                            models.UniqueConstraint(fields=("scope", "key"), name="unique_idempotency_key")
                        ],
                    },
                ),
            ],
        ),
        migrations.CreateModel(
            name="AuditEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(db_index=True, verbose_name="when")),
                ("verb", models.CharField(max_length=60, verbose_name="event")),
                ("subject_id", models.BigIntegerField(null=True)),
                ("subject_repr", models.CharField(blank=True, max_length=200, verbose_name="object")),
                ("from_status", models.CharField(blank=True, max_length=20, verbose_name="from")),
                ("to_status", models.CharField(blank=True, max_length=20, verbose_name="to")),
                ("reason", models.CharField(blank=True, max_length=500, verbose_name="why")),
                ("data", models.JSONField(blank=True, default=dict)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="who",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="accounts.organization",
                        verbose_name="for",
                    ),
                ),
                (
                    "subject_type",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "audit entry",
                "verbose_name_plural": "audit log",
                "ordering": ["at", "id"],
                "indexes": [
                    models.Index(fields=["subject_type", "subject_id", "at"], name="audit_subject_idx"),
                    models.Index(fields=["organization", "at"], name="audit_org_idx"),
                ],
            },
        ),
    ]
