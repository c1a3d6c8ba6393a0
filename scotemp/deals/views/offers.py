"""The offer form: a seller answers a published buy request of another organization with a quotation
(from the buy request's page or from a match with it). The form comes prefilled from the request; the
offer lands among the buyer's inquiries, and the seller continues on its inquiry page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from scotemp.accounts.views import add_errors
from scotemp.trade import queries as trade_queries

from .. import actions
from ..forms import OfferForm, values_of
from .common import flash, is_conflict, iso_date, organization_or_warn, plain_decimal


def _initial(lead) -> dict:
    title, _language = trade_queries.text_in(lead, "title")
    same_unit = lead.price_unit_id in (None, lead.unit_id)
    price = lead.price if lead.price and not lead.price_on_request and same_unit else None
    return {
        "goods": title[:200],
        "quantity": plain_decimal(lead.quantity),
        "unit": lead.unit_id,
        "unit_price": plain_decimal(price),
        "currency": lead.currency_id or "",
        "incoterm": lead.incoterm_id,
        "incoterm_place": lead.incoterm_place_id,
        "valid_until": iso_date(lead.valid_until, future_only=True),
    }


@login_required
def offer_new(request, public_id):
    """The offer form for a buy request (404 when the request is not visible); refusals (own
    organization's request, closed or expired) go back to the request with the reason."""
    organization = organization_or_warn(request)
    if organization is None:
        return redirect("accounts:organizations")
    lead = trade_queries.lead_for_viewer(request.user, public_id)
    back = redirect("trade:lead_detail", public_id=lead.public_id)
    try:
        actions.check_offer_lead(lead, organization)
    except ValidationError as exc:
        flash(request, exc)
        return back
    status = 200
    if request.method == "POST":
        form = OfferForm(request.POST)
        if form.is_valid():
            try:
                quotation = actions.send_offer(
                    request.user,
                    organization,
                    lead,
                    values_of(form, exclude=("message",)),
                    form.cleaned_data["message"],
                )
            except ValidationError as exc:
                if is_conflict(exc):
                    flash(request, exc)
                    return back
                add_errors(form, exc)
            else:
                messages.success(request, _("Your offer was sent: the buyer finds it among its inquiries."))
                return redirect("deals:inquiry", public_id=quotation.inquiry.public_id)
        status = 400
    else:
        form = OfferForm(initial=_initial(lead))
    title, title_language = trade_queries.text_in(lead, "title")
    return render(
        request,
        "deals/offer_form.html",
        {
            "form": form,
            "lead": lead,
            "title": title,
            "title_language": title_language,
            "organization": organization,
        },
        status=status,
    )
