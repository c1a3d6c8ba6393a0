"""The security-headers middleware: a Content-Security-Policy and a Permissions-Policy on HTML
responses, a view's own policy respected, nothing added to other responses."""

import pytest
from django.http import HttpResponse, JsonResponse
from django.test import RequestFactory, override_settings

from scotemp.core.middleware import SecurityHeadersMiddleware, build_policy
from tests.csp import inline_code

POLICY = {"default-src": ["'self'"], "img-src": ["'self'", "data:"], "upgrade-insecure-requests": []}


def through_middleware(response, path="/"):
    return SecurityHeadersMiddleware(lambda request: response)(RequestFactory().get(path))


def test_policy_text():
    assert build_policy(POLICY) == "default-src 'self'; img-src 'self' data:; upgrade-insecure-requests"


@override_settings(SECURE_CSP=POLICY, SECURE_PERMISSIONS_POLICY=["camera", "usb"])
def test_html_gets_both_headers_other_responses_none():
    html = through_middleware(HttpResponse("<p>hi</p>"))
    assert html["Content-Security-Policy"] == build_policy(POLICY)
    assert html["Permissions-Policy"] == "camera=(), usb=()"
    data = through_middleware(JsonResponse({"a": 1}))
    assert "Content-Security-Policy" not in data
    pdf = through_middleware(HttpResponse(b"%PDF", content_type="application/pdf"))
    assert "Content-Security-Policy" not in pdf


@override_settings(SECURE_CSP=POLICY)
def test_a_view_may_set_its_own_policy_or_none():
    own = HttpResponse("<p>docs</p>")
    own.csp_policy = {"default-src": ["'none'"]}
    assert through_middleware(own)["Content-Security-Policy"] == "default-src 'none'"
    none = HttpResponse("<p>legacy</p>")
    none.csp_policy = {}
    assert "Content-Security-Policy" not in through_middleware(none)
    preset = HttpResponse("<p>preset</p>", headers={"Content-Security-Policy": "sandbox"})
    assert through_middleware(preset)["Content-Security-Policy"] == "sandbox"


@override_settings(SECURE_CSP=POLICY, SECURE_CSP_PATHS={"/admin/rq/": {"script-src": ["'unsafe-inline'"]}})
def test_a_path_prefix_may_have_its_own_policy():
    assert through_middleware(HttpResponse("x"), "/admin/rq/queues/")["Content-Security-Policy"] == (
        "script-src 'unsafe-inline'"
    )
    assert through_middleware(HttpResponse("x"), "/admin/")["Content-Security-Policy"] == build_policy(POLICY)


def test_only_the_queue_dashboard_allows_inline_code(settings):
    """The one relaxed policy: operator staff's django-rq pages; framing and plugins stay off there."""
    assert list(settings.SECURE_CSP_PATHS) == ["/admin/django_rq/"]
    relaxed = settings.SECURE_CSP_PATHS["/admin/django_rq/"]
    assert relaxed["object-src"] == ["'none'"] and relaxed["frame-ancestors"] == ["'none'"]
    assert "'unsafe-eval'" not in relaxed["script-src"]


def test_the_site_policy_forbids_inline_code_and_framing(settings):
    csp = settings.SECURE_CSP
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in csp[directive] and "'unsafe-eval'" not in csp[directive]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_pages_send_the_policy_and_run_htmx_without_eval(client):
    response = client.get("/")
    assert response["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self';")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"  # the headers sent before stay
    page = response.content.decode()
    assert '"allowEval": false' in page and '"includeIndicatorStyles": false' in page
    assert inline_code(page) == []
    api = client.get("/api/v1/reference/currencies")
    assert "Content-Security-Policy" not in api


@pytest.mark.django_db
def test_django_debug_pages_go_without_a_policy(client, settings):
    """DEBUG (demo mode) shows Django's technical 404 page, all inline styles: no policy for it; the
    site's own pages keep theirs."""
    settings.DEBUG = True
    debug_404 = client.get("/no-such-page/")
    assert debug_404.status_code == 404 and b"DEBUG = True" in debug_404.content
    assert "Content-Security-Policy" not in debug_404
    assert "Content-Security-Policy" in client.get("/")
    settings.DEBUG = False
    assert "Content-Security-Policy" in client.get("/no-such-page/")


def test_inline_code_finder_finds_what_the_policy_blocks():
    """The page sweep (tests/test_csp_pages.py) relies on this finder: it must see each kind."""
    page = """
      <script src="/static/app.js"></script>
      <script type="application/json" id="data">{"a": 1}</script>
      <script>alert(1)</script>
      <a href="javascript:alert(1)">x</a>
      <button onclick="go()">x</button>
      <div style="color: red"></div>
      <style>p { color: red }</style>
      <div hx-on:click="go()"></div>
      <div hx-vals='js:{a: 1}'></div>
      <input hx-trigger="keyup[key=='Enter']">
    """
    problems = inline_code(page)
    assert len(problems) == 8, problems
    assert inline_code('<script src="/a.js" defer></script><p class="x">fine</p>') == []
