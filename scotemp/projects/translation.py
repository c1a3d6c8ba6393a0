from modeltranslation.translator import TranslationOptions, register

from .models import Project


@register(Project)
class ProjectTR(TranslationOptions):
    fields = ("title", "summary")
