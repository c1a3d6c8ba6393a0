"""Posting tracking events from the shipment page: one event, or many from a CSV file (errors name
the row and the column)."""

import csv
import datetime
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.accounts.views import add_errors

from ...actions import shipments as actions
from ...choices.shipments import MAX_EVENT_BATCH, EventSource
from ...forms.shipments import (
    CSV_COLUMNS,
    EventCsvForm,
    EventForm,
)
from ...queries import shipments as queries
from .pages import flash_result, refusal, rerender


@login_required
@require_POST
def shipment_event(request, public_id):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    form = EventForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        # The form reads the time in the site's zone; the field asks for UTC: keep the wall time.
        data["event_at"] = timezone.make_naive(data["event_at"]).replace(tzinfo=datetime.UTC)
        try:
            result = actions.post_events(request.user, shipment, [data], source=EventSource.PAGE)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "conflict":
                return refusal(request, shipment, exc)
            add_errors(
                form, ValidationError({k.removeprefix("events.0."): v for k, v in exc.message_dict.items()})
            )
        else:
            flash_result(request, result)
            return redirect(shipment.get_absolute_url())
    return rerender(request, shipment, event_form=form)


def read_event_csv(uploaded) -> tuple[list[dict], list[str]]:
    """The rows of an events CSV as dicts, or the errors that make the file unreadable."""
    try:
        text = uploaded.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_("The file is not UTF-8 text.")]
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_COLUMNS[:4] if c not in header]
    if missing:
        return [], [_("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)}]
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            rows.append({c: (row.get(c) or "").strip() for c in CSV_COLUMNS})
            if len(rows) > MAX_EVENT_BATCH:
                return [], [_("At most %(max)s rows per file.") % {"max": MAX_EVENT_BATCH}]
    except csv.Error:
        return [], [_("The file is not a readable CSV file.")]
    if not rows:
        return [], [_("The file has no rows.")]
    return rows, []


@login_required
@require_POST
def shipment_events_csv(request, public_id):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    form = EventCsvForm(request.POST, request.FILES)
    if not form.is_valid():
        return rerender(request, shipment, csv_form=form)
    rows, errors = read_event_csv(form.cleaned_data["file"])
    if errors:
        return rerender(request, shipment, csv_form=form, csv_errors=errors)
    try:
        result = actions.post_events(request.user, shipment, rows, source=EventSource.CSV)
    except ValidationError as exc:
        if getattr(exc, "code", None) == "conflict":
            return refusal(request, shipment, exc)
        errors = []
        for key, messages_ in sorted(exc.message_dict.items(), key=lambda kv: _row_of(kv[0])):
            parts = key.split(".")
            row = _row_of(key)
            column = parts[2] if len(parts) > 2 else ""
            for message in messages_:
                errors.append(
                    _("Row %(row)s, %(column)s: %(message)s")
                    % {"row": row, "column": column, "message": message}
                    if row
                    else message
                )
        return rerender(request, shipment, csv_form=form, csv_errors=errors)
    flash_result(request, result)
    return redirect(shipment.get_absolute_url())


def _row_of(key: str) -> int:
    """The CSV line of ``events.<index>.<field>`` (line 1 is the header)."""
    parts = key.split(".")
    return int(parts[1]) + 2 if len(parts) > 1 and parts[1].isdigit() else 0
