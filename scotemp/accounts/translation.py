from modeltranslation.translator import TranslationOptions, register

from .models import Organization


@register(Organization)
class OrganizationTR(TranslationOptions):
    """Descriptions are written in any subset of the three languages; pages say when they fall back."""

    fields = ("description",)
    fallback_undefined = {"description": ""}
