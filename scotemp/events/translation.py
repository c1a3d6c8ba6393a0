from modeltranslation.translator import TranslationOptions, register

from .models import Event, EventSession


@register(Event)
class EventTR(TranslationOptions):
    fields = ("title", "description", "venue")


@register(EventSession)
class EventSessionTR(TranslationOptions):
    fields = ("title", "description")
