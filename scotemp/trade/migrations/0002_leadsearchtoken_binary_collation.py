"""The lead search index compares tokens by code point on every database.

A lone CJK character is looked up as the range ``token >= c AND token < c || U+10FFFF``; that range
holds exactly the tokens starting with ``c`` only under a binary collation. SQLite compares text with
BINARY by default; on PostgreSQL the column gets the "C" collation (the btree index is rebuilt).
"""

from django.db import migrations


def binary_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE trade_leadsearchtoken ALTER COLUMN token TYPE varchar(64) COLLATE "C"'
        )


def default_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE trade_leadsearchtoken ALTER COLUMN token TYPE varchar(64)")


class Migration(migrations.Migration):
    dependencies = [("trade", "0001_initial")]

    operations = [migrations.RunPython(binary_collation, default_collation)]
