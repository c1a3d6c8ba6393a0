"""Pages of a buyer's request: the request form (from a sell offer, or a list of sellers), the seller
search it uses, and the RFQ page with the comparison of the sellers' quotations in one currency."""

import dataclasses
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from scotemp.accounts.models import Organization
from scotemp.accounts.views import add_errors
from scotemp.core.fragments import csrf_placeholder, shared_fragment
from scotemp.core.permissions import parties_of
from scotemp.events.queries.b2b.outcomes import OUTCOMES_OF_RFQ
from scotemp.logistics.queries.costs.rfq import buyer_place, delivered_costs, lowest_complete
from scotemp.trade import queries as trade_queries

from .. import actions, queries
from ..choices import MAX_RFQ_SELLERS, OPEN_INQUIRY_STATUSES
from ..forms import RfqForm, values_of
from ..queries import comparison as comparison_reads
from .common import iso_date, organization_or_warn, plain_decimal


def _parse_ids(raw) -> list[uuid.UUID]:
    ids = []
    for part in raw:
        for piece in str(part).split(","):
            try:
                ids.append(uuid.UUID(piece.strip()))
            except ValueError:
                continue
    return list(dict.fromkeys(ids))


def _sellers(ids, buyer) -> list[Organization]:
    """The chosen organizations in the order chosen, without the buyer itself."""
    found = {
        o.public_id: o
        for o in Organization.objects.filter(public_id__in=ids[: MAX_RFQ_SELLERS * 2]).select_related(
            "country"
        )
    }
    return [found[i] for i in ids if i in found and found[i].pk != buyer.pk]


def _source_lead(request, organization):
    """The published sell offer of another organization a request starts from (``?lead=``), or None."""
    raw = request.GET.get("lead") or request.POST.get("lead")
    if not raw:
        return None
    try:
        public_id = uuid.UUID(raw)
    except ValueError:
        raise Http404 from None
    lead = trade_queries.lead_for_viewer(request.user, public_id)
    try:
        actions.check_source_lead(lead, organization)
    except ValidationError:
        raise Http404 from None
    return lead


def _lead_initial(lead) -> dict:
    title, _language = trade_queries.text_in(lead, "title")
    return {
        "goods": title[:200],
        "hs_code": lead.hs_code_id,
        "quantity": plain_decimal(lead.quantity),
        "unit": lead.unit_id,
        "incoterm": lead.incoterm_id,
        "incoterm_place": lead.incoterm_place_id,
        "currency": lead.currency_id or "",
        "delivery_from": iso_date(lead.delivery_from, future_only=True),
        "delivery_until": iso_date(lead.delivery_until, future_only=True),
    }


@login_required
def rfq_new(request):
    """The request form, prefilled from a sell offer (``?lead=``) or a list of sellers (``?sellers=``)."""
    organization = organization_or_warn(request)
    if organization is None:
        return redirect("accounts:organizations")
    lead = _source_lead(request, organization)
    status = 200
    if request.method == "POST":
        seller_ids = _parse_ids(request.POST.getlist("sellers"))
        data = request.POST.copy()
        data["sellers"] = ",".join(str(i) for i in seller_ids)
        form = RfqForm(data)
        if form.is_valid():
            try:
                rfq = actions.send_rfq(
                    request.user,
                    organization,
                    values_of(form),
                    form.cleaned_data["sellers"],
                    lead=lead,
                    submission_key=form.cleaned_data["submission_key"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                inquiries = list(rfq.inquiries.only("public_id"))
                count = len(inquiries)
                messages.success(
                    request,
                    ngettext(
                        "Your request was sent to %(count)d seller.",
                        "Your request was sent to %(count)d sellers.",
                        count,
                    )
                    % {"count": count},
                )
                if count == 1:
                    return redirect("deals:inquiry", public_id=inquiries[0].public_id)
                return redirect("deals:rfq", public_id=rfq.public_id)
        status = 400
    else:
        initial = _lead_initial(lead) if lead is not None else {}
        seller_ids = [lead.organization.public_id] if lead is not None else []
        seller_ids += _parse_ids(request.GET.getlist("sellers"))
        seller_ids = list(dict.fromkeys(seller_ids))
        form = RfqForm(initial={**initial, "submission_key": uuid.uuid4().hex})
    return render(
        request,
        "deals/rfq_form.html",
        {
            "form": form,
            "organization": organization,
            "lead": lead,
            "chosen": _sellers(seller_ids, organization),
            "max_sellers": MAX_RFQ_SELLERS,
        },
        status=status,
    )


@login_required
@require_GET
def seller_search(request):
    """htmx fragment: organizations whose name contains ``q`` (not the active one), to add as sellers."""
    organization = getattr(request, "active_organization", None)
    q = (request.GET.get("q") or "").strip()
    found = []
    if len(q) >= 2:
        qs = Organization.objects.filter(Q(name__icontains=q) | Q(name_latin__icontains=q)).select_related(
            "country"
        )
        if organization is not None:
            qs = qs.exclude(pk=organization.pk)
        found = list(qs.order_by("name")[:10])
    return render(request, "deals/_seller_options.html", {"found": found, "q": q})


# --- the buyer's RFQ page ----------------------------------------------------------------------------


@login_required
def rfq_detail(request, public_id):
    """The request, every seller's inquiry and the comparison of their quotations in one currency.
    The sellers come as light rows with their deals (:mod:`..queries.comparison`), the comparison's rows
    are written by ``{% comparison_row %}``.

    The comparison (quotations converted, delivered costs, rows, chart) is a shared fragment: the same
    for every reader on the buyer's side, it is rendered once per currency, ranking, day and
    :func:`~..queries.comparison.fingerprint` of the rows it is made of (read on every request, so a
    new quotation, an acceptance or a withdrawn inquiry shows at once) and kept for a minute."""
    rfq = comparison_reads.rfq_for_page(request.user, public_id)
    default = comparison_reads.default_currency(getattr(request, "active_organization", None), rfq)
    quoted = comparison_reads.quoted_currencies(rfq)
    currencies = queries.comparison_currencies(rfq, default, quoted)
    currency = (request.GET.get("currency") or "").upper()
    if currency not in currencies:
        currency = default
    inquiries = comparison_reads.seller_inquiries(rfq)
    quotations = comparison_reads.standing_quotations(rfq, comparison_reads.PAGE_QUOTATION_RELATED)
    on_date = timezone.localdate()
    rates = comparison_reads.conversions(quoted, currency, on_date)
    # Delivered cost at the buyer's place (default), or the quoted prices alone (?basis=price).
    basis = "price" if request.GET.get("basis") == "price" else "delivered"
    is_buyer = bool(parties_of(request.user, rfq))
    # Accepting one quotation may close the others (awarding the request to one seller).
    other_open = sum(1 for i in inquiries if i.status in OPEN_INQUIRY_STATUSES) > 1
    shown = {"rfq": rfq, "is_buyer": is_buyer, "other_open": other_open, "today": on_date}
    parts = (
        "deals:rfq-comparison",
        currency,
        basis,
        on_date,
        is_buyer,
        other_open,
        comparison_reads.fingerprint(rfq, inquiries, quotations, rates),
    )
    comparison_html = shared_fragment(
        request,
        parts,
        lambda: render_to_string(
            "deals/_rfq_comparison.html",
            {
                **_comparison_context(rfq, inquiries, quotations, rates, currency, on_date, basis),
                **shown,
                "csrf_token": csrf_placeholder(),
            },
        ),
    )
    return render(
        request,
        "deals/rfq_detail.html",
        {
            **shown,
            "meeting_outcomes": OUTCOMES_OF_RFQ(row_id=rfq.pk) if rfq.from_meeting else (),
            "inquiries": inquiries,
            "currency": currency,
            "basis": basis,
            "currencies": currencies,
            "comparison_html": comparison_html,
        },
    )


def _comparison_context(rfq, inquiries, quotations, rates, currency, on_date, basis) -> dict:
    """What the comparison fragment shows (nothing about the reader but what the caller adds)."""
    comparison = queries.compare_quotations(
        rfq,
        currency,
        on_date,
        inquiries=inquiries,
        related=comparison_reads.PAGE_QUOTATION_RELATED,
        rates=rates,
        quotations=quotations,
    )
    delivered = delivered_costs(
        rfq,
        [(r.quotation, r.inquiry.seller) for r in comparison.rows],
        comparison.currency,
        on_date=comparison.on_date,
        rates={r.quotation.currency_id: r.conversion for r in comparison.rows if r.conversion is not None},
    )
    if basis == "delivered":
        comparison = dataclasses.replace(
            comparison, rows=sorted(comparison.rows, key=lambda r: delivered[r.quotation.pk].sort_key)
        )
    totals = [row.total for row in comparison.rows if row.total is not None]
    biggest = max(totals, default=None)
    return {
        "comparison": comparison,
        "entries": [{"row": row, "delivered": delivered[row.quotation.pk]} for row in comparison.rows],
        "best_delivered": lowest_complete(delivered),
        "buyer_place": buyer_place(rfq),
        "delivered_demo": any(d.cost is not None and d.cost.uses_demo_rates for d in delivered.values()),
        # "Lowest" only means something among two or more converted totals.
        "best": min(totals) if len(totals) > 1 else None,
        "bars": [
            {"row": row, "pct": int(row.total * 100 / biggest) if biggest else 0}
            for row in comparison.rows
            if row.total is not None
        ],
    }
