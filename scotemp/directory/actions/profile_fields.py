"""Checking and applying the fields of an organization's identity and profile, for
:func:`~scotemp.directory.actions.profiles.update_profile`: every problem is collected into one dict of
errors keyed by field (``certifications.<n>.<field>`` for a certification) instead of stopping at the
first, so one answer names every field to fix."""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.choices import OrganizationType
from scotemp.core.phones import normalize_phone
from scotemp.core.text import DESCRIPTION_MAX_LENGTH
from scotemp.reference.models import Country, Location
from scotemp.reference.validators import validate_hs_code

from ..choices import Activity, CertificationScheme, StaffRange
from ..models import Certification
from ..queries.profiles import description_field
from ..registry import clean_registry_id

DESCRIPTION_LANGUAGES = ("zh-hans", "ru", "en")
ORGANIZATION_FIELDS = (
    "name",
    "name_latin",
    "trading_names",
    "type",
    "country",
    "city",
    "website",
    "registry_type",
    "registry_id",
    *(description_field(code) for code in DESCRIPTION_LANGUAGES),
)
PROFILE_FIELDS = (
    "address",
    "contact_person",
    "contact_email",
    "contact_phone",
    "year_founded",
    "staff_range",
)
LIST_FIELDS = ("activities", "exports", "imports", "certifications")
EDITABLE_FIELDS = (*ORGANIZATION_FIELDS, *PROFILE_FIELDS, *LIST_FIELDS)
MAX_HS_HEADINGS = 40
MAX_CERTIFICATIONS = 20


def split_codes(value) -> list[str]:
    """HS codes from a list or a string separated by commas, semicolons or spaces; order kept, no repeats."""
    if value is None:
        return []
    items = (
        value if isinstance(value, list | tuple) else str(value).replace(",", " ").replace(";", " ").split()
    )
    seen: list[str] = []
    for item in items:
        code = str(item).strip().replace(".", "")
        if code and code not in seen:
            seen.append(code)
    return seen


def merge(errors: dict, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, field_errors in exc.error_dict.items():
            errors.setdefault(field, []).extend(field_errors)
    else:
        errors.setdefault(NON_FIELD_ERRORS, []).extend(exc.error_list)


def _field_error(errors: dict, field: str, message: str, code: str) -> None:
    errors.setdefault(field, []).append(ValidationError(message, code=code))


def _resolve_country(value, errors):
    if isinstance(value, Country):
        return value
    code = (value or "").strip().upper()
    if not code:
        _field_error(errors, "country", _("This field cannot be empty."), "required")
        return None
    country = Country.objects.filter(iso2=code).first()
    if country is None:
        _field_error(
            errors,
            "country",
            _("Unknown country code “%(code)s”: use ISO 3166 alpha-2, e.g. KZ.") % {"code": code},
            "invalid",
        )
    return country


def _resolve_city(value, country, errors):
    if value in (None, ""):
        return None
    city = (
        value if isinstance(value, Location) else Location.objects.filter(locode=str(value).upper()).first()
    )
    if city is None:
        _field_error(
            errors,
            "city",
            _("Unknown place “%(code)s”: choose a city from the list.") % {"code": value},
            "invalid",
        )
        return None
    if country is not None and city.country_id != country.pk:
        _field_error(
            errors,
            "city",
            _("%(city)s is not in %(country)s: choose a city of the organization's country.")
            % {"city": city.name, "country": country.name},
            "city_country",
        )
    return city


def clean_headings(codes, field, errors) -> list:
    codes = split_codes(codes)
    if len(codes) > MAX_HS_HEADINGS:
        _field_error(
            errors, field, _("List at most %(max)d HS headings.") % {"max": MAX_HS_HEADINGS}, "too_many"
        )
        return []
    headings = []
    for code in codes:
        try:
            headings.append(validate_hs_code(code, levels=(4,)))
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.error_list)
    return headings


def clean_certifications(items, errors) -> list[Certification]:
    if len(items) > MAX_CERTIFICATIONS:
        _field_error(
            errors,
            "certifications",
            _("List at most %(max)d certifications.") % {"max": MAX_CERTIFICATIONS},
            "too_many",
        )
        return []
    cleaned = []
    for index, item in enumerate(items):
        prefix = f"certifications.{index}."
        scheme = (item.get("scheme") or "").strip()
        valid_from, valid_until = item.get("valid_from"), item.get("valid_until")
        if scheme not in CertificationScheme.values:
            _field_error(errors, prefix + "scheme", _("Choose one of the offered certifications."), "invalid")
        for key, value in (("valid_from", valid_from), ("valid_until", valid_until)):
            if value is not None and not isinstance(value, datetime.date):
                _field_error(errors, prefix + key, _("Enter a date as YYYY-MM-DD."), "invalid")
        if (
            isinstance(valid_from, datetime.date)
            and isinstance(valid_until, datetime.date)
            and valid_until < valid_from
        ):
            _field_error(
                errors,
                prefix + "valid_until",
                _("The certificate cannot be valid until a date before it became valid (%(date)s).")
                % {"date": valid_from.isoformat()},
                "dates_order",
            )
        number, issuer = (item.get("number") or "").strip(), (item.get("issuer") or "").strip()
        if len(number) > 80:
            _field_error(errors, prefix + "number", _("Use at most 80 characters."), "max_length")
        if len(issuer) > 200:
            _field_error(errors, prefix + "issuer", _("Use at most 200 characters."), "max_length")
        cleaned.append(
            Certification(
                scheme=scheme, number=number, issuer=issuer, valid_from=valid_from, valid_until=valid_until
            )
        )
    return cleaned


def clean_profile_fields(changes, errors, country_id: str = "") -> dict:
    """The profile's own fields, checked; ``country_id`` is where a phone number without a country
    code is dialled from."""
    out = {}
    for key in PROFILE_FIELDS:
        if key not in changes:
            continue
        value = changes[key]
        if key == "year_founded":
            if value in (None, ""):
                value = None
            else:
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    value = -1
                latest = timezone.localdate().year
                if not 1800 <= value <= latest:
                    _field_error(
                        errors,
                        key,
                        _("Enter a year between 1800 and %(latest)d.") % {"latest": latest},
                        "invalid",
                    )
        elif key == "staff_range":
            value = value or ""
            if value and value not in StaffRange.values:
                _field_error(errors, key, _("Choose one of the offered staff sizes."), "invalid_choice")
        else:
            value = (value or "").strip()
            if key == "contact_email" and value:
                try:
                    EmailValidator()(value)
                except ValidationError:
                    _field_error(
                        errors, key, _("Enter a valid e-mail address, e.g. name@example.com."), "invalid"
                    )
            if key == "contact_phone" and value:
                try:
                    value = normalize_phone(value, country_id)
                except ValidationError as exc:
                    errors.setdefault(key, []).extend(exc.error_list)
            limit = {"address": 300, "contact_person": 200, "contact_email": 254, "contact_phone": 40}[key]
            if len(value) > limit:
                _field_error(errors, key, _("Use at most %(max)d characters.") % {"max": limit}, "max_length")
        out[key] = value
    return out


def clean_activities(values, errors) -> list[str]:
    values = list(dict.fromkeys(values or []))
    unknown = [v for v in values if v not in Activity.values]
    if unknown:
        _field_error(
            errors,
            "activities",
            _("Unknown activity “%(value)s”: choose from the list.") % {"value": unknown[0]},
            "invalid_choice",
        )
    return [v for v in values if v in Activity.values]


def apply_organization_fields(organization, changes, errors) -> None:
    if "country" in changes:
        country = _resolve_country(changes["country"], errors)
        if country is not None:
            organization.country = country
    if "city" in changes or "country" in changes:
        city = changes["city"] if "city" in changes else organization.city
        organization.city = _resolve_city(city, organization.country, errors)
    for key in ("name", "name_latin", "website", "type"):
        if key in changes:
            setattr(organization, key, (changes[key] or "").strip())
    if "trading_names" in changes:
        names = changes["trading_names"] or ""
        names = names.split(",") if isinstance(names, str) else names
        organization.trading_names = ", ".join(n.strip() for n in names if n and n.strip())
        if len(organization.trading_names) > 500:
            _field_error(
                errors, "trading_names", _("Use at most %(max)d characters.") % {"max": 500}, "max_length"
            )
    if not organization.name:
        _field_error(errors, "name", _("Enter the legal name as registered."), "required")
    if organization.type and organization.type not in OrganizationType.values:
        _field_error(errors, "type", _("Choose one of the offered organization types."), "invalid_choice")
    if organization.website:
        if "://" not in organization.website:
            organization.website = "https://" + organization.website
        try:
            URLValidator(schemes=["http", "https"])(organization.website)
        except ValidationError as exc:  # Django's own, translated message
            errors.setdefault("website", []).extend(exc.error_list)
    for code in DESCRIPTION_LANGUAGES:
        field = description_field(code)
        if field in changes:
            text = (changes[field] or "").strip()
            if len(text) > DESCRIPTION_MAX_LENGTH:
                _field_error(
                    errors,
                    field,
                    _("Use at most %(max)d characters (this text has %(count)d).")
                    % {"max": DESCRIPTION_MAX_LENGTH, "count": len(text)},
                    "max_length",
                )
            setattr(organization, field, text)
    if {"registry_type", "registry_id", "country"} & set(changes):
        registry_type = changes.get("registry_type", organization.registry_type) or ""
        raw = changes.get("registry_id", organization.registry_id) or ""
        try:
            organization.registry_id = clean_registry_id(organization.country_id, registry_type, raw)
            organization.registry_type = registry_type if organization.registry_id else ""
        except ValidationError as exc:
            merge(errors, exc)
