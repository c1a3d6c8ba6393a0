"""Forms of the deals workflow. The pages and the API validate with the same forms (the API passes its
JSON body as the form's data), so both give the same translated errors, each on the field it
concerns and naming the rule:

- codes: HS 2022 (6-digit subheading, or 4-digit heading in a request), Incoterms 2020 (sea-only
  rules need a port), ISO 4217 currency, UN/ECE Rec 20 unit, UN/LOCODE place;
- quantities and prices above zero; a minimum order not above the quantity;
- a target price needs a currency; a delivery window not in the past and not ending before it starts;
- a quotation valid from today up to 180 days; an RFQ sent to 1 to 20 sellers, none twice.

``cleaned_data`` holds model instances for the codes, ready for :mod:`scotemp.deals.actions`.
"""

import datetime
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scotemp.core.widgets import DateInput, LimitedTextarea
from scotemp.reference.forms import PLACE_HELP, CurrencyField, IncotermField, PlaceField, UnitField
from scotemp.reference.validators import (
    validate_hs_code,
    validate_incoterm,
)

from .choices import MAX_MESSAGE_LENGTH, MAX_REASON_LENGTH, MAX_RFQ_SELLERS

MAX_QUOTATION_VALIDITY_DAYS = 180

_date = DateInput()


class SellerListField(forms.Field):
    """Public ids of the seller organizations, as a list or comma-separated."""

    def to_python(self, value):
        if value in (None, "", []):
            return []
        if isinstance(value, str):
            value = value.split(",")
        ids = []
        for raw in value:
            raw = str(raw).strip()
            if not raw:
                continue
            try:
                ids.append(uuid.UUID(raw))
            except ValueError:
                raise ValidationError(
                    _("“%(value)s” is not an organization id."), code="seller_id", params={"value": raw}
                ) from None
        return list(dict.fromkeys(ids))

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_RFQ_SELLERS:
            raise ValidationError(
                _("An RFQ goes to at most %(max)d sellers (%(count)d chosen)."),
                code="too_many_sellers",
                params={"max": MAX_RFQ_SELLERS, "count": len(value)},
            )


class TradeTermsForm(forms.Form):
    """Fields shared by requests, quotations and term sheets: quantity and unit, Incoterm and place,
    currency. Subclasses add their own fields."""

    quantity = forms.DecimalField(label=gettext_lazy("Quantity"), max_digits=16, decimal_places=3)
    unit = UnitField(label=gettext_lazy("Unit"))
    incoterm = IncotermField(label=gettext_lazy("Incoterm"))
    incoterm_place = PlaceField(label=gettext_lazy("Named place"), help_text=PLACE_HELP)
    currency_required = True

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean_currency(self):
        currency = self.cleaned_data.get("currency")
        if currency is None and self.currency_required:
            raise ValidationError(_("Give a currency (for example USD, CNY)."), code="currency_missing")
        return currency

    def clean_quantity(self):
        return _positive(self.cleaned_data["quantity"], _("The quantity must be greater than zero."))

    def clean(self):
        data = super().clean()
        if "incoterm" in data:
            try:
                data["incoterm"] = validate_incoterm(data["incoterm"], data.get("incoterm_place"))
            except ValidationError as exc:
                self.add_error("incoterm", exc)
        if "hs_code" in data:
            try:
                data["hs_code"] = validate_hs_code(data["hs_code"], levels=self.hs_levels)
            except ValidationError as exc:
                self.add_error("hs_code", exc)
        return data

    hs_levels = (6,)

    def _clean_window(self, data, required: bool):
        start, end = data.get("delivery_from"), data.get("delivery_until")
        if required:
            for field in ("delivery_from", "delivery_until"):
                if data.get(field) is None and field not in self.errors:
                    self.add_error(
                        field, ValidationError(_("Give the delivery window."), code="delivery_missing")
                    )
        if start is not None and start < self.today:
            self.add_error(
                "delivery_from",
                ValidationError(_("The delivery window cannot start in the past."), code="delivery_past"),
            )
        if start is not None and end is not None and end < start:
            self.add_error(
                "delivery_until",
                ValidationError(_("The delivery window ends before it starts."), code="delivery_reversed"),
            )


def _positive(value, message):
    if value is not None and value <= 0:
        raise ValidationError(message, code="not_positive")
    return value


class RfqForm(TradeTermsForm):
    """A buyer's request, sent to one seller (an inquiry) or several (an RFQ)."""

    sellers = SellerListField(
        label=gettext_lazy("Sellers"),
        help_text=gettext_lazy("Up to 20 organizations that receive the request."),
    )
    goods = forms.CharField(label=gettext_lazy("Goods"), max_length=200)
    hs_code = forms.CharField(
        label=gettext_lazy("HS code"),
        max_length=12,
        widget=forms.TextInput(attrs={"data-hs-picker": "1", "autocomplete": "off", "inputmode": "numeric"}),
    )
    target_price = forms.DecimalField(
        label=gettext_lazy("Target unit price"), max_digits=16, decimal_places=4, required=False
    )
    currency = CurrencyField(label=gettext_lazy("Currency"), required=False)
    delivery_from = forms.DateField(label=gettext_lazy("Delivery from"), required=False, widget=_date)
    delivery_until = forms.DateField(label=gettext_lazy("Delivery until"), required=False, widget=_date)
    respond_by = forms.DateField(label=gettext_lazy("Answer by"), required=False, widget=_date)
    questions = forms.CharField(
        label=gettext_lazy("Questions to the seller"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    submission_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    field_order = ["sellers", "goods", "hs_code", "quantity", "unit", "target_price", "currency"]
    currency_required = False
    hs_levels = (4, 6)

    def clean_target_price(self):
        return _positive(
            self.cleaned_data.get("target_price"), _("The target price must be greater than zero.")
        )

    def clean_respond_by(self):
        respond_by = self.cleaned_data.get("respond_by")
        if respond_by is not None and respond_by < self.today:
            raise ValidationError(_("The answer date is in the past."), code="respond_by_past")
        return respond_by

    def clean(self):
        data = super().clean()
        if (
            data.get("target_price") is not None
            and not data.get("currency")
            and "currency" not in self.errors
        ):
            self.add_error(
                "currency", ValidationError(_("A target price needs a currency."), code="price_no_currency")
            )
        self._clean_window(data, required=False)
        return data


class QuotationForm(TradeTermsForm):
    """A seller's quotation (or its revision)."""

    unit_price = forms.DecimalField(label=gettext_lazy("Unit price"), max_digits=16, decimal_places=4)
    currency = CurrencyField(label=gettext_lazy("Currency"))
    min_order = forms.DecimalField(
        label=gettext_lazy("Minimum order"), max_digits=16, decimal_places=3, required=False
    )
    lead_time_days = forms.IntegerField(
        label=gettext_lazy("Lead time (days)"),
        min_value=0,
        max_value=730,
        help_text=gettext_lazy("Days from order to shipment."),
    )
    payment_terms = forms.CharField(
        label=gettext_lazy("Payment terms"),
        max_length=300,
        help_text=gettext_lazy("For example: 30% T/T in advance, 70% L/C at sight."),
    )
    valid_until = forms.DateField(label=gettext_lazy("Valid until"), widget=_date)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ["unit_price", "currency", "quantity", "unit", "min_order", "incoterm", "incoterm_place"]

    def clean_unit_price(self):
        return _positive(self.cleaned_data["unit_price"], _("The unit price must be greater than zero."))

    def clean_min_order(self):
        return _positive(
            self.cleaned_data.get("min_order"), _("The minimum order must be greater than zero.")
        )

    def clean_valid_until(self):
        valid_until = self.cleaned_data["valid_until"]
        if valid_until < self.today:
            raise ValidationError(_("The validity date is in the past."), code="valid_until_past")
        limit = self.today + datetime.timedelta(days=MAX_QUOTATION_VALIDITY_DAYS)
        if valid_until > limit:
            raise ValidationError(
                _("A quotation is valid for at most %(days)d days: choose %(limit)s or earlier."),
                code="valid_until_too_far",
                params={"days": MAX_QUOTATION_VALIDITY_DAYS, "limit": limit.isoformat()},
            )
        return valid_until

    def clean(self):
        data = super().clean()
        quantity, min_order = data.get("quantity"), data.get("min_order")
        if quantity is not None and min_order is not None and min_order > quantity:
            self.add_error(
                "min_order",
                ValidationError(
                    _("The minimum order (%(min_order)s) is larger than the quantity (%(quantity)s)."),
                    code="min_order_above_quantity",
                    params={"min_order": min_order, "quantity": quantity},
                ),
            )
        return data


class OfferForm(QuotationForm):
    """A seller's offer on a buy request: a quotation with the product as the seller names it and a
    message that opens the thread with the buyer (in place of the quotation's note)."""

    goods = forms.CharField(
        label=gettext_lazy("Product offered"),
        max_length=200,
        help_text=gettext_lazy("As you sell it: grade, variety, packing."),
    )
    message = forms.CharField(
        label=gettext_lazy("Message to the buyer"),
        required=False,
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    note = None
    field_order = [
        "goods",
        "quantity",
        "unit",
        "unit_price",
        "currency",
        "min_order",
        "incoterm",
        "incoterm_place",
        "lead_time_days",
        "valid_until",
        "payment_terms",
        "message",
    ]


class TermSheetForm(TradeTermsForm):
    """A proposed version of a deal's terms."""

    goods = forms.CharField(label=gettext_lazy("Goods"), max_length=200)
    hs_code = forms.CharField(
        label=gettext_lazy("HS code"),
        max_length=12,
        widget=forms.TextInput(attrs={"data-hs-picker": "1", "autocomplete": "off", "inputmode": "numeric"}),
    )
    unit_price = forms.DecimalField(label=gettext_lazy("Unit price"), max_digits=16, decimal_places=4)
    currency = CurrencyField(label=gettext_lazy("Currency"))
    payment_terms = forms.CharField(label=gettext_lazy("Payment terms"), max_length=300)
    delivery_from = forms.DateField(label=gettext_lazy("Delivery from"), widget=_date)
    delivery_until = forms.DateField(label=gettext_lazy("Delivery until"), widget=_date)
    inspection = forms.CharField(
        label=gettext_lazy("Inspection"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Who inspects, where and when, e.g. SGS at loading."),
    )
    documents_required = forms.CharField(
        label=gettext_lazy("Documents required"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For example: commercial invoice, packing list, CMR, certificate of origin."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = [
        "goods",
        "hs_code",
        "quantity",
        "unit",
        "unit_price",
        "currency",
        "incoterm",
        "incoterm_place",
    ]

    def clean_unit_price(self):
        return _positive(self.cleaned_data["unit_price"], _("The unit price must be greater than zero."))

    def clean(self):
        data = super().clean()
        self._clean_window(data, required=True)
        return data


class MessageForm(forms.Form):
    """A message of the negotiation thread; files are checked by the action (same rules as
    verification documents)."""

    body = forms.CharField(
        label=gettext_lazy("Message"),
        required=False,
        max_length=MAX_MESSAGE_LENGTH,
        widget=LimitedTextarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    """A reason, required for declining an inquiry, rejecting terms and cancelling a deal."""

    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=MAX_REASON_LENGTH)


def values_of(form: forms.Form, exclude=("sellers", "submission_key")) -> dict:
    """The cleaned values of a valid form, as the actions take them."""
    return {k: v for k, v in form.cleaned_data.items() if k not in exclude}
