from modeltranslation.translator import TranslationOptions, register

from .models import Lead


@register(Lead)
class LeadTR(TranslationOptions):
    """The author writes in one language (Lead.language); the others are optional translations."""

    fields = ("title", "description")
    fallback_undefined = {"title": "", "description": ""}
