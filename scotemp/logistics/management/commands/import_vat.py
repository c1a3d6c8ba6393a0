from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from scotemp.logistics.actions.costs import ScheduleError, import_vat


class Command(BaseCommand):
    help = (
        "Import import-VAT rates from a CSV file with the columns of data/vat.csv (iso2, standard_rate_pct, "
        "reduced_rates, effective_from, applies_to_imports, source, source_date, confidence, notes); a row "
        "with an hs_prefix column (and description) is a reduced rate for that HS prefix. Every row is "
        "checked first; on any error nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, verbosity=1, **options):
        try:
            count = import_vat(path)
        except ScheduleError as exc:
            raise CommandError("\n".join(exc.lines())) from None
        if verbosity >= 1:
            self.stdout.write(_("%(count)d VAT rows written.") % {"count": count})
