"""Personal access tokens as the API sees them (``settings.SCOTEMP_TOKEN_RESOLVER``)."""

from django.utils import timezone

from scotemp.core.api.auth import ResolvedToken

from .models import ApiToken, Membership, hash_token

LAST_USED_RESOLUTION = 60  # seconds: ``last_used_at`` is written at most once a minute per token


def resolve(secret: str) -> ResolvedToken | None:
    """The token for ``secret`` if it may be used now: not revoked, not expired, its user active and
    still a member of the token's organization. Anything else is ``None`` (401)."""
    if not secret or not secret.startswith(ApiToken.PREFIX):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user", "organization")
        .filter(token_hash=hash_token(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not token.is_usable(now):
        return None
    if not Membership.objects.filter(user_id=token.user_id, organization_id=token.organization_id).exists():
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return ResolvedToken(user=token.user, organization=token.organization, scope=token.scope, token=token)
