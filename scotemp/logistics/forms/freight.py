"""Forms of freight: lane rates (one, or many in a CSV file), service offers, a freight quote request,
a quote, a decline and a message. Pages and API validate through the same forms; the actions check
the rules again (price > 0, validity ordered, places differ …) for every entry point."""

import csv
import io
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scotemp.core.widgets import DateInput
from scotemp.reference.forms import PLACE_HELP, CountriesField, CurrencyField, IncotermField, PlaceField
from scotemp.reference.validators import validate_hs_code

from ..choices import Equipment, Mode, RateBasis, ServiceKind
from ..choices.freight import (
    MAX_CSV_ROWS,
    MAX_MESSAGE_LENGTH,
    MAX_REASON_LENGTH,
    MAX_TRANSIT_DAYS,
    MAX_UNITS,
)

_date = DateInput()
MAX_CSV_BYTES = 1024 * 1024


class LaneRateForm(forms.Form):
    origin = PlaceField(label=gettext_lazy("Origin"), help_text=PLACE_HELP)
    destination = PlaceField(label=gettext_lazy("Destination"), help_text=PLACE_HELP)
    mode = forms.ChoiceField(label=gettext_lazy("Mode"), choices=Mode.choices)
    equipment = forms.ChoiceField(label=gettext_lazy("Equipment"), choices=Equipment.choices)
    basis = forms.ChoiceField(label=gettext_lazy("Price basis"), choices=RateBasis.choices)
    price = forms.DecimalField(label=gettext_lazy("Price"), max_digits=14, decimal_places=2, min_value=0.01)
    currency = CurrencyField(label=gettext_lazy("Currency"))
    transit_days_min = forms.IntegerField(
        label=gettext_lazy("Transit days, from"), required=False, min_value=1, max_value=MAX_TRANSIT_DAYS
    )
    transit_days_max = forms.IntegerField(
        label=gettext_lazy("Transit days, to"), required=False, min_value=1, max_value=MAX_TRANSIT_DAYS
    )
    valid_from = forms.DateField(label=gettext_lazy("Valid from"), widget=_date)
    valid_until = forms.DateField(label=gettext_lazy("Valid until"), widget=_date)
    conditions = forms.CharField(
        label=gettext_lazy("Conditions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LaneRatePatchForm(LaneRateForm):
    """A partial change (API PATCH): only the fields sent are checked and changed."""

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        for name in list(self.fields):
            if name not in data:
                del self.fields[name]


CSV_COLUMNS = list(LaneRateForm.base_fields)


def parse_lane_rate_csv(uploaded) -> tuple[list[dict], dict[str, list[str]]]:
    """Rows of a CSV file of lane rates (header: the form's field names; UN/LOCODE places, ISO codes)
    → (values per row, errors). Errors name the row as numbered in the file (the header is row 1) and
    the field: ``{"row 3: price": ["…"]}``; a file with any error gives no values."""
    errors: dict[str, list[str]] = {}
    if uploaded is None:
        return [], {"file": [_("Choose a CSV file.")]}
    if uploaded.size > MAX_CSV_BYTES:
        return [], {"file": [_("The file is larger than %(limit)s.") % {"limit": "1 MB"}]}
    try:
        text = uploaded.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], {"file": [_("Save the file as UTF-8 text (CSV).")]}
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [
            c
            for c in CSV_COLUMNS
            if c not in header and c not in ("transit_days_min", "transit_days_max", "conditions")
        ]
        if missing:
            return [], {
                "file": [_("Columns missing from the header: %(columns)s.") % {"columns": ", ".join(missing)}]
            }
        rows = []
        for number, raw in enumerate(reader, start=2):
            if number - 1 > MAX_CSV_ROWS:
                return [], {"file": [_("At most %(max)d lane rates per file.") % {"max": MAX_CSV_ROWS}]}
            data = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k}
            form = LaneRateForm(data)
            if form.is_valid():
                rows.append(form.cleaned_data)
            else:
                for field, messages in form.errors.items():
                    errors[_("row %(row)d: %(field)s") % {"row": number, "field": field}] = list(messages)
    except csv.Error as exc:
        return [], {"file": [_("The file is not a readable CSV file: %(error)s") % {"error": exc}]}
    if not rows and not errors:
        errors["file"] = [_("The file holds no lane rates.")]
    return ([] if errors else rows), errors


class LaneRateCsvForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"))


def _language_choices():
    return [(code, name) for code, name in settings.LANGUAGES]


class ServiceOfferForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Service"), choices=ServiceKind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of the description"), choices=_language_choices)
    countries = CountriesField(label=gettext_lazy("Countries served"), required=False)
    places = forms.CharField(
        label=gettext_lazy("Places served"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy("UN/LOCODEs or place names, separated by commas (for example CNCKG, KZALA)."),
    )
    conditions = forms.CharField(
        label=gettext_lazy("Conditions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_places(self):
        field = PlaceField(label=_("Places served"))
        places = []
        for part in (self.cleaned_data.get("places") or "").split(","):
            if part.strip():
                places.append(field.clean(part.strip()))
        return list(dict.fromkeys(places))[:50]


class ProviderListField(forms.CharField):
    """Public ids of the chosen providers, comma-separated (several checkboxes on the page)."""

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        ids = []
        for piece in str(value or "").split(","):
            piece = piece.strip()
            if not piece:
                continue
            try:
                ids.append(uuid.UUID(piece))
            except ValueError:
                raise ValidationError(
                    _("Providers: “%(value)s” is not an organization id.") % {"value": piece[:40]}
                ) from None
        return list(dict.fromkeys(ids))


class FreightRequestForm(forms.Form):
    origin = PlaceField(label=gettext_lazy("Origin"), help_text=PLACE_HELP)
    destination = PlaceField(label=gettext_lazy("Destination"), help_text=PLACE_HELP)
    goods = forms.CharField(label=gettext_lazy("Cargo"), max_length=200)
    hs_code = forms.CharField(
        label=gettext_lazy("HS code"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"data-hs-picker": "1", "autocomplete": "off", "inputmode": "numeric"}),
    )
    weight_kg = forms.DecimalField(label=gettext_lazy("Gross weight (kg)"), max_digits=12, decimal_places=2)
    volume_m3 = forms.DecimalField(
        label=gettext_lazy("Volume (m³)"), max_digits=10, decimal_places=2, required=False
    )
    equipment = forms.ChoiceField(label=gettext_lazy("Equipment"), choices=Equipment.choices)
    units = forms.IntegerField(
        label=gettext_lazy("Number of containers, wagons or trucks"),
        min_value=1,
        max_value=MAX_UNITS,
        initial=1,
    )
    ready_date = forms.DateField(label=gettext_lazy("Cargo ready on"), widget=_date)
    incoterm = IncotermField(label=gettext_lazy("Incoterm"), required=False)
    notes = forms.CharField(
        label=gettext_lazy("Notes for the providers"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    to_lane = forms.BooleanField(
        label=gettext_lazy("Send to every provider serving this lane"), required=False
    )
    providers = ProviderListField(label=gettext_lazy("Providers"), required=False)
    deal = forms.UUIDField(required=False, widget=forms.HiddenInput)
    submission_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean_hs_code(self):
        code = self.cleaned_data.get("hs_code")
        return validate_hs_code(code, levels=(4, 6)) if code else None

    def clean(self):
        data = super().clean()
        if not data.get("to_lane") and not data.get("providers") and "providers" not in self.errors:
            self.add_error(
                "providers", _("Choose providers, or send the request to every provider serving the lane.")
            )
        return data


REQUEST_VALUES_EXCLUDE = ("to_lane", "providers", "submission_key", "deal")


class FreightQuoteForm(forms.Form):
    price = forms.DecimalField(label=gettext_lazy("Price"), max_digits=14, decimal_places=2, min_value=0.01)
    currency = CurrencyField(label=gettext_lazy("Currency"))
    basis = forms.ChoiceField(label=gettext_lazy("Price basis"), choices=RateBasis.choices)
    transit_days_min = forms.IntegerField(
        label=gettext_lazy("Transit days, from"), min_value=1, max_value=MAX_TRANSIT_DAYS
    )
    transit_days_max = forms.IntegerField(
        label=gettext_lazy("Transit days, to"), min_value=1, max_value=MAX_TRANSIT_DAYS
    )
    valid_until = forms.DateField(label=gettext_lazy("Valid until"), widget=_date)
    conditions = forms.CharField(
        label=gettext_lazy("Conditions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=MAX_REASON_LENGTH)


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MessageForm(forms.Form):
    """A message of the thread with up to five files, checked by the action (errors under ``file``)."""

    body = forms.CharField(
        label=gettext_lazy("Message"),
        required=False,
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
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
