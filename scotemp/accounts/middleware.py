"""Language remembered for signed-in users, and the active organization on every request."""

from django.conf import settings
from django.utils import translation


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over Accept-Language and the cookie.

    Runs after LocaleMiddleware (which needs the session) and after authentication."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        user = getattr(request, "user", None)
        lang = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if lang in self.codes and lang != translation.get_language():
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        return self.get_response(request)


class ActiveOrganizationMiddleware:
    """Sets ``request.active_organization``: the user's chosen organization if they still belong to it,
    otherwise their first one. API tokens override it with the token's organization. For a signed-in
    user, ``request.user_memberships`` holds their memberships (None for a token)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.active_organization = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            from scotemp.core.permissions import remember_memberships

            from .queries import memberships_and_active

            # The memberships come along (same query): the account menu of every page lists them.
            request.user_memberships, request.active_organization = memberships_and_active(user)
            if request.user_memberships is not None:
                remember_memberships(user, request.user_memberships)
        return self.get_response(request)


class OperatorMFAMiddleware:
    """Operator staff must have a TOTP authenticator before using the platform.

    A signed-in operator without an active TOTP authenticator is redirected to allauth's activation
    page for every page except the account, MFA, logout, language and static URLs (the API answers 403
    instead of a redirect). Controlled by ``SCOTEMP_REQUIRE_OPERATOR_MFA`` (on in production; off by
    default in demo and test mode, where the tests switch it on to check the redirect)."""

    EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/language/", "/favicon.ico", "/robots.txt")

    def __init__(self, get_response):
        self.get_response = get_response

    def _exempt(self, path: str) -> bool:
        prefixes = [*self.EXEMPT_PREFIXES, settings.STATIC_URL or "/static/"]
        if getattr(settings, "MEDIA_URL", ""):
            prefixes.append(settings.MEDIA_URL)
        return any(path.startswith(p) for p in prefixes if p and p != "/")

    def __call__(self, request):
        if getattr(settings, "SCOTEMP_REQUIRE_OPERATOR_MFA", True) and not self._exempt(request.path_info):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and getattr(user, "is_operator", False):
                from allauth.mfa.models import Authenticator
                from allauth.mfa.utils import is_mfa_enabled

                if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
                    return self._refuse(request)
        return self.get_response(request)

    def _refuse(self, request):
        from django.http import JsonResponse
        from django.shortcuts import redirect
        from django.utils.translation import gettext as _

        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Operator staff must activate two-factor authentication (TOTP) first.")},
                status=403,
                json_dumps_params={"ensure_ascii": False},
            )
        return redirect("mfa_activate_totp")
