"""Reads about organization profiles: what a visitor sees, who may edit, and what the owner still
has to add. Each function costs a fixed number of queries.

The search and the directory list are in :mod:`.search`, its facets in :mod:`.facets`."""

import dataclasses
import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _

from scotemp.accounts.choices import RegistryType
from scotemp.accounts.models import Organization
from scotemp.committees.models import CommitteeMembership, CommitteeMembershipStatus
from scotemp.reference.queries import today
from scotemp.verification.models import VerificationDocument

from ..choices import Activity, StaffRange, TradeDirection, VerificationStatus
from ..models import Certification, OrganizationProfile, ProfileActivity, ProfileProduct

# Description fallback order after the viewer's own language (see the issue: en, ru, zh-hans).
DESCRIPTION_FALLBACK = ("en", "ru", "zh-hans")


def description_field(language: str) -> str:
    """The model field holding the description in ``language`` (``description_zh_hans`` …)."""
    return "description_" + language.replace("-", "_")


def pick_description(organization: Organization, language: str | None) -> tuple[str, str | None, bool]:
    """The description in ``language``, else the first of en, ru, zh-hans that is written.

    Returns (text, language of the text or None, whether it is a fallback)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    order = [language, *[code for code in DESCRIPTION_FALLBACK if code != language]]
    for code in order:
        text = (getattr(organization, description_field(code), "") or "").strip()
        if text:
            return text, code, code != language
    return "", None, False


@dataclasses.dataclass
class HSItem:
    code: str
    name: str  # in the active language (modeltranslation falls back when missing)


@dataclasses.dataclass
class CertificationItem:
    scheme: str
    label: str
    number: str
    issuer: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    is_valid: bool  # False once valid_until has passed (or before valid_from)


@dataclasses.dataclass
class Contacts:
    person: str
    email: str
    phone: str

    def __bool__(self):
        return bool(self.person or self.email or self.phone)


@dataclasses.dataclass
class CommitteeItem:
    slug: str
    name: str


@dataclasses.dataclass
class ProfileDisplay:
    """Everything the public organization page shows, already in the viewer's language."""

    public_id: str
    name: str
    name_latin: str
    trading_names: list[str]
    organization_type: str
    registry_type: str  # label, e.g. "Russia: taxpayer number (INN)"
    registry_id: str
    description: str
    description_language: str | None  # language code of ``description``
    description_language_name: str
    is_fallback: bool  # True when the description is not in the viewer's language
    country: object  # reference.Country
    city: object | None  # reference.Location
    address: str
    website: str
    contacts: Contacts | None  # None unless the viewer is signed in
    year_founded: int | None
    staff_range: str  # label
    staff_range_code: str
    activities: list[str]  # labels
    activity_codes: list[str]
    exports: list[HSItem]
    imports: list[HSItem]
    certifications: list[CertificationItem]
    committees: list[CommitteeItem]
    verification_status: str
    verification_label: str
    is_verified: bool
    verified_at: datetime.datetime | None
    verified_until: datetime.date | None
    has_profile: bool


def trading_names_list(organization: Organization) -> list[str]:
    return [name.strip() for name in (organization.trading_names or "").split(",") if name.strip()]


def profile_with_details(organization: Organization) -> OrganizationProfile | None:
    """The organization's profile with activities, products (and their HS rows) and certifications
    prefetched (4 queries), or None when it has none yet."""
    return (
        OrganizationProfile.objects.filter(organization=organization)
        .prefetch_related(
            Prefetch("activities", queryset=ProfileActivity.objects.order_by("activity")),
            Prefetch(
                "products", queryset=ProfileProduct.objects.select_related("hs_code").order_by("hs_code")
            ),
            Prefetch("certifications", queryset=Certification.objects.order_by("scheme", "valid_until")),
        )
        .first()
    )


def _language_name(code: str | None) -> str:
    return dict(settings.LANGUAGES).get(code, "") if code else ""


def profile_for_display(organization: Organization, viewer, language: str | None = None) -> ProfileDisplay:
    """What ``viewer`` (a user, maybe anonymous) sees of ``organization``'s profile, in ``language``
    (default: the active language). Contacts only for signed-in viewers. 6 queries."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    profile = profile_with_details(organization)
    description, description_language, is_fallback = pick_description(organization, language)
    committees = [
        CommitteeItem(slug=cm.committee.slug, name=cm.committee.name)
        for cm in CommitteeMembership.objects.filter(
            organization=organization, status=CommitteeMembershipStatus.APPROVED
        )
        .select_related("committee")
        .order_by("committee__position", "committee__slug")
    ]
    signed_in = bool(viewer and viewer.is_authenticated)
    on = today()
    activities, exports, imports, certifications = [], [], [], []
    contacts = None
    if profile is not None:
        activities = [a.activity for a in profile.activities.all()]
        for product in profile.products.all():
            item = HSItem(code=product.hs_code_id, name=product.hs_code.description)
            (exports if product.direction == TradeDirection.EXPORT else imports).append(item)
        certifications = [
            CertificationItem(
                scheme=c.scheme,
                label=c.get_scheme_display(),
                number=c.number,
                issuer=c.issuer,
                valid_from=c.valid_from,
                valid_until=c.valid_until,
                is_valid=(c.valid_until is None or c.valid_until >= on)
                and (c.valid_from is None or c.valid_from <= on),
            )
            for c in profile.certifications.all()
        ]
        if signed_in:
            contacts = Contacts(
                person=profile.contact_person, email=profile.contact_email, phone=profile.contact_phone
            )
    status = profile.verification_status if profile else VerificationStatus.UNVERIFIED
    return ProfileDisplay(
        public_id=str(organization.public_id),
        name=organization.name,
        name_latin=organization.name_latin,
        trading_names=trading_names_list(organization),
        organization_type=organization.get_type_display() if organization.type else "",
        registry_type=RegistryType(organization.registry_type).label if organization.registry_type else "",
        registry_id=organization.registry_id,
        description=description,
        description_language=description_language,
        description_language_name=_language_name(description_language),
        is_fallback=is_fallback,
        country=organization.country,
        city=organization.city,
        address=profile.address if profile else "",
        website=organization.website,
        contacts=contacts,
        year_founded=profile.year_founded if profile else None,
        staff_range=StaffRange(profile.staff_range).label if profile and profile.staff_range else "",
        staff_range_code=profile.staff_range if profile else "",
        activities=[Activity(a).label for a in activities],
        activity_codes=activities,
        exports=exports,
        imports=imports,
        certifications=certifications,
        committees=committees,
        verification_status=status,
        verification_label=VerificationStatus(status).label,
        is_verified=status == VerificationStatus.VERIFIED,
        verified_at=profile.verified_at if profile else None,
        verified_until=profile.verified_until if profile else None,
        has_profile=profile is not None,
    )


def organization_for_display(public_id) -> Organization:
    """The organization behind a public page (country and city loaded), or 404. Organizations are public."""
    return get_object_or_404(Organization.objects.select_related("country", "city"), public_id=public_id)


def organization_to_edit(user, public_id, *, for_update: bool = False) -> Organization:
    """The organization whose identity and profile ``user`` may change: its owners and administrators,
    and operators. Whoever cannot see its private pages gets 404; a plain member, who can, gets
    ``PermissionDenied`` (403). The edit page, the API and ``actions.update_profile`` all decide
    here, so every entry point answers alike. ``for_update`` locks the row."""
    organizations = Organization.objects.private_to(user)
    if for_update:
        organizations = organizations.select_for_update(of=("self",))
    organization = get_object_or_404(organizations.select_related("country", "city"), public_id=public_id)
    if not Organization.objects.editable_by(user).filter(pk=organization.pk).exists():
        raise PermissionDenied(_("Only owners and administrators edit the organization."))
    return organization


def sees_private_fields(user, organization: Organization) -> bool:
    """Whether ``user`` sees what only the organization's members (and operators) see of its profile,
    e.g. how complete it is."""
    return Organization.objects.private_to(user).filter(pk=organization.pk).exists()


@dataclasses.dataclass
class Completeness:
    percent: int
    missing: list[str]  # translated, in the active language
    missing_keys: list[str]


def profile_completeness(organization: Organization) -> Completeness:
    """How complete the owner's profile is (0–100) and what is missing, most useful first. 6 queries.

    Certifications are not required: many honest companies hold none."""
    profile = profile_with_details(organization)
    has_description = any(
        (getattr(organization, description_field(code), "") or "").strip() for code in DESCRIPTION_FALLBACK
    )
    products = list(profile.products.all()) if profile else []
    checks = [
        ("name_latin", bool(organization.name_latin), _("Add the name in Latin script")),
        ("registry_id", bool(organization.registry_id), _("Add the national registration identifier")),
        ("description", has_description, _("Add a description in at least one language")),
        ("activities", bool(profile and profile.activities.all()), _("Say what the organization does")),
        ("products", bool(products), _("Add the HS headings you export or import")),
        (
            "location",
            bool(organization.city_id and profile and profile.address),
            _("Add the city and the address"),
        ),
        (
            "contacts",
            bool(profile and (profile.contact_email or profile.contact_phone)),
            _("Add a contact e-mail or phone for signed-in members"),
        ),
        (
            "facts",
            bool(profile and profile.year_founded and profile.staff_range),
            _("Add the year founded and the number of staff"),
        ),
        ("website", bool(organization.website), _("Add the website")),
        (
            "documents",
            VerificationDocument.objects.filter(organization=organization).exists(),
            _("Upload registration documents"),
        ),
    ]
    done = sum(1 for _key, ok, _label in checks if ok)
    return Completeness(
        percent=round(100 * done / len(checks)),
        missing=[str(label) for _key, ok, label in checks if not ok],
        missing_keys=[key for key, ok, _label in checks if not ok],
    )
