from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import (
    MOTIVATION_MAX,
    NOTE_MAX,
    REASON_MAX,
    ApplicationDecision,
    DocumentKind,
    DocumentVisibility,
    KpiMetric,
    OfficerRole,
    WorkItemStatus,
)


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why does your organization want to join?"),
        required=False,
        max_length=MOTIVATION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you trade or offer in this sector, and what you expect from the committee."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ApplicationDecision.choices)
    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# ---- the workspace (charter, officers, plan, targets), news and documents ----

LANGUAGE_FIELDS = (("en", _("in English")), ("ru", _("in Russian")), ("zh_hans", _("in Chinese")))
LANG_ATTR = {"en": "en", "ru": "ru", "zh_hans": "zh-hans"}  # what a field holds is the user's text


def _textarea(rows=4, lang=None):
    attrs = {"rows": rows}
    if lang:
        attrs["lang"] = lang
    return forms.Textarea(attrs=attrs)


class CharterForm(forms.Form):
    """The charter and activities in each language, and the HS chapters covered."""

    hs_chapters = forms.CharField(
        label=_("HS chapters"),
        required=False,
        help_text=_("Two-digit chapters separated by commas or spaces, e.g. 10, 11, 12."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for suffix, where in LANGUAGE_FIELDS:
            self.fields[f"charter_{suffix}"] = forms.CharField(
                label=_("Charter (%(language)s)") % {"language": where},
                required=False,
                max_length=20000,
                widget=_textarea(6, LANG_ATTR[suffix]),
            )
        for suffix, where in LANGUAGE_FIELDS:
            self.fields[f"activities_{suffix}"] = forms.CharField(
                label=_("Activities (%(language)s)") % {"language": where},
                required=False,
                max_length=20000,
                widget=_textarea(4, LANG_ATTR[suffix]),
                help_text=_("One activity a line."),
            )
        self.order_fields(
            [
                *(f"charter_{s}" for s, _w in LANGUAGE_FIELDS),
                *(f"activities_{s}" for s, _w in LANGUAGE_FIELDS),
                "hs_chapters",
            ]
        )

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["hs_chapters"] = [c for c in data["hs_chapters"].replace(",", " ").split() if c]
        return data


class OfficerForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=OfficerRole.choices)
    title = forms.CharField(label=_("Title"), required=False, max_length=200)


class PlanItemForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(
        label=_("Status"), choices=WorkItemStatus.choices, initial=WorkItemStatus.PLANNED
    )
    owner_organization = forms.ChoiceField(label=_("Owner: a member organization"), required=False)
    owner_email = forms.EmailField(label=_("or a person (e-mail address)"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=NOTE_MAX, widget=_textarea(3))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organization"].choices = [("", "—")] + [
            (str(m.organization.public_id), m.organization.name) for m in members
        ]


class TargetsForm(forms.Form):
    """A target for every tracked indicator of one year."""

    year = forms.IntegerField(label=_("Year"))

    def __init__(self, *args, tracked=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and "year" not in self.initial:
            self.initial["year"] = timezone.localdate().year
        for metric in tracked:
            self.fields[metric] = forms.DecimalField(
                label=KpiMetric(metric).label, required=False, min_value=0, max_digits=15, decimal_places=2
            )

    def targets(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "year"}


class NewsForm(forms.Form):
    language = forms.ChoiceField(label=_("Written first in"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for suffix, where in LANGUAGE_FIELDS:
            self.fields[f"title_{suffix}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": where},
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"lang": LANG_ATTR[suffix]}),
            )
            self.fields[f"body_{suffix}"] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": where},
                required=False,
                max_length=20000,
                widget=_textarea(6, LANG_ATTR[suffix]),
            )


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("What should change"), max_length=REASON_MAX, widget=_textarea(2))


class CommitteeDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=DocumentVisibility.choices, initial=DocumentVisibility.MEMBERS
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )
