"""Error pages, the language switcher and the shared layout."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from scotemp.core.context_processors import NAV_SECTIONS

pytestmark = pytest.mark.django_db


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def switcher_action(response) -> str:
    form = re.search(r'<form class="lang-switcher" method="post" action="([^"]+)"', response.content.decode())
    return form.group(1)


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_404_page_in_each_language(client, language):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert html_lang(response) == language
    assert 'class="lang-switcher"' in response.content.decode()


@pytest.mark.urls("scotemp.portal.tests.urls_errors")
def test_403_page(client):
    response = client.get("/test-errors/403/", HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 403
    assert "403.html" in [t.name for t in response.templates]
    assert html_lang(response) == "ru"


@pytest.mark.urls("scotemp.portal.tests.urls_errors")
def test_500_page_renders_without_request_context():
    client = Client(raise_request_exception=False)

    response = client.get("/test-errors/500/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 500
    content = response.content.decode()
    assert html_lang(response) == "zh-hans"
    assert "/static/css/app.css" in content


def test_language_switcher_round_trip(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(response) == "en"
    action = switcher_action(response)

    response = client.post(action, {"language": "ru", "next": "/"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert response.url == "/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(response) == "ru"
    content = response.content.decode()
    assert 'aria-current="true" data-lang="ru"' in content
    # Each language keeps its own name whatever the page language.
    for name in ("中文", "Русский", "English"):
        assert f">{name}</button>" in content

    client.post(action, {"language": "zh-hans", "next": "/"})
    assert html_lang(client.get("/")) == "zh-hans"


def test_language_switcher_saves_the_choice_of_a_signed_in_user(client, aigerim):
    client.force_login(aigerim)
    action = switcher_action(client.get("/"))
    assert action == reverse("accounts:language"), "the switcher posts to accounts:language"

    client.post(action, {"language": "en", "next": "/"})

    aigerim.refresh_from_db()
    assert aigerim.language == "en"
    assert html_lang(client.get("/")) == "en"


def test_switcher_keeps_the_page(client):
    response = client.get("/accounts/login/?next=/x", HTTP_ACCEPT_LANGUAGE="en")
    assert '<input type="hidden" name="next" value="/accounts/login/?next=/x">' in response.content.decode()


def test_sections_not_built_yet_are_marked_soon(client):
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert len(NAV_SECTIONS) == 10
    for section in NAV_SECTIONS:
        try:
            url = reverse(section.url_name)
        except Exception:
            url = None
        if url:
            assert f'href="{url}" data-nav="{section.key}"' in content
        else:
            assert f'<span class="nav-soon" data-nav="{section.key}"' in content
    assert 'href="/" data-nav="home" aria-current="page"' in content


def test_the_navigation_marks_the_current_section_in_the_readers_language(client):
    """The bar is remembered per language and section: each page and language gets its own."""
    seen = {}
    pages = [("/", "home"), ("/leads/", "trade"), ("/directory/", "directory"), ("/", "home")]
    # The HS browser shares the SCO countries' URL namespace but is not that section.
    pages += [("/reference/countries/", "reference"), ("/reference/hs/", None)]
    for path, section in pages:
        for language in ("ru", "zh-hans", "en"):
            content = client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
            nav = re.search(r'<nav class="main-nav".*?</nav>', content, re.S).group(0)
            assert re.findall(r'data-nav="(\w+)" aria-current="page"', nav) == ([section] if section else [])
            seen.setdefault(language, set()).add(re.search(r'data-nav="trade"[^>]*>([^<]+)<', nav).group(1))
    assert [len(labels) for labels in seen.values()] == [1, 1, 1]
    assert len(set().union(*seen.values())) == 3, "the trade section is named in each language"


def test_account_menu_for_a_signed_in_user(client, li_wei, operator):
    client.force_login(li_wei)
    content = client.get("/").content.decode()
    assert "李伟" in content
    assert "重庆粮油食品有限公司" in content
    assert f'action="{reverse("account_logout")}"' in content
    assert reverse("admin:index") not in content
    assert reverse("verification:queue") not in content

    client.force_login(operator)
    content = client.get("/").content.decode()
    assert reverse("admin:index") in content
    # The operator's work queues are one click away.
    assert reverse("verification:queue") in content
    assert reverse("directory:handover_queue") in content


def test_login_page_uses_the_platform_layout(client):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="ru")

    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="card auth-card"' in content
    assert 'class="lang-switcher"' in content
    assert "Войти" in content  # allauth's own Russian catalogue


def test_login_errors_are_shown_with_the_form(client, li_wei):
    response = client.post(
        reverse("account_login"), {"login": li_wei.email, "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="non-field-errors"' in content
    assert "errorlist" in content


def test_static_assets_are_local(client):
    content = client.get("/").content.decode()
    assert "/static/django_htmx/htmx-2.min.js" in content
    assert not re.search(r'(src|href)="(https?:)?//', content.split("<footer")[0])


def test_organization_switcher_in_the_account_menu(client, li_wei, kz_org):
    from tests.factories import MembershipFactory

    MembershipFactory(user=li_wei, organization=kz_org, role="member")
    client.force_login(li_wei)
    content = client.get("/").content.decode()
    active = re.search(r'data-testid="active-organization">([^<]+)<', content).group(1)
    assert active == "重庆粮油食品有限公司"
    assert f'name="organization" value="{kz_org.public_id}"' in content

    response = client.post(
        reverse("accounts:organization_switch"), {"organization": str(kz_org.public_id), "next": "/"}
    )

    assert response.status_code == 302
    content = client.get("/").content.decode()
    assert re.search(r'data-testid="active-organization">([^<]+)<', content).group(1) == kz_org.name


@pytest.mark.parametrize("url_name", ["account_email", "account_change_password", "mfa_index"])
def test_account_management_pages_use_the_manage_layout(client, li_wei, url_name):
    client.force_login(li_wei)

    response = client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="container manage-layout"' in content
    assert 'class="side-nav card"' in content
    assert f'href="{reverse(url_name)}" aria-current="page"' in content
