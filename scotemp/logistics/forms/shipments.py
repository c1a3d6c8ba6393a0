"""Forms of the shipment pages: a new shipment with its first leg and container, a leg, a container
or wagon, a document, one event, and a CSV file of events. The rules live in the actions; these
forms only read and type the input."""

from django import forms
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from scotemp.accounts.models import Organization
from scotemp.core.widgets import AuthoredSelect
from scotemp.directory.choices import Activity
from scotemp.reference.forms import PlaceField

from ..choices import Equipment, Mode
from ..choices.shipments import MAX_DELAY_THRESHOLD_HOURS, DocumentKind, EventClassifier, EventType

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
PROVIDER_ACTIVITIES = (Activity.FORWARDER, Activity.CARRIER)
MAX_CSV_BYTES = 2 * 1024 * 1024
CSV_COLUMNS = (
    "classifier",
    "event_type",
    "event_at",
    "location_code",
    "equipment_reference",
    "provider_event_id",
    "description",
)


def provider_choices():
    orgs = (
        Organization.objects.filter(profile__activities__activity__in=PROVIDER_ACTIVITIES)
        .distinct()
        .order_by("name")
        .values_list("public_id", "name")[:500]
    )
    return [("", "—"), *((str(pk), name) for pk, name in orgs)]


class ShipmentForm(forms.Form):
    origin = PlaceField(label=_("Origin"))
    destination = PlaceField(label=_("Destination"))
    consignee_name = forms.CharField(
        label=_("Consignee"),
        max_length=200,
        required=False,
        help_text=_("Filled in from the deal when the shipment starts from one."),
    )
    provider = forms.ChoiceField(label=_("Forwarder or carrier"), required=False, widget=AuthoredSelect)
    cargo_description = forms.CharField(label=_("Cargo"), max_length=300)
    hs_code = forms.CharField(label=_("HS code"), max_length=6, required=False)
    weight_kg = forms.DecimalField(
        label=_("Gross weight, kg"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    volume_m3 = forms.DecimalField(
        label=_("Volume, m³"), required=False, min_value=0, max_digits=10, decimal_places=3
    )
    planned_departure = forms.DateTimeField(
        label=_("Planned departure"), required=False, widget=DATETIME_WIDGET
    )
    planned_arrival = forms.DateTimeField(label=_("Planned arrival"), required=False, widget=DATETIME_WIDGET)
    delay_threshold_hours = forms.IntegerField(
        label=_("Delay threshold, hours"),
        initial=24,
        min_value=1,
        max_value=MAX_DELAY_THRESHOLD_HOURS,
        help_text=_("Both parties are notified when the estimated arrival slips by more than this."),
    )
    mode = forms.ChoiceField(label=_("Mode of the main leg"), choices=Mode.choices, initial=Mode.RAIL)
    equipment_type = forms.ChoiceField(
        label=_("Container or wagon type"), choices=[("", "—"), *Equipment.choices], required=False
    )
    equipment_number = forms.CharField(
        label=_("Container or wagon number"),
        max_length=20,
        required=False,
        help_text=_("ISO 6346 for containers (e.g. CSQU3054383), 8 digits for wagons."),
    )
    seal = forms.CharField(label=_("Seal"), max_length=40, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = provider_choices()


class LegForm(forms.Form):
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices)
    from_code = forms.CharField(label=_("From (UN/LOCODE or network code)"), max_length=24)
    to_code = forms.CharField(label=_("To (UN/LOCODE or network code)"), max_length=24)
    planned_departure = forms.DateTimeField(
        label=_("Planned departure"), required=False, widget=DATETIME_WIDGET
    )
    planned_arrival = forms.DateTimeField(label=_("Planned arrival"), required=False, widget=DATETIME_WIDGET)


class EquipmentForm(forms.Form):
    equipment_type = forms.ChoiceField(label=_("Type"), choices=Equipment.choices)
    number = forms.CharField(label=_("Number"), max_length=20)
    seal = forms.CharField(label=_("Seal"), max_length=40, required=False)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG, up to 10 MB)"))


class EventForm(forms.Form):
    classifier = forms.ChoiceField(
        label=_("Kind"), choices=EventClassifier.choices, initial=EventClassifier.ACTUAL
    )
    event_type = forms.ChoiceField(label=_("Event"), choices=EventType.choices)
    event_at = forms.DateTimeField(
        label=_("Time of the event (UTC)"),
        widget=DATETIME_WIDGET,
        help_text=_("Enter the time in UTC."),
    )
    location_code = forms.CharField(label=_("Place (UN/LOCODE or network code)"), max_length=24)
    equipment_reference = forms.CharField(label=_("Container or wagon"), max_length=20, required=False)
    description = forms.CharField(label=_("Remark"), max_length=300, required=False)


class EventCsvForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        columns = format_html("<code>{}</code>", ", ".join(CSV_COLUMNS))
        # The column names are program text (marked as code), the sentence around them is translated.
        self.fields["file"].help_text = mark_safe(
            escape(gettext("Columns: %(columns)s; UTF-8, up to 500 rows.")) % {"columns": columns}
        )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return uploaded
