"""``{{ hs|platform_translation }}``: whether the HS name shown in the active language is the
platform's translation (not the official nomenclature's wording), for a discreet mark next to it."""

from django import template
from django.utils import translation

register = template.Library()


@register.filter
def platform_translation(hs) -> bool:
    if hs is None or not hasattr(hs, "is_platform_translation"):
        return False
    return hs.is_platform_translation(translation.get_language() or "")
