"""The lead form: parses and validates a lead for the pages and the API alike (the API passes its
JSON body as the form's data), so both give the same translated field errors.

Rules checked here, each error on the field it concerns and naming the rule:
- HS code known in HS 2022; a 6-digit subheading, or a 4-digit heading for a buy request only;
- an Incoterms 2020 rule (withdrawn rules name their replacement); sea-only rules need a port;
- quantity and minimum order above zero, minimum order not above the quantity;
- a price needs a currency (ISO 4217 in use), "on request" excludes a price, one of them is required;
- a delivery window not in the past, its end not before its start;
- validity from today up to one year ahead;
- up to 20 attributes, keys up to 40 characters, no duplicate keys (:mod:`.fields`).
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scotemp.committees.models import Committee
from scotemp.core.text import DESCRIPTION_MAX_LENGTH
from scotemp.core.widgets import DateInput, LanguageSelect, LimitedTextarea
from scotemp.directory.choices import CertificationScheme
from scotemp.reference.forms import (
    PLACE_HELP,
    CountriesField,
    CountryField,
    CurrencyField,
    IncotermField,
    PlaceField,
    UnitField,
)
from scotemp.reference.validators import validate_hs_code, validate_incoterm

from ..choices import LANGUAGE_SUFFIX, LeadKind, PaymentTerm, default_valid_until, one_year_after
from .fields import AttributesField, CodeListField


class LeadForm(forms.Form):
    """A sell offer or buy request. ``cleaned_data`` holds model instances (``hs_code``, ``unit``,
    ``currency``, ``incoterm``, ``incoterm_place``, ``origin_country``, ``committee``) and plain
    values, ready for :func:`scotemp.trade.actions.create_lead` / ``update_lead``."""

    kind = forms.ChoiceField(label=gettext_lazy("Type"), choices=LeadKind.choices)
    language = forms.ChoiceField(
        label=gettext_lazy("Written in"),
        choices=settings.LANGUAGES,
        widget=LanguageSelect,
        help_text=gettext_lazy("The language of the title and description below."),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=LimitedTextarea(attrs={"rows": 4}),
    )
    title_zh_hans = forms.CharField(label=gettext_lazy("Title in Chinese"), max_length=200, required=False)
    title_ru = forms.CharField(label=gettext_lazy("Title in Russian"), max_length=200, required=False)
    title_en = forms.CharField(label=gettext_lazy("Title in English"), max_length=200, required=False)
    description_zh_hans = forms.CharField(
        label=gettext_lazy("Description in Chinese"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=LimitedTextarea(attrs={"rows": 3}),
    )
    description_ru = forms.CharField(
        label=gettext_lazy("Description in Russian"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=LimitedTextarea(attrs={"rows": 3}),
    )
    description_en = forms.CharField(
        label=gettext_lazy("Description in English"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=LimitedTextarea(attrs={"rows": 3}),
    )
    hs_code = forms.CharField(
        label=gettext_lazy("HS code"),
        max_length=12,
        help_text=gettext_lazy("6-digit subheading; a buy request may give a 4-digit heading."),
        widget=forms.TextInput(attrs={"data-hs-picker": "1", "autocomplete": "off", "inputmode": "numeric"}),
    )
    specification = forms.CharField(
        label=gettext_lazy("Specification"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    attributes = AttributesField(
        label=gettext_lazy("Attributes"),
        required=False,
        help_text=gettext_lazy("Key/value pairs such as grade, purity, moisture (up to 20)."),
    )
    quantity = forms.DecimalField(label=gettext_lazy("Quantity"), max_digits=16, decimal_places=3)
    unit = UnitField(label=gettext_lazy("Unit"))
    min_order = forms.DecimalField(
        label=gettext_lazy("Minimum order"), max_digits=16, decimal_places=3, required=False
    )
    price = forms.DecimalField(label=gettext_lazy("Price"), max_digits=16, decimal_places=4, required=False)
    currency = CurrencyField(label=gettext_lazy("Currency"), required=False)
    price_unit = UnitField(
        label=gettext_lazy("Price per"),
        required=False,
        help_text=gettext_lazy("Unit; the quantity's unit if empty."),
    )
    price_on_request = forms.BooleanField(label=gettext_lazy("Price on request"), required=False)
    incoterm = IncotermField(label=gettext_lazy("Incoterm"))
    incoterm_place = PlaceField(label=gettext_lazy("Named place"), help_text=PLACE_HELP)
    origin_country = CountryField(label=gettext_lazy("Origin"), required=False)
    countries = CountriesField(
        label=gettext_lazy("Acceptable countries"),
        required=False,
        help_text=gettext_lazy("Destinations served (sell) or origins accepted (buy); empty means any."),
    )
    delivery_from = forms.DateField(label=gettext_lazy("Delivery from"), required=False, widget=DateInput())
    delivery_until = forms.DateField(label=gettext_lazy("Delivery until"), required=False, widget=DateInput())
    payment_terms = CodeListField(
        label=gettext_lazy("Payment terms"),
        choices=PaymentTerm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    certifications_held = CodeListField(
        label=gettext_lazy("Certifications held"),
        choices=CertificationScheme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    certifications_required = CodeListField(
        label=gettext_lazy("Certifications required"),
        choices=CertificationScheme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("At most one year from today; 90 days if empty."),
    )
    committee = forms.ModelChoiceField(
        label=gettext_lazy("Committee"),
        queryset=Committee.objects.all(),
        to_field_name="slug",
        required=False,
        help_text=gettext_lazy(
            "When empty, the committee of the goods' sector (by HS heading, else chapter)."
        ),
    )

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    # --- single fields ------------------------------------------------------------------------------

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if quantity <= 0:
            raise ValidationError(_("The quantity must be greater than zero."), code="quantity_not_positive")
        return quantity

    def clean_min_order(self):
        min_order = self.cleaned_data.get("min_order")
        if min_order is not None and min_order <= 0:
            raise ValidationError(
                _("The minimum order must be greater than zero."), code="min_order_not_positive"
            )
        return min_order

    def clean_price(self):
        price = self.cleaned_data.get("price")
        if price is not None and price <= 0:
            raise ValidationError(_("The price must be greater than zero."), code="price_not_positive")
        return price

    def clean_valid_until(self):
        valid_until = self.cleaned_data.get("valid_until") or default_valid_until(self.today)
        if valid_until < self.today:
            raise ValidationError(_("The validity date is in the past."), code="valid_until_past")
        limit = one_year_after(self.today)
        if valid_until > limit:
            raise ValidationError(
                _("A lead is valid for at most one year: choose %(limit)s or earlier."),
                code="valid_until_too_far",
                params={"limit": limit.isoformat()},
            )
        return valid_until

    # --- rules across fields ------------------------------------------------------------------------

    def clean(self):
        data = super().clean()
        self._clean_hs_code(data)
        self._clean_incoterm(data)
        self._clean_quantities(data)
        self._clean_price(data)
        self._clean_delivery(data)
        return data

    def _clean_hs_code(self, data):
        if "hs_code" not in data or "kind" not in data:
            return
        levels = (6,) if data["kind"] == LeadKind.SELL else (4, 6)
        try:
            data["hs_code"] = validate_hs_code(data["hs_code"], levels=levels)
        except ValidationError as exc:
            if exc.code == "hs_length" and data["kind"] == LeadKind.SELL:
                exc = ValidationError(
                    _("A sell offer needs a 6-digit HS subheading (“%(code)s” given)."),
                    code="hs_sell_subheading",
                    params={"code": exc.params["code"]},
                )
            self.add_error("hs_code", exc)

    def _clean_incoterm(self, data):
        if "incoterm" not in data:
            return
        try:
            data["incoterm"] = validate_incoterm(data["incoterm"], data.get("incoterm_place"))
        except ValidationError as exc:
            self.add_error("incoterm", exc)

    def _clean_quantities(self, data):
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

    def _clean_price(self, data):
        price, on_request = data.get("price"), data.get("price_on_request")
        if price is not None and on_request:
            self.add_error(
                "price_on_request",
                ValidationError(
                    _("Give a price or choose “price on request”, not both."), code="price_and_on_request"
                ),
            )
        elif price is not None and not data.get("currency") and "currency" not in self.errors:
            self.add_error(
                "currency",
                ValidationError(
                    _("A price needs a currency (for example USD, CNY)."), code="price_no_currency"
                ),
            )
        elif price is None and not on_request and "price" not in self.errors:
            self.add_error(
                "price",
                ValidationError(_("Give a price or choose “price on request”."), code="price_missing"),
            )
        if price is None:
            # "On request": no price, so no currency or price unit either.
            data["currency"] = None
            data["price_unit"] = None
        elif data.get("price_unit") is None:
            data["price_unit"] = data.get("unit")

    def _clean_delivery(self, data):
        start, end = data.get("delivery_from"), data.get("delivery_until")
        if start is not None and start < self.today:
            self.add_error(
                "delivery_from",
                ValidationError(_("The delivery window cannot start in the past."), code="delivery_past"),
            )
        if end is not None and end < self.today:
            self.add_error(
                "delivery_until",
                ValidationError(_("The delivery window cannot end in the past."), code="delivery_past"),
            )
        elif start is not None and end is not None and end < start:
            self.add_error(
                "delivery_until",
                ValidationError(
                    _("The delivery window ends before it starts."), code="delivery_end_before_start"
                ),
            )

    def translations(self) -> dict[str, str]:
        """The title/description columns to write: the author's language from ``title`` and
        ``description``, the other languages from their optional fields."""
        data = self.cleaned_data
        author = LANGUAGE_SUFFIX[data["language"]]
        values = {}
        for suffix in LANGUAGE_SUFFIX.values():
            if suffix == author:
                values[f"title_{suffix}"] = data["title"].strip()
                values[f"description_{suffix}"] = (data.get("description") or "").strip()
            else:
                values[f"title_{suffix}"] = (data.get(f"title_{suffix}") or "").strip()
                values[f"description_{suffix}"] = (data.get(f"description_{suffix}") or "").strip()
        return values


def lead_initial(lead) -> dict:
    """A lead as form data (for the edit page and for PATCH, which overlays the changed fields)."""
    suffix = LANGUAGE_SUFFIX.get(lead.language, "en")
    data = {
        "kind": lead.kind,
        "language": lead.language,
        "title": getattr(lead, f"title_{suffix}") or "",
        "description": getattr(lead, f"description_{suffix}") or "",
        "hs_code": lead.hs_code_id,
        "specification": lead.specification,
        "attributes": dict(lead.attributes or {}),
        "quantity": lead.quantity,
        "unit": lead.unit_id,
        "min_order": lead.min_order,
        "price": lead.price,
        "currency": lead.currency_id or "",
        "price_unit": lead.price_unit_id or "",
        "price_on_request": lead.price_on_request,
        "incoterm": lead.incoterm_id,
        "incoterm_place": lead.incoterm_place_id,
        "origin_country": lead.origin_country_id or "",
        "countries": [c.iso2 for c in lead.countries.all()] if lead.pk else [],
        "delivery_from": lead.delivery_from,
        "delivery_until": lead.delivery_until,
        "payment_terms": list(lead.payment_terms or []),
        "certifications_held": list(lead.certifications_held or []),
        "certifications_required": list(lead.certifications_required or []),
        "valid_until": lead.valid_until,
        "committee": lead.committee.slug if lead.committee_id else "",
    }
    for other in LANGUAGE_SUFFIX.values():
        if other != suffix:
            data[f"title_{other}"] = getattr(lead, f"title_{other}") or ""
            data[f"description_{other}"] = getattr(lead, f"description_{other}") or ""
    return data


def lead_values(form: LeadForm) -> dict:
    """The model values of a valid :class:`LeadForm`, as the lead actions take them."""
    data = form.cleaned_data
    values = {
        field: data.get(field)
        for field in (
            "kind",
            "language",
            "hs_code",
            "specification",
            "attributes",
            "quantity",
            "unit",
            "min_order",
            "price",
            "currency",
            "price_unit",
            "price_on_request",
            "incoterm",
            "incoterm_place",
            "origin_country",
            "delivery_from",
            "delivery_until",
            "payment_terms",
            "certifications_held",
            "certifications_required",
            "valid_until",
            "committee",
        )
    }
    values["specification"] = (values["specification"] or "").strip()
    values["price_on_request"] = bool(values["price_on_request"])
    for field in ("attributes",):
        values[field] = values[field] or {}
    for field in ("payment_terms", "certifications_held", "certifications_required"):
        values[field] = list(values[field] or [])
    values["countries"] = list(data.get("countries") or [])
    values.update(form.translations())
    return values
