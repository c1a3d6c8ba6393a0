"""A remembered URL is the one ``reverse`` gives now: the script prefix and the URL configuration are
part of its key."""

import uuid

from django.test import override_settings
from django.urls import clear_url_caches, reverse, set_script_prefix

from scotemp.core.links import link


def test_link_is_reverse():
    public_id = uuid.uuid4()
    assert link("trade:lead_detail", public_id) == reverse("trade:lead_detail", args=[public_id])
    assert link("trade:match_decide", 7, "bookmark") == reverse("trade:match_decide", args=[7, "bookmark"])


def test_link_follows_the_script_prefix():
    public_id = uuid.uuid4()
    plain = link("trade:lead_detail", public_id)
    try:
        set_script_prefix("/platform/")
        prefixed = link("trade:lead_detail", public_id)
    finally:
        set_script_prefix("/")
    assert prefixed == "/platform" + plain
    assert link("trade:lead_detail", public_id) == plain


@override_settings(ROOT_URLCONF="scotemp.core.tests.urls_without_trade")
def test_link_follows_the_url_configuration():
    clear_url_caches()
    try:
        assert link("home") == "/elsewhere/"
    finally:
        clear_url_caches()
