"""Foreign keys every freight model uses."""

from django.conf import settings
from django.db import models


def _user_fk(verbose_name):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )


def _org_fk(verbose_name, related_name="+"):
    return models.ForeignKey(
        "accounts.Organization",
        verbose_name=verbose_name,
        related_name=related_name,
        on_delete=models.CASCADE,
    )
