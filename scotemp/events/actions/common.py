"""What the event actions share: the conflict refusal and an event's title in every language."""

from django.core.exceptions import ValidationError

from ..models import Event


def conflict(message: str) -> ValidationError:
    return ValidationError(message, code="conflict")


def event_names(event: Event) -> dict[str, str]:
    """The event's title in every working language (for notices, rendered in the reader's)."""
    return {
        "en": event.title_en or event.title,
        "ru": event.title_ru or event.title_en or event.title,
        "zh-hans": event.title_zh_hans or event.title_en or event.title,
    }
