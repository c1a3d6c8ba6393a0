"""manage.py restore ARCHIVE: check a backup, then restore the database and the uploaded files
into an empty installation (see README "Backup and restore")."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from scotemp.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by manage.py backup. Every checksum is checked before anything is "
        "written; afterwards row counts, integrity and file checksums are compared with the manifest. "
        "Stop the web server and the task worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar (or .tar.gz) archive.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds data and write into a non-empty MEDIA_ROOT; accept a "
            "backup with migrations this code does not know.",
        )
        parser.add_argument(
            "--check", action="store_true", help="Only check the archive's checksums; write nothing."
        )
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, archive, force=False, check=False, database="default", verbosity=1, **options):
        write = self.stdout.write if verbosity else None
        try:
            result = restore_backup(archive, alias=database, force=force, check_only=check, progress=write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        values = {
            "created": manifest["created_at"],
            "tables": result.tables,
            "rows": result.rows,
            "files": result.files,
            "seconds": result.seconds,
        }
        if check:
            summary = _(
                "The archive is sound: backup of %(created)s, %(tables)d tables, %(rows)d rows, "
                "%(files)d files (checked in %(seconds).1f s)."
            )
        else:
            summary = _(
                "Restored the backup of %(created)s: %(tables)d tables, %(rows)d rows and %(files)d files, "
                "all verified, in %(seconds).1f s."
            )
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if verbosity:
            self.stdout.write(self.style.SUCCESS(summary % values))
