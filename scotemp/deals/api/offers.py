"""A seller's offer on a published buy request, under /api/v1/leads/{id}/offers: the same action as the
offer form (:func:`scotemp.deals.actions.send_offer`), so the same rules and answers. The offer is a
quotation in the seller's inquiry of the buy request; the answer names both."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Router, Status

from scotemp.core.api import ERRORS, form_data, invalid, run
from scotemp.trade import queries as trade_queries

from .. import actions, queries
from ..forms import OfferForm, values_of
from .inquiries import reloaded
from .quotations import quotation_out
from .schemas import OfferIn, OfferOut

router = Router(tags=["deals"])


@router.post(
    "/leads/{public_id}/offers",
    response={201: OfferOut, **ERRORS},
    summary="A seller offers on another organization's published buy request (a quotation the buyer "
    "finds among its inquiries)",
)
def send_offer(request, public_id: UUID, payload: OfferIn):
    organization = getattr(request, "active_organization", None)
    if organization is None:
        raise PermissionDenied(_("Join or register an organization to send offers."))
    lead = trade_queries.lead_for_viewer(request.user, public_id)
    form = OfferForm(form_data(payload.model_dump()))
    if not form.is_valid():
        return invalid(form)
    quotation, error = run(
        actions.send_offer,
        request.user,
        organization,
        lead,
        values_of(form, exclude=("message",)),
        form.cleaned_data["message"],
    )
    if error:
        return error
    inquiry = queries.inquiry_for_viewer(request.user, quotation.inquiry.public_id)
    fresh = queries.quotations_of(inquiry).get(pk=quotation.pk)
    return Status(201, {"inquiry": reloaded(request, inquiry), "quotation": quotation_out(fresh, inquiry)})
