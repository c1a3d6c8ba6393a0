"""Pages of freight quote requests: the shipper's list, the request form (standalone or from a deal),
the request page with the comparison of quotes and the book button; the provider's inbox and the
inquiry page (quote form, decline, thread with attachments), shared by both sides of an inquiry."""

import uuid
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from scotemp.accounts.views import add_errors
from scotemp.core import uploads
from scotemp.verification.responses import document_response
from scotemp.verification.uploads import check_upload

from ...actions import freight as actions
from ...choices.freight import OPEN_FREIGHT_INQUIRY, FreightInquiryStatus
from ...forms.freight import (
    REQUEST_VALUES_EXCLUDE,
    DeclineForm,
    FreightQuoteForm,
    FreightRequestForm,
    MessageForm,
)
from ...queries import freight as freight_queries
from .common import acting_organization, page_of, submit

COMPARE_CURRENCIES = ("CNY", "USD", "EUR", "RUB", "KZT")


@login_required
def request_list(request):
    """The shipper's freight requests, newest first."""
    organization = acting_organization(request)
    rows = freight_queries.requests_for(request.user)
    return render(
        request,
        "logistics/freight/request_list.html",
        {"requests": page_of(request, rows), "organization": organization},
    )


def _deal_initial(request, organization):
    """Prefill from a deal of the shipper's (``?deal=``): goods, HS code, Incoterm and places."""
    raw = request.GET.get("deal") or request.POST.get("deal")
    if not raw:
        return None, {}
    try:
        public_id = uuid.UUID(str(raw))
    except ValueError:
        raise Http404 from None
    from scotemp.deals.models import Deal

    deal = (
        Deal.objects.member_of(request.user)
        .select_related("buyer__city", "seller__city", "current_terms", "current_terms__incoterm_place")
        .filter(public_id=public_id)
        .first()
    )
    if deal is None or organization is None or organization.pk not in (deal.buyer_id, deal.seller_id):
        raise Http404
    terms = deal.current_terms
    initial = {"deal": deal.public_id}
    if terms is not None:
        initial.update(
            {"goods": terms.goods[:200], "hs_code": terms.hs_code_id or "", "incoterm": terms.incoterm_id}
        )
        origin = getattr(deal.seller, "city_id", None)
        destination = getattr(deal.buyer, "city_id", None)
        place = terms.incoterm_place_id
        # The named place of a rule where the seller hands over at origin (E/F rules) is the origin.
        if terms.incoterm_id in ("EXW", "FCA", "FAS", "FOB"):
            origin = place
        else:
            destination = place
        initial.update({"origin": origin or "", "destination": destination or ""})
        kilograms = {"TNE": 1000, "KGM": 1}.get(terms.unit_id)
        if kilograms:
            weight = (terms.quantity * kilograms).quantize(Decimal("0.01")).normalize()
            initial["weight_kg"] = format(weight, "f")
    return deal, initial


def _form_page(request, form, organization, deal=None, status=200):
    return render(
        request,
        "logistics/freight/request_form.html",
        {
            "form": form,
            "deal": deal,
            "providers": freight_queries.provider_choices(organization.pk if organization else None)[:200],
            "chosen": {str(i) for i in (form["providers"].value() or "").split(",")}
            if form.is_bound
            else set(),
        },
        status=status,
    )


@login_required
def request_new(request):
    organization = acting_organization(request)
    if organization is None:
        return redirect("accounts:organizations")
    deal, initial = _deal_initial(request, organization)
    if request.method == "POST":
        data = request.POST.copy()
        data["providers"] = ",".join(request.POST.getlist("providers"))
        form = FreightRequestForm(data)
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k not in REQUEST_VALUES_EXCLUDE}
            values["deal"] = deal
            try:
                sent = actions.send_freight_request(
                    request.user,
                    organization,
                    values,
                    form.cleaned_data["providers"],
                    to_lane=form.cleaned_data["to_lane"],
                    submission_key=form.cleaned_data["submission_key"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                count = sent.inquiries.count()
                messages.success(
                    request,
                    ngettext(
                        "Your freight request was sent to %(count)d provider.",
                        "Your freight request was sent to %(count)d providers.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect("logistics:freight_request", public_id=sent.public_id)
        return _form_page(request, form, organization, deal, status=400)
    form = FreightRequestForm(initial={"units": 1, **initial, "submission_key": uuid.uuid4().hex})
    return _form_page(request, form, organization, deal)


@login_required
def request_detail(request, public_id):
    """The shipper's request: the providers asked, the quotes side by side in one currency, booking."""
    freight_request = freight_queries.request_for_shipper(request.user, public_id)
    currency = request.GET.get("currency") or "CNY"
    if currency not in COMPARE_CURRENCIES:
        currency = "CNY"
    comparison = freight_queries.comparison_of(freight_request, currency)
    return render(
        request,
        "logistics/freight/request_detail.html",
        {
            "req": freight_request,
            "inquiries": freight_queries.inquiries_of(freight_request),
            "comparison": comparison,
            "best": comparison.best,
            "currencies": COMPARE_CURRENCIES,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def book(request, public_id):
    quote = freight_queries.quote_for_viewer(request.user, public_id)
    back = redirect("logistics:freight_request", public_id=quote.inquiry.request.public_id)
    try:
        actions.book_freight_quote(request.user, quote)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return back
    messages.success(
        request, _("Booked. The provider is told; the other providers learn they were not chosen.")
    )
    return back


@login_required
@require_POST
def cancel(request, public_id):
    freight_request = freight_queries.request_for_shipper(request.user, public_id)
    try:
        actions.cancel_freight_request(request.user, freight_request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Request cancelled; the providers are told."))
    return redirect("logistics:freight_request", public_id=freight_request.public_id)


@login_required
def inbox(request):
    """The freight inquiries the provider's organization received, newest activity first."""
    status = request.GET.get("status") or ""
    if status not in FreightInquiryStatus.values:
        status = ""
    rows = freight_queries.inquiries_for(request.user, role="provider", status=status or None)
    return render(
        request,
        "logistics/freight/inbox.html",
        {"inquiries": page_of(request, rows), "status": status, "statuses": FreightInquiryStatus.choices},
    )


def _inquiry_page(
    request, inquiry, status=200, quote_form=None, decline_form=None, message_form=None, kept_files=()
):
    side = actions.side_of(request.user, inquiry)
    quotes = list(freight_queries.quotes_of(inquiry))
    current = next((q for q in quotes if q.status in ("current", "booked")), None)
    if quote_form is None:
        initial = {"basis": "container", "currency": "USD"}
        if current is not None:
            initial = {
                "price": current.price,
                "currency": current.currency_id,
                "basis": current.basis,
                "transit_days_min": current.transit_days_min,
                "transit_days_max": current.transit_days_max,
                "valid_until": current.valid_until.isoformat(),
                "conditions": current.conditions,
            }
        quote_form = FreightQuoteForm(initial=initial)
    if side is not None:
        actions.mark_freight_thread_read(request.user, inquiry)
    return render(
        request,
        "logistics/freight/inquiry_detail.html",
        {
            "inquiry": inquiry,
            "req": inquiry.request,
            "side": side,
            "is_open": inquiry.status in OPEN_FREIGHT_INQUIRY and inquiry.request.status == "open",
            "quotes": quotes,
            "current": current,
            "quote_form": quote_form,
            "decline_form": decline_form or DeclineForm(),
            "message_form": message_form or MessageForm(),
            "thread": freight_queries.thread_of(inquiry),
            "kept_files": kept_files,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def inquiry_detail(request, public_id):
    return _inquiry_page(request, freight_queries.inquiry_for_viewer(request.user, public_id))


def _back(inquiry):
    return redirect("logistics:freight_inquiry", public_id=inquiry.public_id)


@login_required
@require_POST
def quote(request, public_id):
    inquiry = freight_queries.inquiry_for_viewer(request.user, public_id)
    return submit(
        request,
        FreightQuoteForm(request.POST),
        lambda form: actions.send_freight_quote(request.user, inquiry, form.cleaned_data),
        back=_back(inquiry),
        success=_("Quote sent to the shipper."),
        rerender=lambda form: _inquiry_page(request, inquiry, status=400, quote_form=form),
    )


@login_required
@require_POST
def decline(request, public_id):
    inquiry = freight_queries.inquiry_for_viewer(request.user, public_id)
    return submit(
        request,
        DeclineForm(request.POST),
        lambda form: actions.decline_freight_inquiry(request.user, inquiry, form.cleaned_data["reason"]),
        back=_back(inquiry),
        success=_("You declined this request; the shipper is told."),
        rerender=lambda form: _inquiry_page(request, inquiry, status=400, decline_form=form),
    )


@login_required
@require_POST
def post_message(request, public_id):
    inquiry = freight_queries.inquiry_for_viewer(request.user, public_id)
    new_files = request.FILES.getlist("file")
    held_files, held = uploads.chosen(request)

    def rerender(form):
        kept = held + uploads.keep(request, new_files, check=check_upload)
        return _inquiry_page(request, inquiry, status=400, message_form=form, kept_files=kept)

    def post(form):
        message = actions.post_freight_message(
            request.user, inquiry, form.cleaned_data["body"], held_files + new_files
        )
        uploads.release(request)
        return message

    return submit(
        request,
        MessageForm(request.POST),
        post,
        back=redirect(f"{_back(inquiry).url}#thread"),
        success=_("Message sent."),
        rerender=rerender,
    )


@login_required
def attachment(request, public_id):
    return document_response(freight_queries.attachment_for_viewer(request.user, public_id))


urlpatterns = [
    path("freight/", request_list, name="freight_requests"),
    path("freight/new/", request_new, name="freight_request_new"),
    path("freight/<uuid:public_id>/", request_detail, name="freight_request"),
    path("freight/<uuid:public_id>/cancel/", cancel, name="freight_request_cancel"),
    path("freight/quotes/<uuid:public_id>/book/", book, name="freight_book"),
    path("freight/inbox/", inbox, name="freight_inbox"),
    path("freight/inquiries/<uuid:public_id>/", inquiry_detail, name="freight_inquiry"),
    path("freight/inquiries/<uuid:public_id>/quote/", quote, name="freight_quote"),
    path("freight/inquiries/<uuid:public_id>/decline/", decline, name="freight_decline"),
    path("freight/inquiries/<uuid:public_id>/messages/", post_message, name="freight_message"),
    path("freight/attachments/<uuid:public_id>/", attachment, name="freight_attachment"),
]
