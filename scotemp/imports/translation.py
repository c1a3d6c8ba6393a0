from modeltranslation.translator import TranslationOptions, register

from .models import ImportRequirement


@register(ImportRequirement)
class ImportRequirementTR(TranslationOptions):
    fields = ("summary", "legal_reference")
