"""Registering an organization and editing its identity and profile.

Guarantees:
- Every action is atomic. ``update_profile`` validates everything first (identity, registration
  identifier, city, HS headings, certifications; see :mod:`.profile_fields`) and collects every error
  into one ``ValidationError`` keyed by field, so nothing is half-saved.
- A registration identifier is stored normalized (python-stdnum's compact form) and is unique per
  country; a second organization with the same identifier gets :class:`DuplicateRegistryId`
  (``code="conflict"``, HTTP 409), which names the existing organization so the user can ask the
  operator to hand it over (:func:`~scotemp.directory.actions.handovers.request_handover`).
- The directory index is rebuilt (``search.reindex_organizations``) in the same transaction as the
  change; editing the legal name or identifier of a verified profile sends it back to review
  (``verification.actions.identity_changed``) in the same transaction; every edit leaves one audit
  row naming the fields changed.
- Who may edit is decided in one place, ``queries.profiles.organization_to_edit``, for the page, the
  API and this module alike.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scotemp.accounts import actions as accounts_actions
from scotemp.accounts.models import Organization, User
from scotemp.core.effects import announce
from scotemp.reference.models import Country
from scotemp.verification.actions import identity_changed

from ..choices import TradeDirection
from ..models import Certification, OrganizationProfile, ProfileActivity, ProfileProduct
from ..queries.profiles import organization_to_edit
from ..registry import clean_registry_id
from ..search import reindex_organizations
from .profile_fields import (
    EDITABLE_FIELDS,
    apply_organization_fields,
    clean_activities,
    clean_certifications,
    clean_headings,
    clean_profile_fields,
    merge,
)

IDENTITY_FIELDS = ("name", "registry_id", "registry_type")  # changes send a verified profile to review


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


def _check_duplicate(country_id: str, registry_id: str, exclude_pk: int | None) -> None:
    if not registry_id:
        return
    existing = Organization.objects.filter(country_id=country_id, registry_id=registry_id)
    if exclude_pk is not None:
        existing = existing.exclude(pk=exclude_pk)
    found = existing.first()
    if found is not None:
        raise DuplicateRegistryId(found)


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
    reindex_organizations([organization.pk])
    return organization


@transaction.atomic
def update_profile(user: User, public_id, **changes) -> Organization:
    """Change an organization's identity and profile. Only the keys given change (partial update):
    any of ``EDITABLE_FIELDS``; ``activities`` (list of :class:`Activity` values), ``exports`` and
    ``imports`` (4-digit HS headings, a list or a string) and ``certifications`` (list of dicts with
    scheme, number, issuer, valid_from, valid_until) replace what was there.

    Owners, administrators and operators only (``queries.profiles.organization_to_edit`` decides: 404
    for whoever cannot see the organization's private pages, ``PermissionDenied`` (403) for plain
    members). All or nothing: any invalid value raises one ``ValidationError`` with every error by
    field and leaves the organization, its profile and its lists unchanged."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    organization = organization_to_edit(user, public_id, for_update=True)
    before = {field: getattr(organization, field) for field in IDENTITY_FIELDS}
    errors: dict[str, list] = {}
    apply_organization_fields(organization, changes, errors)
    profile_values = clean_profile_fields(changes, errors, organization.country_id)
    activities = clean_activities(changes["activities"], errors) if "activities" in changes else None
    exports = clean_headings(changes["exports"], "exports", errors) if "exports" in changes else None
    imports = clean_headings(changes["imports"], "imports", errors) if "imports" in changes else None
    certifications = (
        clean_certifications(changes["certifications"] or [], errors) if "certifications" in changes else None
    )
    if not errors:
        try:
            organization.full_clean(validate_constraints=False)
        except ValidationError as exc:
            merge(errors, exc)
    if errors:
        raise ValidationError(errors)
    _check_duplicate(organization.country_id, organization.registry_id, organization.pk)

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
        identity_changed(organization, user, changed_identity)
    reindex_organizations([organization.pk])
    announce(
        "directory.profile_updated",
        subject=organization,
        actor=user,
        organization=organization,
        data={"fields": sorted(changes), "identity": changed_identity},
    )
    return organization
