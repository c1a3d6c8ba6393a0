"""Forms of the directory's pages: the search's query string, the contact form, the profile editor
and the handover requests. They parse input; the rules (identifier format, city of the country, HS
headings, certificate dates, uniqueness, the contact limits) are checked by the actions, so the page
and the API give the same errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from scotemp.accounts.choices import OrganizationType, RegistryType
from scotemp.core.fields import WebsiteField
from scotemp.core.text import DESCRIPTION_MAX_LENGTH
from scotemp.core.widgets import DateInput, LimitedTextarea
from scotemp.reference.forms import CountryField, PlaceField, PlaceInput

from .choices import (
    INBOX_BODY_MAX,
    INBOX_SUBJECT_MAX,
    Activity,
    CertificationScheme,
    SCOFilter,
    SearchSort,
    StaffRange,
    TradeDirection,
)
from .queries import SearchParams, description_field, trading_names_list
from .registry import FORMAT_HELP


class ProfileForm(forms.Form):
    name = forms.CharField(
        label=_("Legal name"), max_length=255, help_text=_("As registered, in its own script.")
    )
    name_latin = forms.CharField(
        label=_("Name in Latin script"),
        max_length=255,
        required=False,
        help_text=_("How partners abroad should read it, e.g. Astyk Export LLP."),
    )
    trading_names = forms.CharField(
        label=_("Trading names"),
        max_length=500,
        required=False,
        help_text=_("Other names the company trades under, comma-separated."),
    )
    type = forms.ChoiceField(label=_("Type"), choices=OrganizationType.choices)
    country = CountryField(label=_("Country"))
    city = PlaceField(
        label=_("City"),
        required=False,
        widget=PlaceInput(country_field="id_country"),
        help_text=_("A city of the organization's country: type its name in any language and choose it."),
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    registry_type = forms.ChoiceField(
        label=_("Registration identifier type"),
        choices=[("", "—"), *RegistryType.choices],
        required=False,
    )
    registry_id = forms.CharField(
        label=_("Registration identifier"),
        max_length=60,
        required=False,
        help_text=_("The national registration number, e.g. the unified social credit code or the INN."),
    )
    description_zh_hans = forms.CharField(
        label=_("Description in Chinese"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=LimitedTextarea(attrs={"rows": 4, "lang": "zh"}),
    )
    description_ru = forms.CharField(
        label=_("Description in Russian"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=LimitedTextarea(attrs={"rows": 4, "lang": "ru"}),
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=LimitedTextarea(attrs={"rows": 4, "lang": "en"}),
    )
    website = WebsiteField(label=_("Website"), required=False)
    contact_person = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        max_length=40,
        required=False,
        help_text=_(
            "With the country code, e.g. +7 701 234 5678, or as dialled in the organization's country."
        ),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    year_founded = forms.IntegerField(label=_("Year founded"), required=False)
    staff_range = forms.ChoiceField(
        label=_("Staff"), choices=[("", "—"), *StaffRange.choices], required=False
    )
    activities = forms.MultipleChoiceField(
        label=_("What the organization does"),
        choices=Activity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    exports = forms.CharField(
        label=_("HS headings exported"),
        required=False,
        help_text=_("4-digit HS headings separated by commas or spaces, e.g. 1001, 1003."),
    )
    imports = forms.CharField(
        label=_("HS headings imported"),
        required=False,
        help_text=_("4-digit HS headings separated by commas or spaces, e.g. 8708."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formats = " ".join(f"{RegistryType(t).label}: {text}" for t, text in FORMAT_HELP.items())
        self.fields["registry_id"].widget.attrs["title"] = formats

    @classmethod
    def initial_for(cls, organization, profile) -> dict:
        products = list(profile.products.all()) if profile else []
        return {
            "name": organization.name,
            "name_latin": organization.name_latin,
            "trading_names": ", ".join(trading_names_list(organization)),
            "type": organization.type,
            "country": organization.country_id,
            "city": organization.city_id,
            "registry_type": organization.registry_type,
            "registry_id": organization.registry_id,
            **{
                description_field(code): getattr(organization, description_field(code)) or ""
                for code in ("zh-hans", "ru", "en")
            },
            "website": organization.website,
            "address": profile.address if profile else "",
            "contact_person": profile.contact_person if profile else "",
            "contact_email": profile.contact_email if profile else "",
            "contact_phone": profile.contact_phone if profile else "",
            "year_founded": profile.year_founded if profile else None,
            "staff_range": profile.staff_range if profile else "",
            "activities": [a.activity for a in profile.activities.all()] if profile else [],
            "exports": ", ".join(p.hs_code_id for p in products if p.direction == TradeDirection.EXPORT),
            "imports": ", ".join(p.hs_code_id for p in products if p.direction == TradeDirection.IMPORT),
        }

    def changes(self) -> dict:
        """The cleaned data as ``actions.update_profile`` keyword arguments."""
        return dict(self.cleaned_data)


class CertificationForm(forms.Form):
    scheme = forms.ChoiceField(label=_("Certification"), choices=[("", "—"), *CertificationScheme.choices])
    number = forms.CharField(label=_("Certificate number"), max_length=80, required=False)
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())


CertificationFormSet = forms.formset_factory(CertificationForm, extra=1, can_delete=True, max_num=20)


def certification_initial(profile) -> list[dict]:
    if profile is None:
        return []
    return [
        {
            "scheme": c.scheme,
            "number": c.number,
            "issuer": c.issuer,
            "valid_from": c.valid_from,
            "valid_until": c.valid_until,
        }
        for c in profile.certifications.all()
    ]


def certification_changes(formset) -> tuple[list[dict], list]:
    """The certifications kept in a valid formset (blank extra rows and deleted rows left out), and
    the form of each, so errors the action reports as ``certifications.<n>.<field>`` find their row."""
    kept, forms_kept = [], []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE") or not data.get("scheme"):
            continue
        kept.append({k: data.get(k) for k in ("scheme", "number", "issuer", "valid_from", "valid_until")})
        forms_kept.append(form)
    return kept, forms_kept


class HandoverRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Why is this profile yours?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your position in the company and how the operator can check it."),
    )


class HandoverDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    note = forms.CharField(
        label=_("Note to the requester"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DirectorySearchForm(forms.Form):
    """The query string of the directory page; invalid values are reported and ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200, strip=True)
    country = CountryField(label=_("Country"), required=False)
    sco = forms.ChoiceField(
        label=_("SCO status"), required=False, choices=[("", _("Any")), *SCOFilter.choices]
    )
    committee = forms.SlugField(label=_("Committee"), required=False, max_length=50)
    hs = forms.RegexField(
        label=_("HS code"),
        required=False,
        regex=r"^\d{2}(\d{2}(\d{2})?)?$",
        error_messages={"invalid": _("Enter an HS chapter (2 digits) or heading (4 or 6 digits).")},
    )
    hs_direction = forms.ChoiceField(
        label=_("Trade direction"),
        required=False,
        choices=[("", _("Exports or imports")), *TradeDirection.choices],
    )
    activity = forms.ChoiceField(
        label=_("Activity"), required=False, choices=[("", _("Any")), *Activity.choices]
    )
    verified = forms.BooleanField(label=_("Verified only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SearchSort.choices)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def clean_country(self):
        country = self.cleaned_data.get("country")
        return country.iso2 if country else ""

    def params(self) -> SearchParams:
        """The valid part of the query; an invalid field counts as not given."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        data["sort"] = data.get("sort") if data.get("sort") in SearchSort.values else SearchSort.RELEVANCE
        data["page"] = data.get("page") or 1
        return SearchParams(**data)


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=INBOX_SUBJECT_MAX)
    body = forms.CharField(
        label=_("Message"), max_length=INBOX_BODY_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
