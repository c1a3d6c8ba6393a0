"""Committee news: posts in up to three languages (modeltranslation columns of ``title`` and ``body``;
``language`` is the one the author wrote first), published by the operator after review."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel

from ..choices import NewsStatus


class NewsPost(PublicIdModel):
    committee = models.ForeignKey(
        "committees.Committee", verbose_name=_("committee"), related_name="news", on_delete=models.CASCADE
    )
    language = models.CharField(_("written in"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=NewsStatus.choices, default=NewsStatus.DRAFT, db_index=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    return_reason = models.TextField(_("reason for sending back"), blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        indexes = [
            models.Index(fields=["committee", "status", "-published_at"], name="news_committee_status")
        ]

    def __str__(self):
        return self.title

    def shown_language(self) -> str:
        """The language its title is read in now: the reader's if written in it, else the first of the
        fallback languages (MODELTRANSLATION_FALLBACK_LANGUAGES) it was written in."""
        suffixes = {"en": "en", "ru": "ru", "zh-hans": "zh_hans"}
        for code in (get_language() or "", "en", "ru", "zh-hans"):
            if code in suffixes and getattr(self, f"title_{suffixes[code]}", None):
                return code
        return self.language

    def get_absolute_url(self):
        return reverse("committees:news", args=[self.committee.slug, self.public_id])
