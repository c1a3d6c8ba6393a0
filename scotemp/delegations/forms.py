"""Forms of the delegation pages: a delegation (trilingual title, purpose and position of the head),
a programme item, a member organization, a request to join, a status change and an outcome. The
rules live in the actions; these forms only read and type the input."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from scotemp.accounts.models import Organization
from scotemp.committees.models import Committee
from scotemp.reference.forms import CountryField, PlaceField

from .choices import TRANSITIONS, DelegationStatus, Direction, MemberRole, OutcomeKind, ProgrammeKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
LANGUAGES = (
    ("en", _("in English"), "en"),
    ("ru", _("in Russian"), "ru"),
    ("zh_hans", _("in Chinese"), "zh-hans"),
)
CITY_FIELDS = ("city_1", "city_2", "city_3", "city_4")
# Names written by users (organizations, events): their language is not known (tests/english.py).
AUTHORED_SELECT = forms.Select(attrs={"lang": ""})


def _texts(form, name: str, label, *, long: bool = False, max_length: int = 200) -> None:
    """Add ``<name>_en``, ``_ru``, ``_zh_hans`` fields to ``form`` (labels such as "Title in Russian")."""
    for code, in_language, lang in LANGUAGES:
        text = f"{label} ({in_language})"
        if long:
            field = forms.CharField(
                label=text, required=False, widget=forms.Textarea(attrs={"lang": lang, "rows": 3})
            )
        else:
            field = forms.CharField(
                label=text,
                required=False,
                max_length=max_length,
                widget=forms.TextInput(attrs={"lang": lang}),
            )
        form.fields[f"{name}_{code}"] = field


def _initial_texts(instance, names) -> dict:
    return {f"{n}_{c}": getattr(instance, f"{n}_{c}") or "" for n in names for c, _l, _g in LANGUAGES}


class DelegationForm(forms.Form):
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    country = CountryField(
        label=_("Country"),
        help_text=_("Inbound: the country the delegation comes from. Outbound: where it goes."),
    )
    starts_on = forms.DateField(label=_("First day"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE_WIDGET)
    city_1 = PlaceField(label=_("City visited"), required=False)
    city_2 = PlaceField(label=_("Second city"), required=False)
    city_3 = PlaceField(label=_("Third city"), required=False)
    city_4 = PlaceField(label=_("Fourth city"), required=False)
    committee = forms.ModelChoiceField(
        label=_("Committee"), queryset=Committee.objects.none(), required=False
    )
    head_name = forms.CharField(label=_("Head of delegation"), max_length=200, required=False)
    members_note = forms.CharField(
        label=_("Note for the members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Seen only by the organizers and the member organizations: contacts, logistics, dress code."
        ),
    )
    published = forms.BooleanField(
        label=_("Published: everyone can see the delegation and organizations can ask to join"),
        required=False,
    )

    def __init__(self, *args, user=None, delegation=None, **kwargs):
        if delegation is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = {
                "direction": delegation.direction,
                "country": delegation.country_id,
                "starts_on": delegation.starts_on,
                "ends_on": delegation.ends_on,
                "committee": delegation.committee_id,
                "head_name": delegation.head_name,
                "members_note": delegation.members_note,
                "published": delegation.published,
                **_initial_texts(delegation, ("title", "purpose", "head_title")),
                **dict(zip(CITY_FIELDS, [c.locode for c in delegation.cities.all()], strict=False)),
            }
        super().__init__(*args, **kwargs)
        _texts(self, "title", _("Title"))
        _texts(self, "purpose", _("Purpose"), long=True)
        _texts(self, "head_title", _("Position of the head"))
        from scotemp.core.permissions import is_operator

        if is_operator(user):
            self.fields["committee"].queryset = Committee.objects.order_by("position")
        elif user is not None:
            self.fields["committee"].queryset = Committee.objects.filter(secretary=user).order_by("position")
            self.fields["committee"].required = True

    def clean(self):
        data = super().clean()
        cities = []
        for name in CITY_FIELDS:
            city = data.pop(name, None)
            if city is not None and city not in cities:
                cities.append(city)
        data["cities"] = cities
        return data


class ProgrammeItemForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE_WIDGET)
    starts_at = forms.TimeField(label=_("Starts"), widget=TIME_WIDGET, required=False)
    ends_at = forms.TimeField(label=_("Ends"), widget=TIME_WIDGET, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices)
    city = PlaceField(label=_("City"), required=False)
    host = forms.ModelChoiceField(
        label=_("Host organization"),
        queryset=Organization.objects.none(),
        required=False,
        to_field_name="public_id",
        widget=AUTHORED_SELECT,
        help_text=_("One of the delegation's member organizations (add the host as a member first)."),
    )
    event = forms.ModelChoiceField(
        label=_("Event on the platform"),
        queryset=None,
        required=False,
        to_field_name="public_id",
        widget=AUTHORED_SELECT,
    )

    def __init__(self, *args, delegation=None, item=None, **kwargs):
        from scotemp.events.models import Event

        if item is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = {
                "day": item.day,
                "starts_at": item.starts_at,
                "ends_at": item.ends_at,
                "kind": item.kind,
                "city": item.city_id or "",
                "host": item.host.public_id if item.host_id else None,
                "event": item.event.public_id if item.event_id else None,
                **_initial_texts(item, ("title", "description", "venue")),
            }
        super().__init__(*args, **kwargs)
        _texts(self, "title", _("Title"))
        _texts(self, "description", _("Description"), long=True)
        _texts(self, "venue", _("Venue"), max_length=300)
        self.fields["host"].queryset = Organization.objects.filter(
            delegation_memberships__delegation=delegation
        ).order_by("name")
        self.fields["event"].queryset = Event.objects.filter(
            Q(status="published")
            & Q(starts_at__date__lte=delegation.ends_on)
            & Q(ends_at__date__gte=delegation.starts_on)
        ).order_by("starts_at")


class MemberForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.order_by("name"),
        to_field_name="public_id",
        widget=AUTHORED_SELECT,
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    participants = forms.CharField(
        label=_("Number of people"),
        max_length=100,
        required=False,
        help_text=_("How many people come, e.g. “3 people”."),
    )


class JoinForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.PARTICIPANT)
    participants = forms.CharField(
        label=_("Number of people"),
        max_length=100,
        required=False,
        help_text=_("How many people come, e.g. “3 people”."),
    )
    note = forms.CharField(
        label=_("Note to the organizer"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=DelegationStatus.choices)
    reason = forms.CharField(
        label=_("Reason (when cancelling)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, delegation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if delegation is not None:
            allowed = TRANSITIONS[delegation.status]
            self.fields["status"].choices = [
                (v, label) for v, label in DelegationStatus.choices if v in allowed
            ]


class _ByPublicId(forms.CharField):
    """A request for quotation, a deal or a project named by its public id (as in its page's address)."""

    def __init__(self, *, model_path: str, **kwargs):
        self.model_path = model_path
        super().__init__(max_length=100, required=False, **kwargs)

    def clean(self, value):
        text = (super().clean(value) or "").strip().rstrip("/").rsplit("/", 1)[-1]
        if not text:
            return None
        from django.apps import apps

        model = apps.get_model(self.model_path)
        try:
            found = model.objects.filter(public_id=uuid.UUID(text)).first()
        except ValueError:
            found = None
        if found is None:
            raise ValidationError(
                _("%(field)s: no such number; paste the number or the address of its page.")
                % {"field": self.label},
                code="unknown",
            )
        return found


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutcomeKind.choices)
    rfq = _ByPublicId(label=_("Request for quotation"), model_path="deals.Rfq")
    deal = _ByPublicId(label=_("Deal"), model_path="deals.Deal")
    project = _ByPublicId(label=_("Cooperation project"), model_path="projects.Project")
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organizations involved"),
        queryset=Organization.objects.none(),
        required=False,
        to_field_name="public_id",
        widget=forms.SelectMultiple(attrs={"lang": "", "size": 6}),
    )

    def __init__(self, *args, delegation=None, **kwargs):
        super().__init__(*args, **kwargs)
        _texts(self, "note", _("Note"), long=True)
        self.fields["organizations"].queryset = Organization.objects.filter(
            delegation_memberships__delegation=delegation
        ).order_by("name")
