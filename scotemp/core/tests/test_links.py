"""A remembered URL is the one ``reverse`` gives now: the script prefix and the URL configuration are
part of its key."""

import uuid

import pytest
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


def test_every_templates_url_tag_is_remembered_and_writes_what_django_writes():
    from django.template import Context, Template, TemplateSyntaxError
    from django.template.defaulttags import URLNode
    from django.urls import NoReverseMatch

    from scotemp.core.links import RememberedURLNode

    public_id = uuid.uuid4()
    source = (
        "{% url 'trade:list' %}|{% url 'trade:lead_detail' lead %}"
        "|{% url 'trade:lead_detail' public_id=lead %}|{% url 'trade:match_decide' 7 'bookmark' %}"
        "|{% url name lead as saved %}[{{ saved }}]"
        "|{% url 'no:such' as missing %}[{{ missing }}]|{% url 'trade:lead_detail' text %}"
    )
    template = Template(source)
    assert all(type(node) is RememberedURLNode for node in template.nodelist if isinstance(node, URLNode))
    values = {"lead": public_id, "name": "trade:lead_detail", "text": f"{public_id}"}
    detail = reverse("trade:lead_detail", args=[public_id])
    expected = [
        reverse("trade:list"),
        detail,
        detail,
        reverse("trade:match_decide", args=[7, "bookmark"]),
        f"[{detail}]",
        "[]",
        detail,
    ]
    for _round in range(2):  # reversed, then remembered
        assert template.render(Context(values)).split("|") == expected
    with pytest.raises(NoReverseMatch):
        Template("{% url 'no:such' %}").render(Context())
    with pytest.raises(TemplateSyntaxError):
        Template("{% url %}")
    # A value that is not text, a number or a UUID takes Django's own path.
    escaped = Template("{% url 'trade:lead_detail' lead %}").render(Context({"lead": _Id(public_id)}))
    assert escaped == detail


class _Id:
    def __init__(self, value):
        self.value = value

    def __str__(self):
        return str(self.value)
