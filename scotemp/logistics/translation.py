from modeltranslation.translator import TranslationOptions, register

from .models import Corridor, Node


@register(Node)
class NodeTR(TranslationOptions):
    fields = ("name",)


@register(Corridor)
class CorridorTR(TranslationOptions):
    fields = ("name",)
