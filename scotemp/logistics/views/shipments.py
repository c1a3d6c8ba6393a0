"""Shipment pages: the list, a new shipment (standalone or from a deal), the detail with its timeline
(planned against actual, delays marked, progress along the legs) and the forms that post an event,
upload events as CSV, add a leg, a container or a document; the shipper regenerates or revokes the
public link. And the public tracking page ``/logistics/track/<token>/``: milestones only, no account.

Rows come from :mod:`scotemp.logistics.queries.shipments` (404 for anyone not a party)."""

import csv
import datetime
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from scotemp.accounts.views import add_errors
from scotemp.core.permissions import parties_of
from scotemp.deals.models import Deal
from scotemp.verification.responses import document_response

from ..actions import shipments as actions
from ..choices.shipments import MAX_EVENT_BATCH, EventSource, ShipmentStatus
from ..forms.shipments import (
    CSV_COLUMNS,
    DocumentForm,
    EquipmentForm,
    EventCsvForm,
    EventForm,
    LegForm,
    ShipmentForm,
)
from ..queries import shipments as queries


@login_required
def shipment_list(request):
    status = request.GET.get("status") or None
    role = request.GET.get("role") or None
    q = request.GET.get("q", "")
    rows = list(queries.shipments_for(request.user, status=status, role=role, q=q)[:200])
    return render(
        request,
        "logistics/shipments/list.html",
        {"shipments": rows, "statuses": ShipmentStatus.choices, "status": status, "role": role, "q": q[:100]},
    )


def _deal_for(request):
    value = request.GET.get("deal") or request.POST.get("deal")
    if not value:
        return None
    try:
        return (
            Deal.objects.visible_to(request.user)
            .select_related("buyer", "seller", "agreed_terms", "current_terms")
            .get(public_id=value)
        )
    except (Deal.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None


@login_required
def shipment_new(request):
    organization = getattr(request, "active_organization", None)
    if organization is None:
        messages.warning(request, _("Register or join an organization to create shipments."))
        return redirect("logistics:shipments")
    deal = _deal_for(request)
    prefill = queries.initial_from_deal(deal) if deal else {}
    if deal and organization.pk not in (deal.buyer_id, deal.seller_id):
        raise Http404
    if request.method == "POST":
        form = ShipmentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            consignee = None
            if deal:
                consignee = deal.buyer if organization.pk == deal.seller_id else deal.seller
            equipment = []
            if data.get("equipment_type") and data.get("equipment_number"):
                equipment = [
                    {
                        "equipment_type": data["equipment_type"],
                        "number": data["equipment_number"],
                        "seal": data["seal"],
                    }
                ]
            legs = [
                {
                    "mode": data["mode"],
                    "from_code": data["origin"].pk,
                    "to_code": data["destination"].pk,
                    "planned_departure": data.get("planned_departure"),
                    "planned_arrival": data.get("planned_arrival"),
                }
            ]
            try:
                shipment = actions.create_shipment(
                    request.user,
                    shipper=organization,
                    consignee=consignee,
                    consignee_name=data.get("consignee_name", ""),
                    provider=data.get("provider") or None,
                    deal=deal,
                    origin=data["origin"],
                    destination=data["destination"],
                    cargo_description=data["cargo_description"],
                    hs_code=data.get("hs_code") or None,
                    weight_kg=data.get("weight_kg"),
                    volume_m3=data.get("volume_m3"),
                    planned_departure=data.get("planned_departure"),
                    planned_arrival=data.get("planned_arrival"),
                    delay_threshold_hours=data.get("delay_threshold_hours"),
                    legs=legs,
                    equipment=equipment,
                )
            except ValidationError as exc:
                add_errors(
                    form,
                    exc,
                    {
                        "equipment.0.number": "equipment_number",
                        "equipment.0.equipment_type": "equipment_type",
                        "legs.0.planned_arrival": "planned_arrival",
                        "legs.0.to_code": "destination",
                    },
                )
            else:
                messages.success(
                    request, _("Shipment %(reference)s created.") % {"reference": shipment.reference}
                )
                return redirect(shipment.get_absolute_url())
        status = 400
    else:
        initial = {k: v for k, v in prefill.items() if k in ShipmentForm.base_fields}
        if deal:
            other = deal.buyer if organization.pk == deal.seller_id else deal.seller
            initial["consignee_name"] = other.name
        form = ShipmentForm(initial=initial)
        status = 200
    return render(
        request,
        "logistics/shipments/form.html",
        {"form": form, "deal": deal, "organization": organization},
        status=status,
    )


def _detail_context(request, shipment, **forms):
    parties = parties_of(request.user, shipment)
    can_write = bool({"shipper", "provider"} & set(parties)) and shipment.status != ShipmentStatus.CANCELLED
    is_shipper = "shipper" in parties
    context = {
        "shipment": shipment,
        "timeline": queries.timeline(shipment),
        "progress": queries.progress(shipment),
        "equipment": list(shipment.equipment.all()),
        "documents": list(shipment.documents.all()),
        "can_write": can_write,
        "is_party": bool(parties),
        "is_shipper": is_shipper,
        "tracking_url": (
            request.build_absolute_uri(f"/logistics/track/{shipment.tracking_token}/")
            if is_shipper and shipment.tracking_token
            else ""
        ),
        "event_form": forms.get("event_form") or EventForm(),
        "csv_form": forms.get("csv_form") or EventCsvForm(),
        "leg_form": forms.get("leg_form") or LegForm(),
        "equipment_form": forms.get("equipment_form") or EquipmentForm(),
        "document_form": forms.get("document_form") or DocumentForm(),
        "csv_errors": forms.get("csv_errors") or [],
        "eta_when": queries.format_moment(shipment.eta),
        "planned_when": queries.format_moment(shipment.planned_arrival),
    }
    return context


@login_required
def shipment_detail(request, public_id):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    return render(request, "logistics/shipments/detail.html", _detail_context(request, shipment))


def _rerender(request, shipment, **forms):
    return render(
        request, "logistics/shipments/detail.html", _detail_context(request, shipment, **forms), status=400
    )


def _flash_result(request, result):
    if result.created:
        messages.success(
            request,
            ngettext("%(count)d event recorded.", "%(count)d events recorded.", result.created)
            % {"count": result.created},
        )
    if result.duplicates:
        messages.info(
            request,
            ngettext(
                "%(count)d event was already recorded and was skipped.",
                "%(count)d events were already recorded and were skipped.",
                result.duplicates,
            )
            % {"count": result.duplicates},
        )


def _refusal(request, shipment, exc):
    """A refusal the page cannot put on a form field: a conflict or a missing right."""
    if isinstance(exc, PermissionDenied):
        raise exc
    for message in exc.messages:
        messages.error(request, message)
    return redirect(shipment.get_absolute_url())


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
                return _refusal(request, shipment, exc)
            add_errors(
                form, ValidationError({k.removeprefix("events.0."): v for k, v in exc.message_dict.items()})
            )
        else:
            _flash_result(request, result)
            return redirect(shipment.get_absolute_url())
    return _rerender(request, shipment, event_form=form)


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
        return _rerender(request, shipment, csv_form=form)
    rows, errors = read_event_csv(form.cleaned_data["file"])
    if errors:
        return _rerender(request, shipment, csv_form=form, csv_errors=errors)
    try:
        result = actions.post_events(request.user, shipment, rows, source=EventSource.CSV)
    except ValidationError as exc:
        if getattr(exc, "code", None) == "conflict":
            return _refusal(request, shipment, exc)
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
        return _rerender(request, shipment, csv_form=form, csv_errors=errors)
    _flash_result(request, result)
    return redirect(shipment.get_absolute_url())


def _row_of(key: str) -> int:
    """The CSV line of ``events.<index>.<field>`` (line 1 is the header)."""
    parts = key.split(".")
    return int(parts[1]) + 2 if len(parts) > 1 and parts[1].isdigit() else 0


def _simple_post(request, public_id, form_class, act, form_name, success):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is not None and not form.is_valid():
        return _rerender(request, shipment, **{form_name: form})
    try:
        act(shipment, form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        if getattr(exc, "code", None) == "conflict" or form is None:
            return _refusal(request, shipment, exc)
        add_errors(form, exc)
        return _rerender(request, shipment, **{form_name: form})
    messages.success(request, success)
    return redirect(shipment.get_absolute_url())


@login_required
@require_POST
def shipment_leg(request, public_id):
    return _simple_post(
        request,
        public_id,
        LegForm,
        lambda s, d: actions.add_leg(request.user, s, **d),
        "leg_form",
        _("Leg added."),
    )


@login_required
@require_POST
def shipment_equipment(request, public_id):
    return _simple_post(
        request,
        public_id,
        EquipmentForm,
        lambda s, d: actions.add_equipment(request.user, s, **d),
        "equipment_form",
        _("Container or wagon added."),
    )


@login_required
@require_POST
def shipment_document_upload(request, public_id):
    return _simple_post(
        request,
        public_id,
        DocumentForm,
        lambda s, d: actions.add_document(request.user, s, kind=d["kind"], file=d["file"]),
        "document_form",
        _("Document attached."),
    )


@login_required
def shipment_document(request, public_id, document_id):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    if not parties_of(request.user, shipment):
        raise Http404  # operators moderate, they do not read the parties' documents
    document = shipment.documents.filter(public_id=document_id).first()
    if document is None:
        raise Http404
    return document_response(document)


@login_required
@require_POST
def shipment_tracking_link(request, public_id):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    if request.POST.get("action") == "revoke":
        actions.revoke_tracking_link(request.user, shipment)
        messages.success(request, _("The public tracking link was switched off."))
    else:
        actions.regenerate_tracking_link(request.user, shipment)
        messages.success(request, _("A new public tracking link was made; the old one no longer works."))
    return redirect(shipment.get_absolute_url())


@login_required
@require_POST
def shipment_cancel(request, public_id):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    try:
        actions.cancel_shipment(request.user, shipment, request.POST.get("reason", ""))
    except ValidationError as exc:
        return _refusal(request, shipment, exc)
    messages.success(request, _("The shipment was cancelled."))
    return redirect(shipment.get_absolute_url())


def track(request, token):
    """The public tracking page: milestones (places, times, status, ETA) and nothing else — no
    parties, prices, documents, containers or remarks. Not indexed by search engines."""
    shipment = queries.shipment_for_tracking(token)
    response = render(
        request,
        "logistics/shipments/track.html",
        {
            "shipment": shipment,
            "timeline": queries.timeline(shipment, milestones_only=True),
            "progress": queries.progress(shipment),
            "eta_when": queries.format_moment(shipment.eta),
            "planned_when": queries.format_moment(shipment.planned_arrival),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("shipments/", shipment_list, name="shipments"),
    path("shipments/new/", shipment_new, name="shipment_new"),
    path("shipments/<uuid:public_id>/", shipment_detail, name="shipment"),
    path("shipments/<uuid:public_id>/events/", shipment_event, name="shipment_event"),
    path("shipments/<uuid:public_id>/events/csv/", shipment_events_csv, name="shipment_events_csv"),
    path("shipments/<uuid:public_id>/legs/", shipment_leg, name="shipment_leg"),
    path("shipments/<uuid:public_id>/equipment/", shipment_equipment, name="shipment_equipment"),
    path("shipments/<uuid:public_id>/documents/", shipment_document_upload, name="shipment_document_upload"),
    path(
        "shipments/<uuid:public_id>/documents/<uuid:document_id>/",
        shipment_document,
        name="shipment_document",
    ),
    path("shipments/<uuid:public_id>/tracking-link/", shipment_tracking_link, name="shipment_tracking_link"),
    path("shipments/<uuid:public_id>/cancel/", shipment_cancel, name="shipment_cancel"),
    path("track/<str:token>/", track, name="track"),
]
