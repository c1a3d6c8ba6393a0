"""Security headers that Django 5.2 does not send itself: Content-Security-Policy and Permissions-Policy.

The policy is ``settings.SECURE_CSP``, a mapping of directive to sources in the shape of Django 6.0's
setting of the same name, so that Django's own middleware can take over after an upgrade. Pages of a
third-party app that cannot follow it get theirs from ``settings.SECURE_CSP_PATHS`` (path prefix →
mapping). A view that needs another policy sets ``response.csp_policy`` to its own mapping (``{}``
sends none); a response that already carries the header keeps it. Django's own error pages under
``DEBUG`` (``DEBUG=1`` for a developer's demo, never in production) are built with inline styles and
scripts and go out without a policy.
"""

from django.conf import settings

HTML_TYPES = {"text/html", "application/xhtml+xml"}
# Printed by Django's technical 404 and 500 pages, which only DEBUG shows.
DEBUG_PAGE_MARKER = b"<code>DEBUG = True</code>"


def build_policy(directives: dict[str, list[str]]) -> str:
    """``{"default-src": ["'self'"], "upgrade-insecure-requests": []}`` → the header's text."""
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def build_permissions_policy(features: list[str]) -> str:
    """Each feature turned off for every origin: ``camera=(), microphone=()``."""
    return ", ".join(f"{feature}=()" for feature in features)


def is_html(response) -> bool:
    content_type = response.get("Content-Type", "")
    return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


def is_debug_page(response) -> bool:
    return (
        settings.DEBUG
        and response.status_code >= 400
        and not response.streaming
        and DEBUG_PAGE_MARKER in response.content
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = build_policy(getattr(settings, "SECURE_CSP", {}))
        self.path_policies = [
            (prefix, build_policy(directives))
            for prefix, directives in getattr(settings, "SECURE_CSP_PATHS", {}).items()
        ]
        self.permissions = build_permissions_policy(getattr(settings, "SECURE_PERMISSIONS_POLICY", []))

    def __call__(self, request):
        response = self.get_response(request)
        if not is_html(response) or is_debug_page(response):
            return response
        own = getattr(response, "csp_policy", None)
        policy = self.policy_for(request.path) if own is None else build_policy(own)
        if policy:
            response.headers.setdefault("Content-Security-Policy", policy)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        return response

    def policy_for(self, path: str) -> str:
        for prefix, policy in self.path_policies:
            if path.startswith(prefix):
                return policy
        return self.policy
