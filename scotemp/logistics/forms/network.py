"""The route planner's form: two UN/LOCODE places (the project's place autocomplete) and a cargo."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scotemp.reference.forms import PlaceField

from ..choices import Equipment
from ..queries.routes import Cargo
from ..queries.routes.places import MAX_UNITS, MAX_VOLUME_M3, MAX_WEIGHT_KG

RANK_CHOICES = [("time", _("Fastest")), ("cost", _("Cheapest")), ("co2", _("Least CO₂"))]


class RouteForm(forms.Form):
    origin = PlaceField(label=pgettext_lazy("route", "From"))
    destination = PlaceField(label=pgettext_lazy("route", "To"))
    hs_code = forms.CharField(
        label=_("HS code"),
        required=False,
        max_length=12,
        help_text=_("2, 4 or 6 digits, e.g. 1001 for wheat."),
    )
    weight_kg = forms.DecimalField(
        label=_("Weight, kg"), required=False, min_value=0.001, max_value=MAX_WEIGHT_KG, decimal_places=3
    )
    volume_m3 = forms.DecimalField(
        label=_("Volume, m³"), required=False, min_value=0.001, max_value=MAX_VOLUME_M3, decimal_places=3
    )
    equipment = forms.ChoiceField(
        label=_("Container or wagon"), required=False, choices=[("", "—"), *Equipment.choices]
    )
    units = forms.IntegerField(
        label=_("Number of containers or wagons"), required=False, min_value=1, max_value=MAX_UNITS
    )
    rank = forms.ChoiceField(label=_("Rank by"), required=False, choices=RANK_CHOICES)

    def cargo(self) -> Cargo:
        data = self.cleaned_data
        return Cargo(
            hs_code=(data.get("hs_code") or "").strip(),
            weight_kg=data.get("weight_kg"),
            volume_m3=data.get("volume_m3"),
            equipment=data.get("equipment") or "",
            units=data.get("units") or 1,
        )
