"""``{% translate %}`` of a constant message and ``{% static %}`` URLs, remembered per process: the
same output as Django's own tag and storage, in every language and on every render."""

import json

import pytest
from django.template import Context, Engine, Template
from django.test import override_settings
from django.utils import translation

from scotemp.core.staticfiles import StaticFilesStorage
from scotemp.core.templatetags.remembered_i18n import RememberedTranslateNode

SOURCE = (
    "{% load i18n %}"
    '{% translate "Deals" %}|{% trans "Sign out" %}|{% translate "Menu" as menu %}[{{ menu }}]'
    '|{% translate "Deals" noop %}|{% translate message %}|{% translate "Deals"|upper %}'
    '|{% translate "May" context "month name" %}|{% translate "Tom & Jerry <b>" %}'
    '|{% autoescape off %}{% translate "Tom & Jerry <b>" %}{% endautoescape %}'
)


def test_the_projects_templates_load_the_remembered_library():
    template = Template('{% load i18n %}{% translate "Deals" %}')
    assert type(template.nodelist[-1]) is RememberedTranslateNode


@pytest.mark.parametrize("language", ["zh-hans", "ru", "en"])
def test_remembered_translations_are_djangos(language):
    ours = Template(SOURCE)
    # Django's own i18n library, nothing remembered
    django_own = Engine(libraries={"i18n": "django.templatetags.i18n"}).from_string(SOURCE)
    context = {"message": "Deals"}
    with translation.override(language):
        expected = django_own.render(Context(context))
        for _round in range(2):  # rendered, then remembered
            assert ours.render(Context(context)) == expected
    if language != "en":
        assert expected.split("|")[0] != "Deals", "the message has a translation to compare"


def test_a_remembered_translation_follows_the_active_language():
    template = Template('{% load i18n %}{% translate "Deals" %}')
    found = set()
    for language in ("zh-hans", "ru", "en", "ru"):
        with translation.override(language):
            found.add((language, template.render(Context())))
    assert len(found) == 3 and len({text for _language, text in found}) == 3


def _storage(tmp_path) -> StaticFilesStorage:
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"css/app.css": "css/app.0123abcd.css"}, "hash": "x"})
    )
    return StaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_static_urls_are_the_manifests_and_remembered(tmp_path):
    storage = _storage(tmp_path)
    assert storage.url("css/app.css") == "/static/css/app.0123abcd.css"
    storage.hashed_files = {}  # the manifest is no longer read: the URL is the remembered one
    assert storage.url("css/app.css") == "/static/css/app.0123abcd.css"
    with pytest.raises(ValueError):  # not in the manifest: an error, not remembered
        storage.url("css/missing.css")
    assert "css/missing.css" not in storage._urls


@override_settings(DEBUG=True)
def test_static_urls_in_debug_are_unhashed(tmp_path):
    assert _storage(tmp_path).url("css/app.css") == "/static/css/app.css"


def test_the_template_check_warns_of_every_other_library_claimed_twice():
    from django.template import engines

    from scotemp.core.templates import DjangoTemplates

    assert [w.id for engine in engines.all() for w in engine.check()] == []
    other = DjangoTemplates(
        {
            "NAME": "other",
            "DIRS": [],
            "APP_DIRS": False,
            "OPTIONS": {
                "libraries": {
                    "i18n": "scotemp.core.templatetags.remembered_i18n",
                    "static": "scotemp.core.templatetags.remembered_i18n",
                }
            },
        }
    )
    warned = [w.msg for w in other.check() if w.id == "templates.W003"]
    assert len(warned) == 1 and warned[0].startswith("'static'")
