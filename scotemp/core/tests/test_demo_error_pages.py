"""Under `make demo` (SCOTEMP_MODE=demo, as run_demo starts the server) a missing page, a refused one
and an expired form show the site's own translated pages, not Django's technical pages listing every
URL pattern. Run in a fresh process with the demo's environment, as the demo runs."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.test import Client, RequestFactory
from django.utils import translation

out = {"debug": settings.DEBUG, "pages": {}}
for language in ("ru", "zh-hans"):
    missing = Client().get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    expired = Client(enforce_csrf_checks=True).post(
        "/i18n/setlang/", {"language": "en"}, HTTP_ACCEPT_LANGUAGE=language
    )
    request = RequestFactory().get("/deals/", HTTP_ACCEPT_LANGUAGE=language)
    with translation.override(language):
        refused = response_for_exception(request, PermissionDenied())
    out["pages"][language] = {
        name: [response.status_code, response.content.decode()]
        for name, response in (("404", missing), ("403", refused), ("403_csrf", expired))
    }
print(json.dumps(out))
"""

HEADINGS = {
    "404": "Page not found",
    "403": "Access denied",
    "403_csrf": "The form has expired",
}


def test_demo_shows_the_translated_error_pages(tmp_path):
    from django.utils import translation

    env = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SCOTEMP_MODE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(SCOTEMP_MODE="demo", DJANGO_SETTINGS_MODULE="config.settings", SCOTEMP_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["debug"] is False
    for language, pages in out["pages"].items():
        for name, (status, html) in pages.items():
            assert status == int(name[:3]), f"{name} {language}: {status}"
            assert "URLconf" not in html and "DEBUG = True" not in html, f"{name} {language}: debug page"
            with translation.override(language):
                heading = translation.gettext(HEADINGS[name])
            assert heading != HEADINGS[name], f"{HEADINGS[name]!r} has no {language} translation"
            assert f"<h1>{heading}</h1>" in html, f"{name} {language}: not the site's own page"
