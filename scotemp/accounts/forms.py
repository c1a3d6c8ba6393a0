from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .choices import RegistryType, Role
from .models import Organization


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class OrganizationForm(forms.ModelForm):
    """Registering an organization. Its identifier is checked by ``directory.actions.register_organization``
    (format per country, unique per country), so these two are plain form fields."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    registry_type = forms.ChoiceField(
        label=_("Registration identifier type"), choices=[("", "—"), *RegistryType.choices], required=False
    )
    registry_id = forms.CharField(
        label=_("Registration identifier"),
        max_length=60,
        required=False,
        help_text=_("The national registration number, e.g. the unified social credit code or the INN."),
    )

    class Meta:
        model = Organization
        fields = ["name", "name_latin", "country", "type", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "name": _("As registered, in its own script."),
            "name_latin": _("How partners abroad should read it, e.g. Astyk Export LLP."),
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("What will use it, e.g. “ERP price sync”.")
    )
    organization = forms.ChoiceField(label=_("Organization the token acts for"))

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(str(o.public_id), o.name) for o in organizations]


class SwitchOrganizationForm(forms.Form):
    organization = forms.UUIDField()
