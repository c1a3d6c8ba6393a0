"""The place field: a UN/LOCODE place typed with an autocomplete, or its code or exact name."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from scotemp.core.text import normalize

from .. import queries
from ..models import Location
from .coded import _CODE_IN_LABEL, MAX_INPUT, MAX_SUGGESTIONS, _or, _with_suggestions


class PlaceInput(forms.TextInput):
    """A text input with an autocomplete over ``/api/v1/reference/locations`` (progressive
    enhancement: ``static/js/place-picker.js``). It shows a place as "Костанай, Казахстан (KZKSN)";
    the field reads the code back from the parentheses."""

    template_name = "reference/widgets/place_input.html"

    def __init__(self, attrs=None, country_field: str | None = None):
        defaults = {"autocomplete": "off", "spellcheck": "false", "data-place-picker": ""}
        if country_field:
            defaults["data-country-field"] = country_field
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Location):
            return queries.place_label(value)
        if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2}[A-Za-z0-9]{3}", value.strip()):
            place = Location.objects.select_related("country").filter(locode=value.strip().upper()).first()
            if place is not None:
                return queries.place_label(place)
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        try:
            context["widget"]["attrs"]["data-place-picker"] = reverse("api:reference_locations")
        except NoReverseMatch:  # pragma: no cover - the API is always mounted
            pass
        return context


class PlaceField(forms.Field):
    """A UN/LOCODE place: typed as "Костанай", "Kostanay", "科斯塔奈", "KZKSN" or "KZ KSN", or picked
    from the autocomplete ("Костанай, Казахстан (KZKSN)"). A name shared by several places asks
    the user to pick one, naming them; an unknown one suggests the places whose names begin alike.
    ``country`` (a callable returning an ISO alpha-2 code or None) limits the places to a country."""

    widget = PlaceInput
    unknown_code = "place_unknown"

    def __init__(self, *, country=None, **kwargs):
        self.country = country
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value

    def _places(self):
        qs = Location.objects.select_related("country")
        country = self.country() if callable(self.country) else self.country
        return qs.filter(country_id=country) if country else qs

    def to_python(self, value):
        if isinstance(value, Location):
            return value
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not text:
            return None
        if len(text) > MAX_INPUT:
            raise ValidationError(
                _("%(field)s: at most %(max)d characters (%(length)d given)."),
                code="too_long",
                params={"field": self.label, "max": MAX_INPUT, "length": len(text)},
            )
        places = self._places()
        match = _CODE_IN_LABEL.search(text)
        compact = text.replace(" ", "")
        for code in (match.group(1) if match else None, compact):
            if code and len(code) == 5:
                place = places.filter(locode=code.upper()).first()
                if place is not None:
                    return place
        term = normalize(text)
        exact = Q(search_text__contains=f"| {term} |") | Q(search_text__endswith=f"| {term}")
        named = list(places.filter(exact).order_by("-curated", "locode")[: MAX_SUGGESTIONS + 1])
        curated = [p for p in named if p.curated]
        if len(named) == 1 or len(curated) == 1:
            return (curated or named)[0]
        if named:
            message = _(
                "%(field)s: several places are called “%(value)s”: %(places)s. Choose one from the list."
            )
            places_text = _or([queries.place_label(p) for p in named])
            raise ValidationError(
                message % {"field": self.label, "value": text, "places": places_text}, code="place_ambiguous"
            )
        raise self.unknown(text, places)

    def unknown(self, text: str, places) -> ValidationError:
        suggestions = []
        term = normalize(text)
        for length in (len(term), 5, 4, 3):  # "Коста" finds "Костанай"
            if len(term) >= length >= 3:
                suggestions = list(queries.search_locations(term[:length], places)[:MAX_SUGGESTIONS])
                if suggestions:
                    break
        message = _("%(field)s: no place called “%(value)s” is known here.") % {
            "field": self.label,
            "value": text,
        }
        if not suggestions:
            message = _("%(message)s Type a few letters of the city or port and choose it from the list.") % {
                "message": message
            }
        return ValidationError(
            _with_suggestions(message, [queries.place_label(p) for p in suggestions]), code=self.unknown_code
        )
