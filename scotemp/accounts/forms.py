import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scotemp.core.fields import WebsiteField
from scotemp.core.text import DESCRIPTION_MAX_LENGTH
from scotemp.core.widgets import LanguageSelect, LimitedTextarea
from scotemp.reference.forms import CountryField

from .choices import RegistryType, Role
from .models import ApiToken, Organization, TokenScope


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, widget=LanguageSelect)


class OrganizationForm(forms.ModelForm):
    """Registering an organization. Its identifier is checked by ``directory.actions.register_organization``
    (format per country, unique per country), so these two are plain form fields."""

    country = CountryField(label=_("Country"))
    website = WebsiteField(label=_("Website"), required=False)
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
        widgets = {"description": LimitedTextarea(attrs={"rows": 4})}
        help_texts = {
            "name": _("As registered, in its own script."),
            "name_latin": _("How partners abroad should read it, e.g. Astyk Export LLP."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields["description"]
        description.max_length = DESCRIPTION_MAX_LENGTH
        description.validators.append(MaxLengthValidator(DESCRIPTION_MAX_LENGTH))
        description.widget.attrs["maxlength"] = str(DESCRIPTION_MAX_LENGTH)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ApiTokenForm(forms.Form):
    """A new API token: its name, the one organization it acts for, read or write access, and when it
    stops working (90 days unless chosen otherwise). ``cleaned_data["expires_at"]`` is that moment, or
    ``None`` for no expiry; the action decides whether it is allowed."""

    EXPIRY_CHOICES = [
        ("30", _("In 30 days")),
        ("90", _("In 90 days")),
        ("365", _("In a year")),
        ("date", _("On a date of my choice")),
        ("never", _("Never")),
    ]

    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("What will use it, e.g. “ERP price sync”.")
    )
    organization = forms.ChoiceField(label=_("Organization the token acts for"))
    scope = forms.ChoiceField(
        label=_("Access"),
        widget=forms.RadioSelect,
        initial=TokenScope.READ,
        choices=[
            (TokenScope.READ, _("Read only: the token can read, but can change nothing.")),
            (
                TokenScope.WRITE,
                _("Read and write: the token can also create, change and delete, as you can."),
            ),
        ],
    )
    expiry = forms.ChoiceField(
        label=_("Expires"),
        choices=EXPIRY_CHOICES,
        initial="90",
        help_text=_("A token that expires cannot be misused for long if it leaks."),
    )
    expires_on = forms.DateField(
        label=_("Expiry date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("With “On a date of my choice”: the token works until the end of this day."),
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.choices = [(str(o.public_id), o.name) for o in organizations]
        if len(field.choices) == 1:  # nothing to choose: the page names the organization
            field.initial = field.choices[0][0]
            field.widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        expiry, day = data.get("expiry"), data.get("expires_on")
        if expiry == "never":
            data["expires_at"] = None
        elif expiry == "date":
            if day is None:
                self.add_error("expires_on", _("Choose the day the token stops working."))
            elif day > timezone.localdate() + datetime.timedelta(days=ApiToken.MAX_LIFETIME_DAYS):
                self.add_error(
                    "expires_on",
                    _("Choose a day within the next %(years)s years, or no expiry.")
                    % {"years": ApiToken.MAX_LIFETIME_DAYS // 365},
                )
            else:  # the end of the chosen day, in the current time zone
                start = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
                data["expires_at"] = timezone.make_aware(start)
        elif expiry:
            data["expires_at"] = timezone.now() + datetime.timedelta(days=int(expiry))
        return data


class SwitchOrganizationForm(forms.Form):
    organization = forms.UUIDField()
