"""Forms of the event pages: an event (trilingual title, description and venue), a programme session,
a registration, a cancellation or decline reason, and the check-in code. The rules live in the
actions; these forms only read and type the input. Times are typed as the clock shows them in the
event's time zone (the one chosen in the form) and stored in UTC."""

import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scotemp.committees.models import Committee
from scotemp.reference.forms import PlaceField

from ..choices import AttendeeType, EventKind
from ..queries.events import zone_label

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
LANGUAGE_LABELS = (("en", _("English")), ("ru", _("Russian")), ("zh_hans", _("Chinese")))
COMMON_ZONES = (
    "Asia/Shanghai",
    "Asia/Almaty",
    "Asia/Bishkek",
    "Asia/Dushanbe",
    "Asia/Tashkent",
    "Asia/Kolkata",
    "Asia/Karachi",
    "Asia/Tehran",
    "Europe/Minsk",
    "Europe/Moscow",
    "Asia/Novosibirsk",
    "Asia/Ulaanbaatar",
    "UTC",
)


def zone_choices(extra: str = ""):
    """The time zones of the SCO region (and ``extra``), each named by its city and offset in the
    reader's language."""
    zones = list(COMMON_ZONES)
    if extra and extra not in zones and extra in zoneinfo.available_timezones():
        zones.append(extra)
    return [(z, zone_label(z)) for z in zones]


def _local(value, zone: str):
    """An aware time as the wall clock of ``zone`` shows it (a form's initial value)."""
    if value is None:
        return None
    return timezone.localtime(value, zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)


def _in_zone(value, zone: str):
    """A typed time (read in the active time zone) re-read as the wall clock of ``zone``."""
    if value is None:
        return None
    naive = timezone.localtime(value).replace(tzinfo=None)
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(zone))


class ZonedForm(forms.Form):
    DATETIMES: tuple[str, ...] = ()

    def zone(self) -> str:
        return self.cleaned_data.get("time_zone") or "Asia/Shanghai"

    def clean(self):
        data = super().clean()
        zone = self.zone()
        for name in self.DATETIMES:
            if data.get(name) is not None:
                data[name] = _in_zone(data[name], zone)
        return data


class TextsForm(ZonedForm):
    """Title and description in each working language (an event's, a programme session's)."""

    title_en = forms.CharField(
        label=_("Title in English"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "en"}),
    )
    title_ru = forms.CharField(
        label=_("Title in Russian"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ru"}),
    )
    title_zh_hans = forms.CharField(
        label=_("Title in Chinese"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "zh-hans"}),
    )
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea(attrs={"lang": "en"}), required=False
    )
    description_ru = forms.CharField(
        label=_("Description in Russian"), widget=forms.Textarea(attrs={"lang": "ru"}), required=False
    )
    description_zh_hans = forms.CharField(
        label=_("Description in Chinese"), widget=forms.Textarea(attrs={"lang": "zh-hans"}), required=False
    )


class EventForm(TextsForm):
    DATETIMES = ("starts_at", "ends_at", "registration_closes_at")
    field_order = ("kind", "committee")

    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    committee = forms.ModelChoiceField(
        label=_("Committee"), queryset=Committee.objects.none(), required=False
    )
    time_zone = forms.ChoiceField(label=_("Time zone of the venue"), choices=zone_choices)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME_WIDGET)
    venue_en = forms.CharField(
        label=_("Venue in English"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"lang": "en"}),
    )
    venue_ru = forms.CharField(
        label=_("Venue in Russian"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ru"}),
    )
    venue_zh_hans = forms.CharField(
        label=_("Venue in Chinese"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"lang": "zh-hans"}),
    )
    city = PlaceField(label=_("City"), required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(
        label=_("Capacity"), required=False, min_value=1, max_value=100_000, help_text=_("Empty: no limit.")
    )
    requires_approval = forms.BooleanField(
        label=_("Registrations need the organizer's approval"), required=False
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes"), required=False, widget=DATETIME_WIDGET
    )

    def __init__(self, *args, user=None, event=None, **kwargs):
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(event, name) for name in self.base_fields if hasattr(event, name)},
                **{name: _local(getattr(event, name), event.time_zone) for name in self.DATETIMES},
            }
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.managed_by(user).order_by("position")
        self.fields["time_zone"].choices = zone_choices(event.time_zone if event else "")
        if event is not None and event.city_id:
            self.initial["city"] = event.city_id


class SessionForm(TextsForm):
    DATETIMES = ("starts_at", "ends_at")

    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME_WIDGET)
    room = forms.CharField(label=_("Room"), max_length=120, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    speakers = forms.CharField(
        label=_("Speakers"),
        widget=forms.Textarea(attrs={"lang": ""}),
        required=False,
        help_text=_("One speaker per line: name, position."),
    )
    language = forms.CharField(
        label=_("Language"), max_length=10, help_text=_("ISO 639-1 code of the language spoken, such as zh.")
    )
    interpretation = forms.CharField(
        label=_("Interpretation into"),
        max_length=60,
        required=False,
        help_text=_("ISO 639-1 codes separated by commas, such as ru, en; empty: none."),
    )

    def __init__(self, *args, event, session=None, **kwargs):
        self.event = event
        if session is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(session, name) for name in self.base_fields if hasattr(session, name)},
                **{name: _local(getattr(session, name), event.time_zone) for name in self.DATETIMES},
            }
        super().__init__(*args, **kwargs)

    def zone(self) -> str:
        return self.event.time_zone


class RegistrationForm(forms.Form):
    attendee_type = forms.ChoiceField(label=_("I attend as"), choices=AttendeeType.choices)
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        choices=zone_choices,
        required=False,
        help_text=_("Times in your e-mails and reminders are shown in it."),
    )
    note = forms.CharField(
        label=_("Note to the organizer"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, zone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = zone_choices(zone)
        if zone:
            self.fields["time_zone"].initial = zone


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Badge code"),
        max_length=500,
        help_text=_("Scan the QR code of the badge, or type the code printed under it."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
