"""Every HTML page of the URL map carries the Content-Security-Policy and has nothing the policy
would block (inline script, event handler, javascript: URL, style attribute or element, htmx eval).

The pages and the world they are shown in come from the access matrix, each requested by someone
allowed to see it; allauth's and the admin's pages are found in the URL resolver; the API docs, error
pages and token links are added by hand."""

from django.conf import settings
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

from tests.csp import inline_code
from tests.factories import DEFAULT_PASSWORD
from tests.test_access_matrix import (  # noqa: F401 (world is a fixture)
    ACTION,
    EXEMPT,
    OPERATOR,
    PAGES,
    PUBLIC,
    SECRETARY,
    page_url,
    world,
)

EXTRA_PAGES = [
    "/api/v1/docs",
    "/no-such-page/",
    "/invitations/not-a-real-token/",
    "/accounts/confirm-email/not-a-real-key/",
    "/accounts/password/reset/key/1-not-a-real-key/",
]


def resolver_pages(prefixes):
    """Paths of the named routes under ``prefixes`` that take no argument."""

    def walk(resolver, namespace=None):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                yield from walk(
                    pattern, f"{namespace}:{inner}" if namespace and inner else inner or namespace
                )
            elif pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    for name in walk(get_resolver()):
        try:
            path = reverse(name)
        except NoReverseMatch:
            continue
        if path.startswith(prefixes):
            yield path


def viewer(name, w):
    category = PAGES[name][0]
    if category in {PUBLIC, EXEMPT}:
        return None
    return {OPERATOR: w.operator, SECRETARY: w.secretary}.get(category, w.aigerim)


def sign_in(client, user):
    """Through allauth's form, so that pages asking for a recent sign-in (two-factor set-up) open."""
    client.logout()
    if user is not None:
        response = client.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})
        assert response.status_code == 302, f"{user.email} could not sign in"
        response = client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
        assert response.status_code == 302, f"{user.email} could not confirm the password"


def check(client, path, problems, seen):
    response = client.get(path)
    content_type = response.get("Content-Type", "")
    if response.status_code >= 500:
        problems.append(f"{path}: {response.status_code}")
    if not content_type.startswith("text/html") or response.status_code in {301, 302, 303, 405}:
        return
    seen.add(path)
    policy = response.get("Content-Security-Policy", "")
    if "object-src 'none'" not in policy or "frame-ancestors 'none'" not in policy:
        problems.append(f"{path}: policy {policy!r}")
    if path.startswith(tuple(settings.SECURE_CSP_PATHS)):
        return  # a third-party page with a policy of its own (checked in scotemp/core/tests/test_csp.py)
    if "script-src 'self';" not in policy or "'unsafe-inline'" in policy:
        problems.append(f"{path}: policy {policy!r}")
    problems.extend(f"{path}: {problem}" for problem in inline_code(response.content.decode()))


def test_every_html_page_sends_the_policy_and_no_inline_code(client, world):  # noqa: F811
    w = world
    problems, seen = [], set()
    by_viewer = {}
    for name, (category, _builder) in PAGES.items():
        if category == ACTION or name == "accounts:invitation":
            continue  # POST-only actions; the invitation link is checked below with a made-up token
        by_viewer.setdefault(viewer(name, w), []).append(page_url(name, w))
    for user, paths in by_viewer.items():
        sign_in(client, user)
        for path in paths:
            check(client, path, problems, seen)

    allauth_pages = sorted(set(resolver_pages(("/accounts/",))))
    admin_pages = sorted(set(resolver_pages(("/admin/",))))
    for user in (None, w.aigerim):
        sign_in(client, user)
        for path in allauth_pages + EXTRA_PAGES:
            check(client, path, problems, seen)
    sign_in(client, w.operator)
    admin_pages.append(reverse("admin:accounts_user_change", args=[w.aigerim.pk]))
    for path in admin_pages:
        check(client, path, problems, seen)

    assert problems == []
    # The sweep reached the pages it is meant for (a broken sign-in would leave only redirects).
    for path in (
        "/",
        "/api/v1/docs",
        "/no-such-page/",
        reverse("mfa_activate_totp"),
        reverse("deals:report"),
    ):
        assert path in seen, f"{path} was not checked"
    assert len(seen) > 60, len(seen)
