from modeltranslation.translator import TranslationOptions, register

from .models import Committee


@register(Committee)
class CommitteeTR(TranslationOptions):
    fields = ("name", "description")
