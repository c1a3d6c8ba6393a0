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
    otherwise their first one. API tokens override it with the token's organization."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.active_organization = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            from .queries import active_organization_for

            request.active_organization = active_organization_for(user)
        return self.get_response(request)
