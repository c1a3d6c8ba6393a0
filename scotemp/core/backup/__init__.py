"""Backup and restore of an installation: the database and the uploaded files (``MEDIA_ROOT``).

A backup is one tar file (see docs/adr/0008-backup-and-restore.md)::

    database.sqlite3 | database.pgdump   consistent snapshot of the database
    media/<path>                         every file under MEDIA_ROOT, copied after the snapshot
    manifest.json                        written last: checksums, row counts, migrations, versions

It is written under ``<name>.partial`` and renamed once complete, so an archive with its final name
is always whole. :func:`create_backup` writes one, :func:`restore_backup` checks and restores one.
"""

from .base import BackupError
from .create import BackupResult, create_backup
from .restore import RestoreResult, read_manifest, restore_backup

__all__ = [
    "BackupError",
    "BackupResult",
    "RestoreResult",
    "create_backup",
    "read_manifest",
    "restore_backup",
]
