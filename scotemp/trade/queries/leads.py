"""Reads of trade leads for the pages and the API: one lead for a viewer, a lead for editing, the
active organization's leads, the committee suggested by an HS code, and what a lead shows in the
viewer's language. Every lookup goes through ``Lead.objects.visible_to`` / ``editable_by`` /
``member_of``, so a lead the user may not see raises 404."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils import translation

from scotemp.committees.models import Committee
from scotemp.committees.queries import committee_for_hs
from scotemp.core.permissions import MEMBER

from ..choices import LANGUAGE_SUFFIX, LeadStatus
from ..models import Lead

# The lead page's relations. One query joining all of them (15 tables) costs PostgreSQL far more to
# plan (tens of ms, trying join orders) than to run (about 1 ms): the lead's own rows are joined,
# the small reference rows (units, currencies, countries, Incoterms, places) are loaded by primary
# key in one cheap query each.
# The lead page's relations. One query joining all of them (15 tables) cost PostgreSQL 36-68 ms
# to plan (it tries join orders) for about 1 ms of execution; joining six tables plans in about
# 1.4 ms. The lead, its organization, profile, HS code, place and author are joined; the small
# reference rows (units, currency, countries, Incoterm, committee) come in one query each.
DETAIL_RELATED = ("organization", "organization__profile", "hs_code", "incoterm_place", "author")
DETAIL_PREFETCH = (
    "countries",
    "hs_code__parent",
    "currency",
    "incoterm",
    "committee",
)


def _attach(rows: dict, holder, field_name: str) -> None:
    """Set the related row ``field_name`` of ``holder`` from ``rows`` (by primary key), as a prefetch
    would."""
    field = holder._meta.get_field(field_name)
    key = getattr(holder, field.attname)
    field.set_cached_value(holder, rows.get(key) if key is not None else None)


def _with_reference_rows(lead: Lead) -> Lead:
    """Load the lead's units (quantity and price) in one query and its countries (organization,
    place, origin) in another, where a prefetch per relation would read the same tables five times."""
    from scotemp.reference.models import Country, Unit

    units = Unit.objects.in_bulk({k for k in (lead.unit_id, lead.price_unit_id) if k is not None})
    _attach(units, lead, "unit")
    _attach(units, lead, "price_unit")
    place = lead.incoterm_place
    holders = [(lead.organization, "country"), (lead, "origin_country")]
    if place is not None:
        holders.append((place, "country"))
    wanted = {getattr(holder, f"{name}_id") for holder, name in holders} - {None}
    countries = Country.objects.in_bulk(wanted) if wanted else {}
    for holder, name in holders:
        _attach(countries, holder, name)
    return lead


def suggest_committee(hs_code: str) -> Committee | None:
    """The committee whose sector the code is: the one listing its heading, else its chapter."""
    return committee_for_hs(hs_code)


def lead_for_viewer(user, public_id) -> Lead:
    """A lead ``user`` may read: published ones for everybody, the others for the owning
    organization's members and operators; 404 otherwise."""
    return _with_reference_rows(
        get_object_or_404(
            Lead.objects.visible_to(user).select_related(*DETAIL_RELATED).prefetch_related(*DETAIL_PREFETCH),
            public_id=public_id,
        )
    )


def editable_lead(user, public_id) -> Lead:
    """A lead ``user`` may change (any member of the owning organization, operators); 404 otherwise."""
    return _with_reference_rows(
        get_object_or_404(
            Lead.objects.editable_by(user, role=MEMBER)
            .select_related(*DETAIL_RELATED)
            .prefetch_related(*DETAIL_PREFETCH),
            public_id=public_id,
        )
    )


def can_edit(user, lead: Lead) -> bool:
    return Lead.objects.editable_by(user, role=MEMBER).filter(pk=lead.pk).exists()


def organization_leads(user, organization, status: str | None = None):
    """The leads of ``organization`` as ``user``, a member, sees them (none otherwise), newest first,
    optionally of one status."""
    qs = (
        Lead.objects.member_of(user)
        .filter(organization=organization)
        .select_related("hs_code", "unit", "currency", "incoterm", "incoterm_place")
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at")


def status_counts(user, organization) -> dict[str, int]:
    """{status: count} of the organization's leads (for a member), every status present (0 when none)."""
    counts = dict(
        Lead.objects.member_of(user)
        .filter(organization=organization)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in LeadStatus.values}


def text_in(lead: Lead, field: str, language: str | None = None) -> tuple[str, str]:
    """(text, language it is in) of ``title`` or ``description``: the viewer's language when
    translated, else the author's, else any language that has it."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    order = [language, lead.language, *LANGUAGE_SUFFIX]
    for code in dict.fromkeys(order):
        suffix = LANGUAGE_SUFFIX.get(code)
        value = getattr(lead, f"{field}_{suffix}", "") if suffix else ""
        if value:
            return value, code
    return "", lead.language


def hs_name(hs) -> str:
    """The HS code's description in the active language (modeltranslation falls back to English)."""
    return hs.description if hs is not None else ""


def is_verified(organization) -> bool:
    profile = getattr(organization, "profile", None) if _has_profile(organization) else None
    return bool(profile and profile.verification_status == "verified")


def _has_profile(organization) -> bool:
    try:
        organization.profile  # noqa: B018 - touching the relation tells whether the row exists
    except ObjectDoesNotExist:
        return False
    return True


@dataclass
class LeadContacts:
    person: str
    email: str
    phone: str


def contacts_for(lead: Lead, viewer) -> LeadContacts | None:
    """Contact details: only for signed-in viewers. The organization's profile contacts, else the
    author's name and e-mail."""
    if not viewer or not viewer.is_authenticated:
        return None
    profile = lead.organization.profile if _has_profile(lead.organization) else None
    if profile is not None and (profile.contact_email or profile.contact_phone):
        return LeadContacts(profile.contact_person, profile.contact_email, profile.contact_phone)
    author = lead.author
    if author is not None:
        return LeadContacts(author.full_name, author.email, "")
    return None
