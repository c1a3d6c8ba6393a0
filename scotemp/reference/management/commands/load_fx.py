import csv
import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from scotemp.reference.models import Currency, FxRate

REQUIRED_COLUMNS = ("date", "base", "quote", "rate")
# FxRate.rate is DECIMAL(20, 8): 12 digits before the point.
RATE_PLACES = Decimal("0.00000001")
RATE_LIMIT = Decimal(10) ** 12
MAX_REPORTED_ERRORS = 50
BATCH_SIZE = 1000


class Command(BaseCommand):
    help = (
        "Load exchange rates from a CSV file with the header date,base,quote,rate[,source]. Every row is "
        "checked first; on any error nothing is written. Rows are matched by (base, quote, date), so "
        "running it again with the same file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file: date,base,quote,rate[,source]")
        parser.add_argument("--demo", action="store_true", help="Mark the rates as invented demo rates.")
        parser.add_argument(
            "--source", default="", help="Source of rows without their own (default 'demo' with --demo)."
        )

    def handle(self, path, demo=False, source="", verbosity=1, **options):
        default_source = (source or ("demo" if demo else "")).strip()
        rows = self._read(path, default_source, demo)
        if verbosity >= 1:
            self.stdout.write(_("%(count)d rows read from %(path)s.") % {"count": len(rows), "path": path})
        created, updated = self._write(rows, verbosity)
        if verbosity >= 1:
            self.stdout.write(
                _("%(written)d rows written (%(created)d new, %(updated)d changed), %(unchanged)d unchanged.")
                % {
                    "written": created + updated,
                    "created": created,
                    "updated": updated,
                    "unchanged": len(rows) - created - updated,
                }
            )

    def _read(self, path, default_source: str, demo: bool) -> list[FxRate]:
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
                if missing:
                    raise CommandError(
                        _("%(path)s: the header must be date,base,quote,rate[,source]; missing: %(missing)s.")
                        % {"path": path, "missing": ", ".join(missing)}
                    )
                raw = [(reader.line_num, row) for row in reader]
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            ) from error
        except (UnicodeDecodeError, csv.Error) as error:
            raise CommandError(_("%(path)s is not a UTF-8 CSV file.") % {"path": path}) from error

        known = set(Currency.objects.values_list("code", flat=True))
        errors, rows, seen = [], [], {}
        for line, row in raw:
            problems, rate = self._check_row(row, known, default_source, demo)
            if rate is not None:
                key = (rate.base_id, rate.quote_id, rate.date)
                if key in seen:
                    problems.append(_("same pair and date as line %(line)d") % {"line": seen[key]})
                seen.setdefault(key, line)
            if problems:
                errors.append(
                    _("line %(line)d: %(problems)s") % {"line": line, "problems": "; ".join(problems)}
                )
            elif rate is not None:
                rows.append(rate)
        if errors:
            shown = errors[:MAX_REPORTED_ERRORS]
            if len(errors) > len(shown):
                shown.append(
                    _("… and %(count)d more lines with errors.") % {"count": len(errors) - len(shown)}
                )
            raise CommandError(
                _("%(path)s has errors; nothing was written:") % {"path": path} + "\n" + "\n".join(shown)
            )
        return rows

    def _check_row(self, row, known, default_source, demo) -> tuple[list[str], FxRate | None]:
        problems = []
        # csv gives None for missing trailing cells.
        value = {key: (row.get(key) or "").strip() for key in (*REQUIRED_COLUMNS, "source")}
        try:
            date = datetime.date.fromisoformat(value["date"])
        except ValueError:
            date = None
            problems.append(_("date %(value)r is not an ISO date (YYYY-MM-DD)") % {"value": value["date"]})
        for column in ("base", "quote"):
            if value[column] not in known:
                problems.append(
                    _("%(column)s %(value)r is not a known currency code")
                    % {"column": column, "value": value[column]}
                )
        if value["base"] and value["base"] == value["quote"]:
            problems.append(_("base and quote are the same currency"))
        try:
            rate = Decimal(value["rate"]).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
            valid_rate = rate.is_finite() and 0 < rate < RATE_LIMIT
        except InvalidOperation:
            rate, valid_rate = None, False
        if not valid_rate:
            problems.append(_("rate %(value)r is not a positive decimal number") % {"value": value["rate"]})
        source = value["source"] or default_source
        if not source:
            problems.append(_("no source: add a source column or pass --source"))
        elif len(source) > FxRate._meta.get_field("source").max_length:
            problems.append(_("source is too long"))
        if problems:
            return problems, None
        return [], FxRate(
            date=date, base_id=value["base"], quote_id=value["quote"], rate=rate, source=source, is_demo=demo
        )

    @transaction.atomic
    def _write(self, rows: list[FxRate], verbosity: int) -> tuple[int, int]:
        if not rows:
            return 0, 0
        dates = [row.date for row in rows]
        existing = {
            (row.base_id, row.quote_id, row.date): row
            for row in FxRate.objects.filter(
                base__in={r.base_id for r in rows},
                quote__in={r.quote_id for r in rows},
                date__gte=min(dates),
                date__lte=max(dates),
            )
        }
        new, changed = [], []
        for row in rows:
            old = existing.get((row.base_id, row.quote_id, row.date))
            if old is None:
                new.append(row)
            elif (old.rate, old.source, old.is_demo) != (row.rate, row.source, row.is_demo):
                old.rate, old.source, old.is_demo = row.rate, row.source, row.is_demo
                changed.append(old)
        for start in range(0, len(new), BATCH_SIZE):
            FxRate.objects.bulk_create(new[start : start + BATCH_SIZE])
            if verbosity >= 2:
                self.stdout.write(
                    _("%(done)d of %(total)d new rows written.")
                    % {"done": min(start + BATCH_SIZE, len(new)), "total": len(new)}
                )
        FxRate.objects.bulk_update(changed, ["rate", "source", "is_demo"], batch_size=BATCH_SIZE)
        return len(new), len(changed)
