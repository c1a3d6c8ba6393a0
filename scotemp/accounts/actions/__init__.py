"""Writes about users, organizations, memberships, invitations and API tokens.

Every action is atomic and is the one place deciding who may do it: pages, the API and commands
call it and answer what it decides. Rows are fetched through the permission querysets, so a user who
may not see an organization's private pages gets ``Http404`` (it does not exist for them); a member
who sees them but lacks the role for an operation gets ``PermissionDenied`` (403); bad input gets a
translated ``ValidationError``. A user bound to one organization (an API token) acts for that one
alone.

What happened is announced once, inside the transaction (:func:`scotemp.core.effects.announce`): an
audit entry per change, and an in-app notice to whom it concerns (the member whose role changed or
who was removed, the invitee who already has an account, the organization a new member joined). An
invitation's acceptance link leaves only by e-mail, through the outbox: it carries the secret.

The invariant guarded here: **an organization always has at least one owner.** Every change that
could remove or demote an owner locks the organization row and its memberships
(``select_for_update``) inside the transaction and counts the owners after taking the lock, so two
owners demoting each other at the same moment cannot both succeed. (On SQLite ``select_for_update``
is a no-op, but the project opens every transaction with ``BEGIN IMMEDIATE``, which serializes
writers.)
"""

from .invitations import (
    INVITATION_LIFETIME,
    accept_invitation,
    find_invitation,
    invite_member,
    revoke_invitation,
)
from .organizations import (
    ORGANIZATION_FIELDS,
    change_role,
    create_organization,
    leave_organization,
    remove_member,
    switch_active_organization,
)
from .profile import set_language, update_profile
from .tokens import create_api_token, revoke_api_token

__all__ = [
    "INVITATION_LIFETIME",
    "ORGANIZATION_FIELDS",
    "accept_invitation",
    "change_role",
    "create_api_token",
    "create_organization",
    "find_invitation",
    "invite_member",
    "leave_organization",
    "remove_member",
    "revoke_api_token",
    "revoke_invitation",
    "set_language",
    "switch_active_organization",
    "update_profile",
]
