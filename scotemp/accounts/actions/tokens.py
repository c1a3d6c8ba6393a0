"""Personal access tokens: made by their owner for one organization, revoked at will."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import announce
from scotemp.core.permissions import bound_organization_id

from ..models import ApiToken, Organization, TokenScope, User, hash_token


@transaction.atomic
def create_api_token(
    user: User, public_id, name: str, scope: str = TokenScope.READ, expires_at=None
) -> tuple[ApiToken, str]:
    """Create a personal access token acting as ``user`` for one of their organizations, and only
    for it: ``scope`` ``read`` (GET only) or ``write``; ``expires_at`` (optional) a moment in the next
    :attr:`ApiToken.MAX_LIFETIME_DAYS` days (a naive moment is read in the current time zone).

    Returns the token row and the raw secret; the secret is not stored and cannot be shown again.
    404 unless the user is a member of the organization; 403 when asked with an API token (tokens
    are made by their owner, signed in, never by another token)."""
    if bound_organization_id(user) is not None:
        raise PermissionDenied(_("Create tokens from your settings page, not with another token."))
    organization = get_object_or_404(Organization.objects.of_member(user), public_id=public_id)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the token a name, e.g. the script that will use it.")]})
    if len(name) > 100:
        raise ValidationError({"name": [_("Use at most 100 characters.")]})
    try:
        ProhibitNullCharactersValidator()(name)
    except ValidationError as exc:
        raise ValidationError({"name": exc.messages}) from None
    if scope not in TokenScope.values:
        raise ValidationError({"scope": [_("Choose read-only or read-and-write access.")]})
    if expires_at is not None:
        if timezone.is_naive(expires_at):
            expires_at = timezone.make_aware(expires_at)
        now = timezone.now()
        if expires_at <= now:
            raise ValidationError({"expires_at": [_("Choose a moment in the future, or no expiry.")]})
        if expires_at > now + datetime.timedelta(days=ApiToken.MAX_LIFETIME_DAYS):
            raise ValidationError(
                {
                    "expires_at": [
                        _("Choose a moment within the next %(years)s years, or no expiry.")
                        % {"years": ApiToken.MAX_LIFETIME_DAYS // 365}
                    ]
                }
            )
    raw = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user,
        organization=organization,
        name=name,
        scope=scope,
        expires_at=expires_at,
        token_hash=hash_token(raw),
    )
    announce(
        "api_token.created",
        subject=token,
        actor=user,
        organization=organization,
        data={
            "name": name,
            "scope": scope,
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
    )
    return token, raw


@transaction.atomic
def revoke_api_token(user: User, token_public_id) -> ApiToken:
    """Revoke one of the user's own tokens (404 for anyone else's, and, through an API token, for
    tokens of the user's other organizations). Revoking twice is harmless."""
    tokens = ApiToken.objects.select_for_update().filter(user=user)
    bound = bound_organization_id(user)
    if bound is not None:
        tokens = tokens.filter(organization_id=bound)
    token = get_object_or_404(tokens, public_id=token_public_id)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        announce(
            "api_token.revoked",
            subject=token,
            actor=user,
            organization=token.organization_id,
            data={"name": token.name},
        )
    return token
