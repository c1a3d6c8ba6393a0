"""Helpers shared by the accounts actions: locking members, role rules, role labels for notices."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from scotemp.core.effects import per_language

from ..choices import Role
from ..models import Membership, Organization


def lock_memberships(organization: Organization) -> list[Membership]:
    """Lock the organization and all its memberships for the rest of the transaction; return them fresh."""
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    return list(Membership.objects.select_for_update().filter(organization_id=organization.pk).order_by("pk"))


def require_grantable(actor_role: str, role: str) -> None:
    """Only owners grant or touch the owner role; admins manage admins and members."""
    if role not in Role.values:
        raise ValidationError({"role": [_("Choose owner, administrator or member.")]})
    if role == Role.OWNER and actor_role != Role.OWNER:
        raise PermissionDenied(_("Only an owner can make someone an owner."))


def role_label(role: str) -> dict:
    return per_language(lambda: Role(role).label)


def refuse_if_last_owner(memberships: list[Membership], leaving: Membership) -> None:
    owners = [m for m in memberships if m.role == Role.OWNER]
    if leaving.role == Role.OWNER and len(owners) <= 1:
        raise ValidationError(
            _(
                "An organization must keep at least one owner. Make another member an owner first, "
                "then try again."
            ),
            code="conflict",
        )
