"""The read of the lead page: one lead with everything it shows, as model instances, in three to five
prepared queries (:mod:`scotemp.core.prepared`).

Built with the ORM each time, the page cost about 3.8 ms of CPU in ten queries (building and compiling
them) for well under a millisecond of database work, and PostgreSQL planned its wide join for longer
than it ran it. Here each query is compiled once per process and, on PostgreSQL, planned once per
connection: the lead with its organization (and profile and country), HS code, place (and country),
units, Incoterm, committee, origin country and author (name and e-mail only), read as
``Lead.objects.visible_to`` lets the reader see it; then the countries it lists, the reader's place
and the HS code's path from the chapter. The templates read the same instances with the same
translated-field fallbacks."""

import uuid
from dataclasses import dataclass

from django.http import Http404

from scotemp.accounts.models import User
from scotemp.core.permissions import is_operator, member_org_ids
from scotemp.core.prepared import USER, PreparedQuery
from scotemp.reference.models import HSCode, Location

from ..models import Lead

# The author shows only as a contact (name and e-mail): the rest of the account stays unread.
AUTHOR_FIELDS = ("id", "full_name", "email")
_AUTHOR_UNREAD = tuple(f"author__{f.name}" for f in User._meta.concrete_fields if f.name not in AUTHOR_FIELDS)
_RELATED = (
    "organization__profile",
    "organization__country",
    "hs_code",
    "incoterm_place__country",
    "author",
    "unit",
    "price_unit",
    "incoterm",
    "committee",
    "origin_country",
)

_LEAD = PreparedQuery(
    lambda user, public_id: (
        Lead.objects.visible_to(user)
        .select_related(*_RELATED)
        .defer(*_AUTHOR_UNREAD)
        .filter(public_id=public_id)[:1]
    ),
    user=USER,
    public_id=uuid.UUID,
)
_COUNTRIES = PreparedQuery(
    lambda lead_id: (
        Lead.countries.through.objects.filter(lead_id=lead_id)
        .select_related("country")
        .order_by("country_id")
    ),
    lead_id=int,
)
_PLACE = PreparedQuery(
    lambda locode: Location.objects.select_related("country").filter(locode=locode),
    locode=str,
)
# The HS code and its parent: two levels of the path per query.
_HS_LEVELS = PreparedQuery(
    lambda code: HSCode.objects.select_related("parent").filter(code=code),
    code=str,
)


def reader_org_ids(request) -> frozenset[int]:
    """The organizations the reader acts for, any role: from the memberships the middleware read for
    the account menu, else (an API token, a visitor) as ``core.permissions.member_org_ids`` reads them."""
    memberships = getattr(request, "user_memberships", None)
    if memberships is None:
        return member_org_ids(request.user)
    return frozenset(m.organization_id for m in memberships)


def may_edit(user, lead: Lead, org_ids: frozenset[int]) -> bool:
    """``Lead.objects.editable_by(user, role=MEMBER)`` for one loaded lead: operators, and members of
    the owning organization with any role."""
    return is_operator(user) or lead.organization_id in org_ids


@dataclass
class LeadPage:
    """The lead (relations loaded), its countries, its HS code's path from the chapter, and the
    viewer's place (their organization's city, else ``default_place``) when it is not the lead's."""

    lead: Lead
    countries: list
    hs_path: list
    viewer_place: Location | None


def lead_page(user, public_id, viewer_place_id: str | None) -> LeadPage:
    """The lead ``user`` may read (404 otherwise) with everything its page shows."""
    if not isinstance(public_id, uuid.UUID):
        try:
            public_id = uuid.UUID(str(public_id))
        except ValueError:
            raise Http404 from None
    lead = _LEAD.get_or_404(user=user, public_id=public_id)
    viewer_place = None
    if viewer_place_id is not None and viewer_place_id != lead.incoterm_place_id:
        viewer_place = _PLACE.first(locode=viewer_place_id)
    countries = [link.country for link in _COUNTRIES(lead_id=lead.pk)]
    return LeadPage(lead=lead, countries=countries, hs_path=_hs_path(lead.hs_code), viewer_place=viewer_place)


def _hs_path(hs: HSCode) -> list:
    """The HS code's ancestors and itself, chapter first: two levels per query (one for a
    six-digit code)."""
    path = [hs]
    while path[0].parent_id:
        parent = _HS_LEVELS.first(code=path[0].parent_id)
        if parent is None:
            break
        type(path[0]).parent.field.set_cached_value(path[0], parent)
        path.insert(0, parent)
        if parent.parent is None:  # loaded with it: no query
            break
        path.insert(0, parent.parent)
    return path
