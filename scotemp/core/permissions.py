"""The one permission mechanism for organization-scoped data.

Every model whose rows belong to an organization uses :class:`OrgScopedQuerySet` as its manager and
names the path from the row to its organization in ``org_field`` (``"organization"`` for a direct
foreign key, ``"deal__buyer"`` further away, or ``""`` for the Organization model itself). A row
shared by two parties (an inquiry, a deal) names both paths in a tuple: members of either see it. Views and
API handlers fetch rows only through ``visible_to(user)`` or ``editable_by(user)``, so a row that
the user may not see simply does not exist for them: they get 404, never somebody else's data.

Rules:
- platform operators see and edit everything (they moderate and verify);
- a member of the owning organization sees its rows; owners and admins edit them
  (``editable_by(user, role=MEMBER)`` lets plain members edit too, e.g. their own leads);
- everybody else sees nothing, unless the model defines ``public_q()`` for rows that are public;
- a model holding private correspondence defines ``operator_q()``: operators then see only the rows
  it admits (e.g. threads whose parties asked the operator in), not everything.
"""

from django.db import models
from django.db.models import Q

OWNER, ADMIN, MEMBER = "owner", "admin", "member"
ROLE_RANK = {MEMBER: 1, ADMIN: 2, OWNER: 3}


def is_operator(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or getattr(user, "is_operator", False)))


def roles_at_least(role: str) -> list[str]:
    return [r for r, rank in ROLE_RANK.items() if rank >= ROLE_RANK[role]]


class OrgScopedQuerySet(models.QuerySet):
    def _filter_by_membership(self, user, roles: list[str], extra: Q | None = None):
        # A subquery on the organization ids keeps the result free of join duplicates.
        from scotemp.accounts.models import Membership

        org_ids = Membership.objects.filter(user=user, role__in=roles).values("organization_id")
        field = getattr(self.model, "org_field", None)
        if field is None:
            raise TypeError(f"{self.model.__name__} must define org_field to use OrgScopedQuerySet")
        condition = Q()
        for path in field if isinstance(field, tuple) else (field,):
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
