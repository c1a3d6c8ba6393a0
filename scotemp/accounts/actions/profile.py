"""The user's own settings: name and preferred language."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import User

# --- the user's own settings -------------------------------------------------------------------------


@transaction.atomic
def set_language(user: User, language: str) -> None:
    """Save the user's preferred language (one of settings.LANGUAGES)."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": [_("Choose one of the offered languages.")]})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def update_profile(user: User, *, full_name: str, language: str) -> User:
    """Save the user's name and preferred language."""
    set_language(user, language)
    user.full_name = full_name.strip()
    user.save(update_fields=["full_name"])
    return user
