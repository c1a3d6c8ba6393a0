"""API of organization profiles under /api/v1/organizations: read a profile (public fields for
everyone, contacts for signed-in users, completeness for members and operators), change it, and ask
the operator to hand it over.

Who may change a profile is decided once, by ``queries.organization_to_edit`` inside
``actions.update_profile``, which the edit page calls too; this module answers what it decided, so
every entry point gives the same status: 404 for whoever cannot see the organization's private pages
(outsiders, and an API token of another organization), 403 for a plain member, 422 naming each
field an action refuses (``certifications.<n>.<field>`` for a certification), 409 for a registration
identifier already taken in the country."""

import datetime
from typing import Annotated
from uuid import UUID

from ninja import Field, Router, Schema, Status

from scotemp.accounts.choices import OrganizationType, RegistryType
from scotemp.core.api import ERRORS, ErrorOut, public_auth, run
from scotemp.core.api.schema import OPTIONAL_AUTH, JsonObject

from .. import actions, queries
from ..choices import Activity, CertificationScheme, StaffRange
from .handovers import HandoverOut, handover_out

router = Router(tags=["organizations"])
ISO2 = r"^[A-Za-z]{2}$"


class ProfileHSOut(Schema):
    code: str
    name: str


class ProfileCertificationOut(Schema):
    scheme: str
    label: str
    number: str
    issuer: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    is_valid: bool


class ProfileContactsOut(Schema):
    person: str
    email: str
    phone: str


class ProfileCompletenessOut(Schema):
    percent: int
    missing: list[str]
    missing_keys: list[str]


class ProfileCommitteeOut(Schema):
    slug: str
    name: str


class ProfileOut(Schema):
    public_id: UUID
    name: str
    name_latin: str
    trading_names: list[str]
    type: str
    country: str
    country_name: str
    city: str | None
    city_name: str | None
    address: str
    website: str
    registry_type: str
    registry_id: str
    description: str
    description_language: str | None
    description_is_fallback: bool
    descriptions: dict[str, str]
    year_founded: int | None
    staff_range: str
    activities: list[str]
    exports: list[ProfileHSOut]
    imports: list[ProfileHSOut]
    certifications: list[ProfileCertificationOut]
    committees: list[ProfileCommitteeOut]
    verification_status: str
    verified_at: datetime.datetime | None
    verified_until: datetime.date | None
    contacts: ProfileContactsOut | None = None  # signed-in users only
    completeness: ProfileCompletenessOut | None = None  # members and operators only


class ProfileCertificationIn(Schema):
    scheme: CertificationScheme
    number: str = Field("", max_length=80)
    issuer: str = Field("", max_length=200)
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None


HSHeading = Annotated[str, Field(pattern=r"^\d{4}$", description="A 4-digit HS heading, e.g. 1001.")]


class ProfilePatch(JsonObject):
    """Only the fields sent change. ``null`` empties a field that may be empty; the legal name, the
    type and the country cannot be emptied."""

    name: str = Field(None, min_length=1, max_length=255, description="The legal name, as registered.")
    name_latin: str | None = Field(None, max_length=255)
    trading_names: list[str] | None = None
    type: OrganizationType = None
    country: str = Field(None, pattern=ISO2, description="ISO 3166 alpha-2 code, e.g. KZ.")
    city: str | None = Field(
        None, pattern=r"^([A-Za-z0-9]{5})?$", description="UN/LOCODE of a city in the country."
    )
    address: str | None = Field(None, max_length=300)
    website: str | None = Field(None, max_length=200)
    registry_type: RegistryType | None = None
    registry_id: str | None = Field(None, max_length=60)
    description_en: str | None = None
    description_ru: str | None = None
    description_zh_hans: str | None = None
    contact_person: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=254)
    contact_phone: str | None = Field(None, max_length=40)
    year_founded: int | None = Field(None, ge=1800)
    staff_range: StaffRange | None = None
    activities: list[Activity] | None = None
    exports: list[HSHeading] | None = Field(None, max_length=40)
    imports: list[HSHeading] | None = Field(None, max_length=40)
    certifications: list[ProfileCertificationIn] | None = Field(
        None, max_length=20, description="Replaces the list."
    )


class HandoverIn(JsonObject):
    message: str = Field(min_length=1, max_length=2000, description="Why the profile is yours.")


def _profile_out(request, organization) -> ProfileOut:
    user = request.user
    shown = queries.profile_for_display(organization, user)
    return ProfileOut(
        public_id=organization.public_id,
        name=shown.name,
        name_latin=shown.name_latin,
        trading_names=shown.trading_names,
        type=organization.type,
        country=organization.country_id,
        country_name=organization.country.name,
        city=organization.city_id,
        city_name=organization.city.name if organization.city else None,
        address=shown.address,
        website=shown.website,
        registry_type=organization.registry_type,
        registry_id=organization.registry_id,
        description=shown.description,
        description_language=shown.description_language,
        description_is_fallback=shown.is_fallback,
        descriptions={
            code: text
            for code in ("zh-hans", "ru", "en")
            if (text := getattr(organization, queries.description_field(code)) or "")
        },
        year_founded=shown.year_founded,
        staff_range=shown.staff_range_code,
        activities=shown.activity_codes,
        exports=[ProfileHSOut(code=i.code, name=i.name) for i in shown.exports],
        imports=[ProfileHSOut(code=i.code, name=i.name) for i in shown.imports],
        certifications=[ProfileCertificationOut(**vars(c)) for c in shown.certifications],
        committees=[ProfileCommitteeOut(slug=c.slug, name=c.name) for c in shown.committees],
        verification_status=shown.verification_status,
        verified_at=shown.verified_at,
        verified_until=shown.verified_until,
        contacts=ProfileContactsOut(**vars(shown.contacts)) if shown.contacts is not None else None,
        completeness=ProfileCompletenessOut(**vars(queries.profile_completeness(organization)))
        if queries.sees_private_fields(user, organization)
        else None,
    )


@router.get(
    "/{public_id}",
    response={200: ProfileOut, 404: ErrorOut, 422: ErrorOut},
    summary="An organization's profile",
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
)
def profile(request, public_id: UUID):
    return _profile_out(request, queries.organization_for_display(public_id))


@router.patch(
    "/{public_id}", response={200: ProfileOut, **ERRORS}, summary="Change an organization's profile"
)
def update_profile(request, public_id: UUID, payload: ProfilePatch):
    """Only the fields sent change; a list sent (activities, exports, imports, certifications)
    replaces the stored one. Owners, administrators and operators."""
    changes = payload.dict(exclude_unset=True)
    if "certifications" in changes:
        changes["certifications"] = [dict(c) for c in changes["certifications"] or []]
    _organization, refused = run(actions.update_profile, request.user, public_id, **changes)
    if refused:
        return refused
    return _profile_out(request, queries.organization_for_display(public_id))


@router.post(
    "/{public_id}/handover-requests",
    response={201: HandoverOut, **ERRORS},
    summary="Ask the operator to hand this profile over to me",
)
def request_handover(request, public_id: UUID, payload: HandoverIn):
    item, refused = run(actions.request_handover, request.user, public_id, payload.message)
    if refused:
        return refused
    return Status(201, handover_out(queries.handover(item.pk)))
