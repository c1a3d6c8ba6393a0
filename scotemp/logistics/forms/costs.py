"""The delivered-cost calculator's form, shared by the page and the API (which passes its JSON body
as form data): an HS code, two places, an Incoterms rule, the goods' value and quantity, optional
freight, insurance and fees, and the currency of the result."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from scotemp.reference.forms import CurrencyField, IncotermField, PlaceField, UnitField
from scotemp.reference.validators import validate_hs_code

from ..queries.costs import CostInput, Money

MAX_VALUE = Decimal(10) ** 12  # a trillion in any currency is not a shipment
MAX_QUANTITY = Decimal(10) ** 9
OPTIONAL_MONEY = ("freight", "insurance", "fees")


def _amount(label, required=True, maximum=MAX_VALUE):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=maximum,
        max_digits=18,
        decimal_places=4,
    )


class LandedCostForm(forms.Form):
    hs_code = forms.CharField(
        label=_("HS code"),
        max_length=14,
        help_text=_("4 to 10 digits; the first six must be an HS 2022 code."),
    )
    origin = PlaceField(label=_("From"))
    destination = PlaceField(label=_("To (the buyer's place)"))
    incoterm = IncotermField(label=_("Incoterms rule of the price"))
    goods_value = _amount(_("Price of the goods (total)"))
    currency = CurrencyField(label=_("Currency of the price"))
    quantity = forms.DecimalField(
        label=_("Quantity"), min_value=Decimal(0), max_value=MAX_QUANTITY, max_digits=16, decimal_places=3
    )
    unit = UnitField(label=_("Unit"))
    freight_amount = _amount(_("Freight (main carriage)"), required=False)
    freight_currency = CurrencyField(label=_("Currency of the freight"), required=False)
    insurance_amount = _amount(_("Insurance premium"), required=False)
    insurance_currency = CurrencyField(label=_("Currency of the insurance"), required=False)
    fees_amount = _amount(_("Fees (brokerage, handling)"), required=False)
    fees_currency = CurrencyField(label=_("Currency of the fees"), required=False)
    target_currency = CurrencyField(
        label=_("Show in"), required=False, help_text=_("By default the currency of the destination country.")
    )

    def clean_hs_code(self):
        code = (self.cleaned_data.get("hs_code") or "").strip().replace(".", "").replace(" ", "")
        if not code.isdigit() or not 4 <= len(code) <= 10:
            raise ValidationError(
                gettext("HS code “%(code)s”: use 4 to 10 digits (for example 7601 or 76011000)."),
                code="hs_length",
                params={"code": code},
            )
        validate_hs_code(code[:6] if len(code) >= 6 else code, levels=(4, 6))
        return code

    def clean_quantity(self):
        quantity = self.cleaned_data.get("quantity")
        if quantity is not None and quantity <= 0:
            raise ValidationError(gettext("The quantity must be more than zero."), code="min_value")
        return quantity

    def clean(self):
        data = super().clean()
        for name in OPTIONAL_MONEY:
            amount, currency = data.get(f"{name}_amount"), data.get(f"{name}_currency")
            if amount is not None and currency is None and f"{name}_currency" not in self.errors:
                data[f"{name}_currency"] = data.get("currency")
            if amount is None and currency is not None:
                self.add_error(f"{name}_amount", gettext("Give the amount with its currency."))
        return data

    def cost_input(self) -> CostInput:
        data = self.cleaned_data

        def money(name):
            amount = data.get(f"{name}_amount")
            return Money(amount, data[f"{name}_currency"].code) if amount is not None else None

        return CostInput(
            hs_code=data["hs_code"],
            origin=data["origin"],
            destination=data["destination"],
            incoterm=data["incoterm"].code,
            goods=Money(data["goods_value"], data["currency"].code),
            quantity=data["quantity"],
            unit=data["unit"].code,
            freight=money("freight"),
            insurance=money("insurance"),
            fees=money("fees"),
            target_currency=data["target_currency"].code if data.get("target_currency") else "",
        )
