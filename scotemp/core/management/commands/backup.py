"""manage.py backup: the database and the uploaded files in one archive (see README "Backup and
restore")."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from scotemp.core.backup import BackupError, create_backup
from scotemp.core.backup.base import megabytes


class Command(BaseCommand):
    help = (
        "Back up the database (a consistent snapshot, taken while the site runs) and the uploaded files "
        "(MEDIA_ROOT) into one .tar archive with a manifest of checksums and row counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Archive to write (default: var/backups/scotemp-<UTC time>.tar; a name ending in "
            ".tar.gz is compressed). An existing file is never overwritten.",
        )
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, output=None, database="default", verbosity=1, **options):
        write = self.stdout.write if verbosity else None
        try:
            result = create_backup(output, alias=database, progress=write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        summary = _(
            "Backup written: %(path)s (%(size)s; %(tables)d tables, %(rows)d rows, %(files)d files) "
            "in %(seconds).1f s."
        ) % {
            "path": result.path,
            "size": megabytes(result.size),
            "tables": len(manifest["row_counts"]),
            "rows": sum(manifest["row_counts"].values()),
            "files": len(manifest["files"]),
            "seconds": result.seconds,
        }
        if verbosity:
            self.stdout.write(self.style.SUCCESS(summary))
        if result.warnings:
            # The archive is complete and usable; the exit status tells a cron job to look.
            raise CommandError("\n".join([summary, *result.warnings]), returncode=2)
