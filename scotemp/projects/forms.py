"""Forms of the project pages: a project (trilingual title and summary), a change of stage, an
expression of interest, a milestone and a document. The rules live in the actions; these forms only
read and type the input."""

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scotemp.committees.models import Committee
from scotemp.events.choices import EventStatus
from scotemp.events.models import Event
from scotemp.reference.forms import CurrencyField

from .choices import (
    NEXT_STAGES,
    DocumentVisibility,
    MilestoneStatus,
    PartnerRole,
    ProjectField,
    ProjectStage,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label, lang, max_length=None, area=False):
    widget = (
        forms.Textarea(attrs={"lang": lang, "rows": 5}) if area else forms.TextInput(attrs={"lang": lang})
    )
    return forms.CharField(label=label, max_length=max_length, required=False, widget=widget)


class ProjectForm(forms.Form):
    title_en = _text(_("Title in English"), "en", 200)
    title_ru = _text(_("Title in Russian"), "ru", 200)
    title_zh_hans = _text(_("Title in Chinese"), "zh-hans", 200)
    summary_en = _text(_("Summary in English"), "en", 5000, area=True)
    summary_ru = _text(_("Summary in Russian"), "ru", 5000, area=True)
    summary_zh_hans = _text(_("Summary in Chinese"), "zh-hans", 5000, area=True)
    field = forms.ChoiceField(label=_("Field of cooperation"), choices=ProjectField.choices)
    committee = forms.ModelChoiceField(
        label=_("Committee"), queryset=Committee.objects.order_by("position"), required=False
    )
    value = forms.DecimalField(
        label=_("Value"),
        required=False,
        min_value=0,
        max_digits=18,
        decimal_places=2,
        help_text=_("The project's total value; empty: not stated."),
    )
    currency = CurrencyField(label=_("Currency"), required=False)

    @classmethod
    def initial_of(cls, project) -> dict:
        names = [n for n in cls.base_fields if n not in ("committee", "currency")]
        initial = {name: getattr(project, name) for name in names}
        initial["committee"] = project.committee_id
        initial["currency"] = project.currency_id
        return initial


class AuthoredSelect(forms.Select):
    """A list of rows whose labels users wrote (event titles): each option is marked as such
    (``lang=""``, the language not known), as templates mark authored text."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in ("", None):
            option["attrs"]["lang"] = ""
        return option


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=ProjectStage.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the project stops."),
    )
    signed_on = forms.DateField(label=_("Agreement signed on"), required=False, widget=DATE_WIDGET)
    signed_at = forms.ModelChoiceField(
        label=_("Signed at the event"),
        queryset=Event.objects.none(),
        required=False,
        to_field_name="public_id",
        widget=AuthoredSelect,
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:  # only the moves open from the project's stage
            allowed = NEXT_STAGES.get(project.stage, ())
            self.fields["stage"].choices = [(v, label) for v, label in ProjectStage.choices if v in allowed]
        since = timezone.now() - datetime.timedelta(days=3 * 365)
        self.fields["signed_at"].queryset = Event.objects.filter(
            status=EventStatus.PUBLISHED, starts_at__gte=since
        ).order_by("-starts_at")


class InterestForm(forms.Form):
    role = forms.ChoiceField(label=_("Your role"), choices=PartnerRole.choices, initial=PartnerRole.PARTNER)
    message = forms.CharField(
        label=_("Message to the project's owner"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DATE_WIDGET)


class MilestoneStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MilestoneStatus.choices)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=DocumentVisibility.choices, initial=DocumentVisibility.PARTNERS
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, JPEG or PNG, at most 10 MB."))
