"""API authentication: the browser session (with CSRF) or a personal access token.

A token acts as its user for the token's organization: ``request.active_organization`` is set to
that organization, so the same permission querysets serve the pages and the API.
"""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken, hash_token


class PersonalAccessToken(HttpBearer):
    openapi_description = "Personal access token from Settings → API tokens (Authorization: Bearer sco_…)."

    def authenticate(self, request, token):
        if not token or not token.startswith(ApiToken.PREFIX):
            return None
        api_token = (
            ApiToken.objects.select_related("user", "organization")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if api_token is None or not api_token.organization.memberships.filter(user=api_token.user).exists():
            return None
        now = timezone.now()
        if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        request.active_organization = api_token.organization
        request.api_token = api_token
        return api_token.user


class OptionalSession(SessionAuth):
    """Session auth that lets anonymous requests through for public endpoints (they see public rows)."""

    def authenticate(self, request, key):
        return request.user if request.user.is_authenticated else None


def auth_methods():
    return [PersonalAccessToken(), SessionAuth()]


def public_auth():
    """For endpoints anyone may read: a token, a session, or nobody (marked by AnonymousUser)."""

    def anonymous(request):
        return request.user  # AnonymousUser: the permission querysets show only public rows

    return [PersonalAccessToken(), OptionalSession(), anonymous]
