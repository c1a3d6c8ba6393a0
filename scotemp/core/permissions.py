"""The one permission mechanism for organization-scoped data.

Every model whose rows belong to an organization uses :class:`OrgScopedQuerySet` as its manager and
names the path from the row to its organization in ``org_field`` (``"organization"`` for a direct
foreign key, ``"deal__buyer"`` further away, or ``""`` for the Organization model itself). A row
shared by two parties (an inquiry, a deal, a match) names both paths in a tuple: members of either see
it, and :func:`parties_of` tells which side(s) a user is on. Views, API handlers and actions fetch rows
only through these querysets, so a row that the user may not see simply does not exist for them: they
get 404, never somebody else's data, and never a 403 that confirms the row exists.

Rules:
- platform operators see and edit everything (they moderate and verify);
- a member of the owning organization sees its rows; owners and admins edit them
  (``editable_by(user, role=MEMBER)`` lets plain members edit too, e.g. their own leads);
- ``member_of(user)`` is member-only access: operators get no bypass and public rows do not count
  (a user's own leads, their organization's matches);
- everybody else sees nothing, unless the model defines ``public_q()`` for rows that are public;
- a model holding private correspondence defines ``operator_q()``: operators then see only the rows
  it admits (e.g. threads whose parties asked the operator in), not everything;
- a principal bound to one organization (an API token: :func:`bind_organization`) acts as a member of
  that organization alone, with no operator powers, whatever else its user belongs to.
"""

from django.db import models
from django.db.models import Q

OWNER, ADMIN, MEMBER = "owner", "admin", "member"
ROLE_RANK = {MEMBER: 1, ADMIN: 2, OWNER: 3}

_BOUND_ATTR = "_scotemp_bound_organization_id"


def bind_organization(user, organization_id: int) -> None:
    """Make ``user`` (this request's user object) act for ``organization_id`` only."""
    setattr(user, _BOUND_ATTR, organization_id)


def bound_organization_id(user) -> int | None:
    return getattr(user, _BOUND_ATTR, None)


def is_operator(user) -> bool:
    """Platform operator staff. A principal bound to one organization (a token) never is one."""
    if not user or not user.is_authenticated or bound_organization_id(user) is not None:
        return False
    return bool(user.is_superuser or getattr(user, "is_operator", False))


def roles_at_least(role: str) -> list[str]:
    return [r for r, rank in ROLE_RANK.items() if rank >= ROLE_RANK[role]]


def _memberships(user, roles):
    """The user's memberships with one of ``roles``, limited to the bound organization if any."""
    qs = user.memberships.filter(role__in=list(roles))
    bound = bound_organization_id(user)
    if bound is not None:
        qs = qs.filter(organization_id=bound)
    return qs


_MEMBERSHIPS_ATTR = "_scotemp_memberships"


def remember_memberships(user, memberships) -> None:
    """Keep on this request's user object the memberships the request has read (every signed-in
    request reads them for its header), so that :func:`member_org_ids` answers from them."""
    setattr(user, _MEMBERSHIPS_ATTR, memberships)


def forget_memberships(user) -> None:
    """Called by every action that adds, removes or changes a membership of ``user``: later checks in
    the same request read the database again."""
    try:
        delattr(user, _MEMBERSHIPS_ATTR)  # request.user is a lazy object: delattr reaches the user
    except AttributeError:
        pass


def member_org_ids(user, role: str = MEMBER) -> frozenset[int]:
    """The organizations ``user`` acts for holding at least ``role`` (one query, none when the request
    has read the memberships already; read it once for a whole list and pass it to
    :func:`parties_of`)."""
    if not user or not user.is_authenticated:
        return frozenset()
    roles = roles_at_least(role)
    remembered = getattr(user, _MEMBERSHIPS_ATTR, None)
    if remembered is not None and bound_organization_id(user) is None:
        return frozenset(m.organization_id for m in remembered if m.role in roles)
    return frozenset(_memberships(user, roles).values_list("organization_id", flat=True))


def is_member(user, organization_id: int | None, role: str = MEMBER) -> bool:
    return organization_id is not None and organization_id in member_org_ids(user, role)


def acting_organization_id(user) -> int | None:
    """The organization ``user`` acts for when they belong to several: the bound one (a token), else
    their chosen active organization if they are still its member, else ``None``."""
    bound = bound_organization_id(user)
    if bound is not None:
        return bound
    active = getattr(user, "active_organization_id", None)
    return active if is_member(user, active) else None


def _org_paths(model) -> tuple[str, ...]:
    field = getattr(model, "org_field", None)
    if field is None:
        raise TypeError(f"{model.__name__} must define org_field to use OrgScopedQuerySet")
    return field if isinstance(field, tuple) else (field,)


def _org_id_at(row, path: str) -> int | None:
    """The organization id at the end of ``path`` (``"inquiry__buyer"`` reads ``row.inquiry.buyer_id``)."""
    if not path:
        return row.pk
    *hops, last = path.split("__")
    for hop in hops:
        row = getattr(row, hop, None)
        if row is None:
            return None
    return getattr(row, f"{last}_id", None)


def parties_of(user, row, role: str = MEMBER, org_ids: frozenset[int] | None = None) -> list[str]:
    """The ``org_field`` paths of ``row`` whose organization ``user`` acts for (with at least ``role``).

    For a two-party row this says whether the user is on one side, the other, or both; empty for
    outsiders and for operators who are not members. ``org_ids`` (from :func:`member_org_ids`) saves
    the query when called for every row of a list."""
    if org_ids is None:
        org_ids = member_org_ids(user, role)
    return [path for path in _org_paths(type(row)) if _org_id_at(row, path) in org_ids]


class OrgScopedQuerySet(models.QuerySet):
    def _filter_by_membership(self, user, roles: list[str], extra: Q | None = None):
        # A subquery on the organization ids keeps the result free of join duplicates.
        org_ids = _memberships(user, roles).values("organization_id")
        condition = Q()
        for path in _org_paths(self.model):
            condition |= Q(**{f"{path}_id__in" if path else "pk__in": org_ids})
        if extra is not None:
            condition |= extra
        return self.filter(condition)

    def visible_to(self, user):
        """Rows ``user`` may read."""
        public = self.model.public_q() if hasattr(self.model, "public_q") else None
        if is_operator(user):
            if hasattr(self.model, "operator_q"):
                return self._filter_by_membership(user, list(ROLE_RANK), self.model.operator_q())
            return self.all()
        if not user or not user.is_authenticated:
            return self.filter(public) if public is not None else self.none()
        return self._filter_by_membership(user, list(ROLE_RANK), public)

    def editable_by(self, user, role: str = ADMIN):
        """Rows ``user`` may change: operators, or members holding at least ``role``.

        Operators never change private correspondence (models with ``operator_q``) on a party's
        behalf; they act there only as members of an organization."""
        if is_operator(user):
            if hasattr(self.model, "operator_q"):
                return self._filter_by_membership(user, roles_at_least(role))
            return self.all()
        if not user or not user.is_authenticated:
            return self.none()
        return self._filter_by_membership(user, roles_at_least(role))

    def member_of(self, user, role: str = MEMBER):
        """Rows of the organizations ``user`` acts for, holding at least ``role``: no operator bypass,
        no public rows."""
        if not user or not user.is_authenticated:
            return self.none()
        return self._filter_by_membership(user, roles_at_least(role))

    def on_side(self, user, path: str, role: str = MEMBER):
        """Rows of a two-party model where ``user``'s organization is the party at ``path``
        (``"buyer"`` or ``"seller"``): e.g. the inquiries a user answers as seller."""
        if path not in _org_paths(self.model):
            raise ValueError(f"{path!r} is not one of {self.model.__name__}.org_field")
        if not user or not user.is_authenticated:
            return self.none()
        org_ids = _memberships(user, roles_at_least(role)).values("organization_id")
        return self.filter(**{f"{path}_id__in" if path else "pk__in": org_ids})
