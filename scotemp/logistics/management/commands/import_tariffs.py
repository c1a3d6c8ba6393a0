from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from scotemp.logistics.actions.costs import ScheduleError, import_tariffs


class Command(BaseCommand):
    help = (
        "Import an import duty schedule for one jurisdiction (ISO country code or customs union code such as "
        "EAEU) from a CSV file with the columns of data/tariffs-sample.csv (hs_code, description, mfn_rate, "
        "year, source, confidence, notes; optional jurisdiction, valid_to). Every row is checked first; on "
        "any error nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--jurisdiction", required=True, help="CN, KZ, EAEU …")

    def handle(self, path, jurisdiction, verbosity=1, **options):
        try:
            count = import_tariffs(path, jurisdiction)
        except ScheduleError as exc:
            raise CommandError("\n".join(exc.lines())) from None
        if verbosity >= 1:
            self.stdout.write(_("%(count)d duty rows written.") % {"count": count})
