from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import MOTIVATION_MAX, ApplicationDecision


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
