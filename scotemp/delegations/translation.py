from modeltranslation.translator import TranslationOptions, register

from .models import Delegation, Outcome, ProgrammeItem


@register(Delegation)
class DelegationTR(TranslationOptions):
    fields = ("title", "purpose", "head_title")


@register(ProgrammeItem)
class ProgrammeItemTR(TranslationOptions):
    fields = ("title", "description", "venue")


@register(Outcome)
class OutcomeTR(TranslationOptions):
    fields = ("note",)
