"""The detail page's other forms: a leg, a container or wagon, a document (and its download), the
public link regenerated or revoked, the shipment cancelled."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.accounts.views import add_errors
from scotemp.core.permissions import parties_of
from scotemp.verification.responses import document_response

from ...actions import shipments as actions
from ...forms.shipments import (
    DocumentForm,
    EquipmentForm,
    LegForm,
)
from ...queries import shipments as queries
from .pages import refusal, rerender


def _simple_post(request, public_id, form_class, act, form_name, success):
    shipment = queries.shipment_for_viewer(request.user, public_id)
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is not None and not form.is_valid():
        return rerender(request, shipment, **{form_name: form})
    try:
        act(shipment, form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        if getattr(exc, "code", None) == "conflict" or form is None:
            return refusal(request, shipment, exc)
        add_errors(form, exc)
        return rerender(request, shipment, **{form_name: form})
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
        return refusal(request, shipment, exc)
    messages.success(request, _("The shipment was cancelled."))
    return redirect(shipment.get_absolute_url())
