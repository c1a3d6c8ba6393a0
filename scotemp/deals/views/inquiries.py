"""One inquiry for its buyer or seller: the request, the quotation versions, the seller's quote and
decline forms, the buyer's accept and close buttons, the thread with attachments, and asking the
operator in. Each POST endpoint calls one action; see :mod:`.common` for how errors are shown."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from scotemp.core import uploads
from scotemp.verification.responses import document_response
from scotemp.verification.uploads import check_upload

from .. import actions, queries
from ..choices import MAX_ATTACHMENTS, OPEN_INQUIRY_STATUSES, InquiryStatus, QuotationStatus
from ..forms import MessageForm, QuotationForm, ReasonForm, values_of
from ..models import Deal
from .common import flash, iso_date, plain_decimal, submit


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ThreadMessageForm(MessageForm):
    """The message form of the page: the text plus up to five files. The files are checked by
    ``actions.post_message`` (their errors come back under ``file``), not by the form."""

    file = forms.FileField(
        label=gettext_lazy("Attachments"),
        required=False,
        widget=_MultipleFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
        help_text=gettext_lazy("Up to 5 files: PDF, JPEG or PNG, 10 MB each."),
    )

    def clean_file(self):
        return None  # read from request.FILES by the view; checked by the action


# --- one inquiry -------------------------------------------------------------------------------------


def _quotation_initial(inquiry, current) -> dict:
    if current is not None:
        return {
            "unit_price": plain_decimal(current.unit_price),
            "currency": current.currency_id,
            "quantity": plain_decimal(current.quantity),
            "unit": current.unit_id,
            "min_order": plain_decimal(current.min_order),
            "incoterm": current.incoterm_id,
            "incoterm_place": current.incoterm_place_id,
            "lead_time_days": current.lead_time_days,
            "payment_terms": current.payment_terms,
            "valid_until": iso_date(current.valid_until, future_only=True),
            "note": current.note,
        }
    rfq = inquiry.rfq
    return {
        "currency": rfq.currency_id or "",
        "quantity": plain_decimal(rfq.quantity),
        "unit": rfq.unit_id,
        "incoterm": rfq.incoterm_id,
        "incoterm_place": rfq.incoterm_place_id,
    }


def _inquiry_page(request, inquiry, status=200, **forms_):
    user = request.user
    side = actions.side_of(user, inquiry)
    quotations = list(queries.quotations_of(inquiry))
    current = next(
        (q for q in quotations if q.status in (QuotationStatus.CURRENT, QuotationStatus.ACCEPTED)), None
    )
    earlier = [q for q in quotations if q is not current]
    deal = Deal.objects.filter(inquiry=inquiry).only("public_id", "status").first()
    thread = list(queries.thread_of(inquiry))
    if status == 200:
        actions.mark_thread_read(user, inquiry)
    is_open = inquiry.status in OPEN_INQUIRY_STATUSES
    context = {
        "inquiry": inquiry,
        "rfq": inquiry.rfq,
        "side": side,
        "current": current,
        "earlier": earlier,
        "deal": deal,
        "thread": thread,
        "can_quote": side == "seller" and is_open,
        "can_close": side == "buyer" and is_open,
        "can_accept": side == "buyer"
        and current is not None
        and current.status == QuotationStatus.CURRENT
        and inquiry.status == InquiryStatus.QUOTED,
        "expired": current is not None and current.valid_until < timezone.localdate(),
        "other_open": side == "buyer"
        and inquiry.rfq.inquiries.exclude(pk=inquiry.pk).filter(status__in=OPEN_INQUIRY_STATUSES).exists(),
        "quote_form": forms_.get("quote_form") or QuotationForm(initial=_quotation_initial(inquiry, current)),
        "decline_form": forms_.get("decline_form") or ReasonForm(prefix="decline"),
        "message_form": forms_.get("message_form") or ThreadMessageForm(),
        "kept_files": forms_.get("kept_files", []),
        "operator_form": forms_.get("operator_form") or ReasonForm(prefix="operator"),
        "max_attachments": MAX_ATTACHMENTS,
    }
    return render(request, "deals/inquiry_detail.html", context, status=status)


@login_required
def inquiry_detail(request, public_id):
    """One inquiry for its buyer or seller (or an operator who was asked in); viewing marks it read."""
    return _inquiry_page(request, queries.inquiry_for_viewer(request.user, public_id))


def _back(inquiry):
    return redirect("deals:inquiry", public_id=inquiry.public_id)


@login_required
@require_POST
def quote(request, public_id):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    return submit(
        request,
        QuotationForm(request.POST),
        lambda form: actions.send_quotation(request.user, inquiry, values_of(form)),
        back=_back(inquiry),
        success=lambda quotation: (
            _("Quotation version %(version)d was sent to the buyer.") % {"version": quotation.version}
        ),
        rerender=lambda form: _inquiry_page(request, inquiry, status=400, quote_form=form),
    )


@login_required
@require_POST
def decline(request, public_id):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    return submit(
        request,
        ReasonForm(request.POST, prefix="decline"),
        lambda form: actions.decline_inquiry(request.user, inquiry, form.cleaned_data["reason"]),
        back=_back(inquiry),
        success=_("You declined this inquiry; the buyer sees your reason."),
        rerender=lambda form: _inquiry_page(request, inquiry, status=400, decline_form=form),
    )


@login_required
@require_POST
def close(request, public_id):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    try:
        actions.close_inquiry(request.user, inquiry)
    except ValidationError as exc:
        flash(request, exc)
    else:
        messages.success(request, _("The inquiry is closed."))
    return _back(inquiry)


@login_required
@require_POST
def post_message(request, public_id):
    inquiry = queries.inquiry_to_post(request.user, public_id)
    new_files = request.FILES.getlist("file")
    held_files, held = uploads.chosen(request)  # files kept from an attempt that failed

    def rerender(form):
        kept = held + uploads.keep(request, new_files, check=check_upload)
        return _inquiry_page(request, inquiry, status=400, message_form=form, kept_files=kept)

    def post(form):
        message = actions.post_message(
            request.user, inquiry, form.cleaned_data["body"], held_files + new_files
        )
        uploads.release(request)
        return message

    return submit(
        request,
        ThreadMessageForm(request.POST),
        post,
        back=redirect(f"{_back(inquiry).url}#thread"),
        success=_("Message sent."),
        rerender=rerender,
    )


@login_required
@require_POST
def operator_access(request, public_id):
    inquiry = queries.inquiry_for_viewer(request.user, public_id)
    return submit(
        request,
        ReasonForm(request.POST, prefix="operator"),
        lambda form: actions.request_operator_access(request.user, inquiry, form.cleaned_data["reason"]),
        back=_back(inquiry),
        success=_("The operator was asked in and can now read this negotiation."),
        rerender=lambda form: _inquiry_page(request, inquiry, status=400, operator_form=form),
    )


@login_required
@require_POST
def accept_quotation(request, public_id):
    quotation = queries.quotation_for_viewer(request.user, public_id)
    try:
        deal = actions.accept_quotation(
            request.user, quotation, close_others=request.POST.get("close_others") == "1"
        )
    except ValidationError as exc:
        flash(request, exc)
        return _back(quotation.inquiry)
    messages.success(
        request, _("Quotation accepted: the deal is open. Agree on the terms with the seller here.")
    )
    return redirect("deals:deal", public_id=deal.public_id)


@login_required
def attachment(request, public_id):
    """A file of the thread, for the two parties (and an operator asked in) only, never inline."""
    return document_response(queries.attachment_for_viewer(request.user, public_id))
