"""``{% main_nav %}``: the site's navigation bar (``includes/nav.html``), rendered once per process for
each language, current section, script prefix and URL configuration, on which alone it depends (its
entries are :data:`~scotemp.core.context_processors.NAV_SECTIONS`). Every page showed it, rendered
again each time: a fifth of a millisecond of every signed-in page."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from scotemp.core.context_processors import navigation

register = template.Library()

_REMEMBERED: dict[tuple, str] = {}


@register.simple_tag(takes_context=True)
def main_nav(context):
    items = list(navigation(context.get("request")))
    current = next((item.key for item in items if item.current), None)
    key = (get_language(), current, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    html = _REMEMBERED.get(key)
    if html is None:
        html = _REMEMBERED[key] = str(render_to_string("includes/nav.html", {"nav_items": items}))
    return mark_safe(html)  # the template's own output, escaped as it rendered
