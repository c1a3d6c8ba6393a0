from modeltranslation.translator import TranslationOptions, register

from .models import Committee, NewsPost


@register(Committee)
class CommitteeTR(TranslationOptions):
    fields = ("name", "description", "charter", "activities")


@register(NewsPost)
class NewsPostTR(TranslationOptions):
    fields = ("title", "body")
