"""Forms of the B2B pages: the participant's profile, a meeting request, an outcome (with the deals
app's RFQ fields), and the organizer's set-up (slots, tables, interpreters, phase)."""

import datetime
import zoneinfo

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scotemp.deals.forms import RfqForm
from scotemp.reference.forms import CountriesField

from ..choices import B2BPhase, Outcome, Priority

LANGUAGE_CHOICES = [
    ("zh", gettext_lazy("Chinese")),
    ("ru", gettext_lazy("Russian")),
    ("en", gettext_lazy("English")),
    ("kk", gettext_lazy("Kazakh")),
    ("ky", gettext_lazy("Kyrgyz")),
    ("tg", gettext_lazy("Tajik")),
    ("uz", gettext_lazy("Uzbek")),
    ("fa", gettext_lazy("Persian")),
    ("hi", gettext_lazy("Hindi")),
    ("ur", gettext_lazy("Urdu")),
    ("be", gettext_lazy("Belarusian")),
    ("mn", gettext_lazy("Mongolian")),
]


def split_codes(value: str) -> list[str]:
    return [c for c in (value or "").replace(",", " ").replace(";", " ").split() if c]


class ProfileForm(forms.Form):
    offers = forms.CharField(
        label=gettext_lazy("What we offer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    offer_hs = forms.CharField(
        label=gettext_lazy("HS codes offered"),
        required=False,
        max_length=400,
        help_text=gettext_lazy("2, 4 or 6 digits, separated by spaces."),
    )
    seeks = forms.CharField(
        label=gettext_lazy("What we seek"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seek_hs = forms.CharField(
        label=gettext_lazy("HS codes sought"),
        required=False,
        max_length=400,
        help_text=gettext_lazy("2, 4 or 6 digits, separated by spaces."),
    )
    countries = CountriesField(label=gettext_lazy("Countries of interest"), required=False)
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Working languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    time_zone = forms.CharField(
        label=gettext_lazy("Time zone"),
        required=False,
        max_length=64,
        help_text=gettext_lazy("The IANA name of your time zone; empty: the event's time zone."),
    )

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["offer_hs"] = split_codes(data.get("offer_hs"))
        data["seek_hs"] = split_codes(data.get("seek_hs"))
        countries = data.get("countries") or []
        data["countries"] = [getattr(c, "iso2", c) for c in countries]
        return data


class RequestForm(forms.Form):
    priority = forms.TypedChoiceField(
        label=gettext_lazy("Priority"), choices=Priority.choices, coerce=int, initial=Priority.WOULD_LIKE
    )
    message = forms.CharField(
        label=gettext_lazy("Message"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=Outcome.choices)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    deal = forms.ChoiceField(
        label=gettext_lazy("Deal between you"),
        required=False,
        help_text=gettext_lazy("For the outcomes “deal” and “cooperation agreement”."),
    )

    def __init__(self, *args, deals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.deals = {str(d.public_id): d for d in deals}
        self.fields["deal"].choices = [("", "—")] + [(key, str(d)) for key, d in self.deals.items()]
        if not self.deals:
            del self.fields["deal"]

    def chosen_deal(self):
        return self.deals.get(self.cleaned_data.get("deal") or "")


class MeetingRfqForm(RfqForm):
    """The deals app's RFQ form, sent to the other side of the meeting (no seller list)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["sellers"]


class SessionForm(forms.Form):
    slot_minutes = forms.IntegerField(
        label=gettext_lazy("Slot length, minutes"), min_value=15, max_value=30, initial=20
    )
    meeting_cap = forms.IntegerField(
        label=gettext_lazy("Meetings per participant, at most"), min_value=1, max_value=64, initial=8
    )
    request_cap = forms.IntegerField(
        label=gettext_lazy("Requests per participant, at most"), min_value=1, max_value=200, initial=20
    )


class SlotsForm(forms.Form):
    """A range of the event's day in its time zone, cut into slots."""

    day = forms.DateField(label=gettext_lazy("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=gettext_lazy("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=gettext_lazy("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(label=gettext_lazy("Slot length, minutes"), min_value=15, max_value=30)

    def range(self, time_zone: str) -> tuple[datetime.datetime, datetime.datetime]:
        zone = zoneinfo.ZoneInfo(time_zone)
        data = self.cleaned_data
        start = datetime.datetime.combine(data["day"], data["start"], tzinfo=zone)
        end = datetime.datetime.combine(data["day"], data["end"], tzinfo=zone)
        return start, end


class TablesForm(forms.Form):
    count = forms.IntegerField(
        label=gettext_lazy("Number of tables"), min_value=1, max_value=200, required=False
    )
    labels = forms.CharField(
        label=gettext_lazy("Or their labels"),
        required=False,
        max_length=2000,
        help_text=gettext_lazy("One per line, such as Booth A1."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("count") and not (data.get("labels") or "").strip():
            raise forms.ValidationError(_("Give a number of tables or their labels."))
        return data


class InterpreterForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    pairs = forms.CharField(
        label=gettext_lazy("Language pairs"),
        max_length=200,
        help_text=gettext_lazy(
            "ISO 639-1 codes of two languages joined by a hyphen; several pairs separated by spaces."
        ),
    )


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=gettext_lazy("Phase"), choices=B2BPhase.choices)


class MoveForm(forms.Form):
    slot = forms.IntegerField(widget=forms.HiddenInput, required=False)
    table = forms.IntegerField(required=False)
