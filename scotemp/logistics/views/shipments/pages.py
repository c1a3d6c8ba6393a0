"""Shipment pages: the list, a new shipment (standalone or from a deal) and the detail with its
timeline (planned against actual, delays marked, progress along the legs); the helpers the forms of
the detail page share."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from scotemp.accounts.views import add_errors
from scotemp.core.permissions import parties_of
from scotemp.deals.models import Deal

from ...actions import shipments as actions
from ...choices.shipments import ShipmentStatus
from ...forms.shipments import (
    DocumentForm,
    EquipmentForm,
    EventCsvForm,
    EventForm,
    LegForm,
    ShipmentForm,
)
from ...queries import shipments as queries


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


def detail_context(request, shipment, **forms):
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
    return render(request, "logistics/shipments/detail.html", detail_context(request, shipment))


def rerender(request, shipment, **forms):
    return render(
        request, "logistics/shipments/detail.html", detail_context(request, shipment, **forms), status=400
    )


def flash_result(request, result):
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


def refusal(request, shipment, exc):
    """A refusal the page cannot put on a form field: a conflict or a missing right."""
    if isinstance(exc, PermissionDenied):
        raise exc
    for message in exc.messages:
        messages.error(request, message)
    return redirect(shipment.get_absolute_url())
