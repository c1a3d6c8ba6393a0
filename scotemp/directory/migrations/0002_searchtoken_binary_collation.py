"""The search index compares tokens by code point on every database.

A prefix query is the range ``token >= w AND token < w || U+10FFFF``; that range holds exactly the
tokens starting with ``w`` only under a binary collation. SQLite compares text with BINARY by
default; PostgreSQL uses the database's collation (e.g. en_US.UTF-8, where the range breaks), so
the column gets the "C" collation there. The btree index is rebuilt by the ALTER.
"""

from django.db import migrations


def binary_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE directory_searchtoken ALTER COLUMN token TYPE varchar(64) COLLATE "C"'
        )


def default_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE directory_searchtoken ALTER COLUMN token TYPE varchar(64)")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(binary_collation, default_collation)]
