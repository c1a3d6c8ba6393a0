"""The operator's form for one import requirement (the same fields as the data file)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from scotemp.core.widgets import DateInput

from ..actions.requirements import FIELDS
from ..choices import HS_SCOPE
from ..models import ImportRequirement


class RequirementForm(forms.ModelForm):
    source_url = forms.URLField(label=_("source"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = ImportRequirement
        fields = FIELDS
        widgets = {
            "checked_on": DateInput(),
            # Each text in its own language (screen readers, and the untranslated-English check).
            "summary_en": forms.Textarea(attrs={"rows": 3, "lang": "en"}),
            "summary_zh_hans": forms.Textarea(attrs={"rows": 3, "lang": "zh-hans"}),
            "summary_ru": forms.Textarea(attrs={"rows": 3, "lang": "ru"}),
            "legal_reference_en": forms.TextInput(attrs={"lang": "en"}),
            "legal_reference_zh_hans": forms.TextInput(attrs={"lang": "zh-hans"}),
            "legal_reference_ru": forms.TextInput(attrs={"lang": "ru"}),
        }
        labels = {
            "summary_en": _("What to do (English)"),
            "summary_zh_hans": _("What to do (Chinese)"),
            "summary_ru": _("What to do (Russian)"),
            "legal_reference_en": _("Legal reference (English)"),
            "legal_reference_zh_hans": _("Legal reference (Chinese)"),
            "legal_reference_ru": _("Legal reference (Russian)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("summary_en", "summary_zh_hans", "summary_ru"):
            self.fields[name].required = True

    def clean_hs_scope(self):
        value = (self.cleaned_data.get("hs_scope") or "").replace(" ", "").replace(".", "")
        if not HS_SCOPE.match(value):
            raise forms.ValidationError(_("Enter an HS chapter (2 digits), heading (4) or subheading (6)."))
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("confidence") == "verified" and not (
            cleaned.get("source_url") and cleaned.get("checked_on")
        ):
            self.add_error("confidence", _("A verified row needs its source and the date it was checked."))
        return cleaned
