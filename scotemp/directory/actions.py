"""Writes about organization profiles: registering an organization, editing its profile, and handing
a profile over to its rightful owner.

Guarantees:
- Every action is atomic. ``update_profile`` validates everything first (identity, registration
  identifier, city, HS headings, certifications) and collects every error into one ``ValidationError``
  keyed by field (``certifications.<n>.<field>`` for a certification), so nothing is half-saved.
- A registration identifier is stored normalized (python-stdnum's compact form) and is unique per
  country; a second organization with the same identifier gets :class:`DuplicateRegistryId`
  (``code="conflict"``, HTTP 409), which names the existing organization so the user can ask the
  operator to hand it over (:func:`request_handover`).
- The directory index is rebuilt (``search.reindex_organizations``) in the same transaction as the
  change; editing the legal name or identifier of a verified profile sends it back to review
  (``verification.actions.identity_changed``) in the same transaction.
- Rows are fetched through the permission querysets: somebody who may not edit gets ``Http404``.
"""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts import actions as accounts_actions
from scotemp.accounts.choices import OrganizationType, Role
from scotemp.accounts.models import Membership, Organization, User
from scotemp.core.mail import absolute_url
from scotemp.core.permissions import is_operator
from scotemp.notifications.actions import queue_email
from scotemp.reference.models import Country, Location
from scotemp.reference.validators import validate_hs_code

from .choices import Activity, CertificationScheme, HandoverStatus, StaffRange, TradeDirection
from .models import Certification, HandoverRequest, OrganizationProfile, ProfileActivity, ProfileProduct
from .queries import description_field
from .registry import clean_registry_id

DESCRIPTION_LANGUAGES = ("zh-hans", "ru", "en")
IDENTITY_FIELDS = ("name", "registry_id", "registry_type")  # changes send a verified profile to review
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


class DuplicateRegistryId(ValidationError):
    """Another organization of the same country has this registration identifier."""

    def __init__(self, existing: Organization):
        self.existing = existing
        message = ValidationError(
            _(
                "An organization with this registration identifier is already registered in this "
                "country: %(name)s. If it is yours, ask the operator to hand this profile over to you."
            ),
            code="conflict",
            params={"name": existing.name},
        )
        super().__init__({"registry_id": [message]})


# --- helpers -------------------------------------------------------------------------------------------


def _reindex(org_ids) -> None:
    from .search import reindex_organizations  # helper-f's module; imported lazily by agreement

    reindex_organizations(org_ids)


def _identity_changed(organization, actor, changed_fields) -> None:
    from scotemp.verification.actions import identity_changed

    identity_changed(organization, actor, changed_fields)


def _check_duplicate(country_id: str, registry_id: str, exclude_pk: int | None) -> None:
    if not registry_id:
        return
    existing = Organization.objects.filter(country_id=country_id, registry_id=registry_id)
    if exclude_pk is not None:
        existing = existing.exclude(pk=exclude_pk)
    found = existing.first()
    if found is not None:
        raise DuplicateRegistryId(found)


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


def _merge(errors: dict, exc: ValidationError) -> None:
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
    country = Country.objects.filter(iso2=code).first() if code else None
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


def _clean_headings(codes, field, errors) -> list:
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


def _clean_certifications(items, errors) -> list[Certification]:
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


def _clean_profile_fields(changes, errors) -> dict:
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
                latest = timezone.now().year + 1
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
            limit = {"address": 300, "contact_person": 200, "contact_email": 254, "contact_phone": 40}[key]
            if len(value) > limit:
                _field_error(errors, key, _("Use at most %(max)d characters.") % {"max": limit}, "max_length")
        out[key] = value
    return out


def _clean_activities(values, errors) -> list[str]:
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


def _apply_organization_fields(organization, changes, errors) -> None:
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
            setattr(organization, field, (changes[field] or "").strip())
    if {"registry_type", "registry_id", "country"} & set(changes):
        registry_type = changes.get("registry_type", organization.registry_type) or ""
        raw = changes.get("registry_id", organization.registry_id) or ""
        try:
            organization.registry_id = clean_registry_id(organization.country_id, registry_type, raw)
            organization.registry_type = registry_type if organization.registry_id else ""
        except ValidationError as exc:
            _merge(errors, exc)


# --- registering and editing ---------------------------------------------------------------------------


@transaction.atomic
def register_organization(
    user: User, *, registry_type: str = "", registry_id: str = "", **fields
) -> Organization:
    """Create an organization (``accounts.actions.create_organization``: ``user`` becomes its owner)
    with its registration identifier and an empty directory profile, and index it for search.

    Refuses an identifier that is invalid, does not fit the country, or is taken in that country
    (:class:`DuplicateRegistryId`)."""
    country = fields.get("country")
    country_id = country.pk if isinstance(country, Country) else (country or "")
    clean_id = clean_registry_id(country_id, registry_type, registry_id)
    _check_duplicate(country_id, clean_id, None)
    organization = accounts_actions.create_organization(user, **fields)
    if clean_id:
        organization.registry_type = registry_type
        organization.registry_id = clean_id
        organization.save(update_fields=["registry_type", "registry_id", "updated_at"])
    OrganizationProfile.objects.get_or_create(organization=organization)
    _reindex([organization.pk])
    return organization


@transaction.atomic
def update_profile(user: User, public_id, **changes) -> Organization:
    """Change an organization's identity and profile. Only the keys given change (partial update):
    any of ``EDITABLE_FIELDS``; ``activities`` (list of :class:`Activity` values), ``exports`` and
    ``imports`` (4-digit HS headings, a list or a string) and ``certifications`` (list of dicts with
    scheme, number, issuer, valid_from, valid_until) replace what was there.

    Owners, administrators and operators only: 404 for non-members, ``PermissionDenied`` for plain
    members. All or nothing: any invalid value raises one ``ValidationError`` with every error by field
    and leaves the organization, its profile and its lists unchanged."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    organization = get_object_or_404(
        Organization.objects.select_for_update(of=("self",))
        .private_to(user)
        .select_related("country", "city"),
        public_id=public_id,
    )
    if not is_operator(user):
        role = Membership.objects.filter(user=user, organization=organization).values_list("role", flat=True)
        if role.first() not in (Role.OWNER, Role.ADMIN):
            raise PermissionDenied(_("Only owners and administrators edit the organization."))
    before = {field: getattr(organization, field) for field in IDENTITY_FIELDS}
    errors: dict[str, list] = {}
    _apply_organization_fields(organization, changes, errors)
    profile_values = _clean_profile_fields(changes, errors)
    activities = _clean_activities(changes["activities"], errors) if "activities" in changes else None
    exports = _clean_headings(changes["exports"], "exports", errors) if "exports" in changes else None
    imports = _clean_headings(changes["imports"], "imports", errors) if "imports" in changes else None
    certifications = (
        _clean_certifications(changes["certifications"] or [], errors)
        if "certifications" in changes
        else None
    )
    if not errors:
        try:
            organization.full_clean(validate_constraints=False)
        except ValidationError as exc:
            _merge(errors, exc)
    if errors:
        raise ValidationError(errors)
    _check_duplicate(organization.country_id, organization.registry_id, organization.pk)
    if errors:
        raise ValidationError(errors)

    organization.save()
    profile, _created = OrganizationProfile.objects.get_or_create(organization=organization)
    if profile_values:
        for key, value in profile_values.items():
            setattr(profile, key, value)
        profile.save(update_fields=[*profile_values, "updated_at"])
    if activities is not None:
        ProfileActivity.objects.filter(profile=profile).exclude(activity__in=activities).delete()
        existing = set(ProfileActivity.objects.filter(profile=profile).values_list("activity", flat=True))
        ProfileActivity.objects.bulk_create(
            [ProfileActivity(profile=profile, activity=a) for a in activities if a not in existing]
        )
    for direction, headings in ((TradeDirection.EXPORT, exports), (TradeDirection.IMPORT, imports)):
        if headings is None:
            continue
        ProfileProduct.objects.filter(profile=profile, direction=direction).delete()
        ProfileProduct.objects.bulk_create(
            [ProfileProduct(profile=profile, hs_code=hs, direction=direction) for hs in headings]
        )
    if certifications is not None:
        Certification.objects.filter(profile=profile).delete()
        for certification in certifications:
            certification.profile = profile
        Certification.objects.bulk_create(certifications)
    changed_identity = [f for f in IDENTITY_FIELDS if getattr(organization, f) != before[f]]
    if changed_identity:
        _identity_changed(organization, user, changed_identity)
    _reindex([organization.pk])
    return organization


# --- handing a profile over ----------------------------------------------------------------------------


@transaction.atomic
def request_handover(user: User, public_id, message: str) -> HandoverRequest:
    """Ask the operator to hand the organization ``public_id`` over to ``user`` (e.g. its identifier
    was registered by a former employee). Signed-in users who are not already owners; one pending
    request per user and organization (asking again returns it with the new message)."""
    if not user or not user.is_authenticated:
        raise PermissionDenied(_("Sign in to ask for a handover."))
    organization = get_object_or_404(Organization.objects.all(), public_id=public_id)
    if Membership.objects.filter(user=user, organization=organization, role=Role.OWNER).exists():
        raise ValidationError(_("You are already an owner of this organization."), code="conflict")
    message = (message or "").strip()
    if not message:
        raise ValidationError(
            {
                "message": [
                    _(
                        "Tell the operator why the profile is yours, "
                        "e.g. your position and the company's documents."
                    )
                ]
            }
        )
    if len(message) > 2000:
        raise ValidationError({"message": [_("Use at most %(max)d characters.") % {"max": 2000}]})
    request, created = HandoverRequest.objects.get_or_create(
        organization=organization,
        requested_by=user,
        status=HandoverStatus.PENDING,
        defaults={"message": message},
    )
    if not created and request.message != message:
        request.message = message
        request.save(update_fields=["message", "updated_at"])
    return request


@transaction.atomic
def decide_handover(operator: User, request_public_id, approve: bool, note: str = "") -> HandoverRequest:
    """The operator approves (the requester becomes an owner of the organization, keeping the other
    members) or rejects (with a note) a pending handover request. The requester is told by e-mail in
    their language after the commit. Deciding an already decided request is a conflict."""
    if not is_operator(operator):
        raise PermissionDenied(_("Only platform operators decide handover requests."))
    request = get_object_or_404(
        HandoverRequest.objects.select_for_update().select_related("organization", "requested_by"),
        public_id=request_public_id,
    )
    if request.status != HandoverStatus.PENDING:
        raise ValidationError(_("This request was already decided."), code="conflict")
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError({"note": [_("Say why the request is rejected; the requester will read it.")]})
    request.status = HandoverStatus.APPROVED if approve else HandoverStatus.REJECTED
    request.decided_by = operator
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    requester = request.requested_by
    if approve:
        membership, created = Membership.objects.get_or_create(
            user=requester, organization=request.organization, defaults={"role": Role.OWNER}
        )
        if not created and membership.role != Role.OWNER:
            membership.role = Role.OWNER
            membership.save(update_fields=["role", "updated_at"])
        if requester.active_organization_id is None:
            requester.active_organization = request.organization
            requester.save(update_fields=["active_organization"])
    link = absolute_url(
        reverse("accounts:organization", args=[request.organization.public_id])
        if approve
        else reverse("accounts:organizations")
    )
    queue_email(
        requester,
        "directory/email/handover_decided",
        {
            "request": request,
            "organization": request.organization,
            "approved": approve,
            "note": note,
            "link": link,
        },
        f"handover:{request.pk}:decided",
    )
    return request
