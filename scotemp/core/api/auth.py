"""API authentication: the browser session (with CSRF) or a personal access token.

A token acts as its user for the token's organization and for nothing else: the request's user is
bound to that organization (:func:`scotemp.core.permissions.bind_organization`), so the permission
querysets, ``parties_of`` and every action see only that organization, never the user's others and
never operator powers. A read-only token may only read (GET, HEAD, OPTIONS); anything else is 403.

Tokens are stored by the accounts app; ``settings.SCOTEMP_TOKEN_RESOLVER`` names the function that
turns a presented secret into a :class:`ResolvedToken` (or ``None``), so this module imports no app.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from scotemp.core.permissions import bind_organization

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
READ, WRITE = "read", "write"


@dataclass(frozen=True)
class ResolvedToken:
    user: object
    organization: object
    scope: str  # READ or WRITE
    token: object  # the stored token row


def _resolver():
    return import_string(settings.SCOTEMP_TOKEN_RESOLVER)


class PersonalAccessToken(HttpBearer):
    openapi_description = (
        "Personal access token from Settings → API tokens (Authorization: Bearer sco_…). It acts for the "
        "one organization it was issued for; a read-only token may only send GET requests."
    )

    def authenticate(self, request, token):
        resolved = _resolver()(token) if token else None
        if resolved is None:
            return None
        if resolved.scope != WRITE and request.method not in SAFE_METHODS:
            raise HttpError(403, _("This API token may only read. Create a token with write access."))
        user = resolved.user
        bind_organization(user, resolved.organization.pk)
        request.user = user
        request.active_organization = resolved.organization
        request.api_token = resolved.token
        return user


class OptionalSession(SessionAuth):
    """Session auth that lets anonymous requests through for public endpoints (they see public rows)."""

    def authenticate(self, request, key):
        return request.user if request.user.is_authenticated else None


def auth_methods():
    """For endpoints that need a signed-in caller: a token or a session."""
    return [PersonalAccessToken(), SessionAuth()]


def _anonymous(request):
    return request.user  # AnonymousUser: the permission querysets show only public rows


def public_auth():
    """For endpoints anyone may read: a token, a session, or nobody (marked by AnonymousUser)."""
    return [PersonalAccessToken(), OptionalSession(), _anonymous]
