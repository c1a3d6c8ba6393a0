"""Organization profiles for the public directory, their products and certifications, the search
index and the organizations' inboxes.

The identity of an organization (legal name, Latin name, trading names, country, registration
identifier, description in three languages) lives on ``accounts.Organization``; this app adds what
a counterpart abroad needs to trust and find it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel, TimeStampedModel
from scotemp.core.permissions import OrgScopedQuerySet

from .choices import (
    Activity,
    CertificationScheme,
    HandoverStatus,
    StaffRange,
    TradeDirection,
    VerificationStatus,
)


def current_year() -> int:
    """The latest year an organization can have been founded in: this one."""
    return timezone.localdate().year


class OrganizationProfile(TimeStampedModel):
    """The directory profile of one organization; created with the organization's first edit."""

    org_field = "organization"

    organization = models.OneToOneField(
        "accounts.Organization",
        verbose_name=_("organization"),
        related_name="profile",
        on_delete=models.CASCADE,
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(current_year)],
    )
    staff_range = models.CharField(_("staff"), max_length=10, choices=StaffRange.choices, blank=True)
    verification_status = models.CharField(
        _("verification"),
        max_length=12,
        choices=VerificationStatus.choices,
        default=VerificationStatus.UNVERIFIED,
        db_index=True,
    )
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True)
    verified_until = models.DateField(_("verified until"), null=True, blank=True, db_index=True)
    expiry_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Normalized text of every searchable field (case-folded, NFKC), for exact substring checks.
    search_text = models.TextField(blank=True, editable=False)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization profile")
        verbose_name_plural = _("organization profiles")
        # Covers the directory's joins from an organization to its profile id and verification
        # (filters, sorting, counts) without reading the wide profile row (search_text).
        indexes = [
            models.Index(
                fields=["organization", "verification_status", "verified_at"],
                include=["id"],  # PostgreSQL; SQLite indexes carry the rowid anyway
                name="dir_profile_verif_idx",
            )
        ]

    def __str__(self):
        return str(self.organization)

    @property
    def is_verified(self) -> bool:
        return self.verification_status == VerificationStatus.VERIFIED

    @classmethod
    def public_q(cls):
        return models.Q(pk__isnull=False)


class ProfileActivity(models.Model):
    """One thing an organization does (exporter, forwarder, bank, …)."""

    org_field = "profile__organization"

    profile = models.ForeignKey(OrganizationProfile, related_name="activities", on_delete=models.CASCADE)
    activity = models.CharField(_("activity"), max_length=20, choices=Activity.choices, db_index=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(fields=["profile", "activity"], name="unique_profile_activity")
        ]

    def __str__(self):
        return self.get_activity_display()


class ProfileProduct(models.Model):
    """An HS heading the organization exports or imports."""

    org_field = "profile__organization"

    profile = models.ForeignKey(OrganizationProfile, related_name="products", on_delete=models.CASCADE)
    hs_code = models.ForeignKey(
        "reference.HSCode", verbose_name=_("HS heading"), related_name="+", on_delete=models.PROTECT
    )
    direction = models.CharField(_("direction"), max_length=6, choices=TradeDirection.choices)

    class Meta:
        verbose_name = _("traded product")
        verbose_name_plural = _("traded products")
        constraints = [
            models.UniqueConstraint(fields=["profile", "hs_code", "direction"], name="unique_profile_product")
        ]
        indexes = [models.Index(fields=["hs_code", "direction"])]

    def __str__(self):
        return f"{self.direction} {self.hs_code_id}"


class Certification(TimeStampedModel):
    """A certificate the organization holds, with its validity."""

    org_field = "profile__organization"

    profile = models.ForeignKey(OrganizationProfile, related_name="certifications", on_delete=models.CASCADE)
    scheme = models.CharField(_("certification"), max_length=12, choices=CertificationScheme.choices)
    number = models.CharField(_("certificate number"), max_length=80, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["scheme"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self):
        return self.get_scheme_display()


class SearchToken(models.Model):
    """The directory's inverted index: one row per (organization, token). Tokens are case-folded
    words of Latin/Cyrillic/other scripts and character bigrams of CJK runs, so a 2-character
    Chinese query and a Russian word in any letter case find the same rows on SQLite and PostgreSQL."""

    organization = models.ForeignKey(
        "accounts.Organization", related_name="search_tokens", on_delete=models.CASCADE
    )
    token = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["token", "organization"], name="dir_token_org_idx")]
        constraints = [models.UniqueConstraint(fields=["organization", "token"], name="unique_org_token")]

    def __str__(self):
        return self.token


class HandoverRequest(PublicIdModel):
    """A request to the operator to hand an existing profile (same registration identifier) over to
    the requesting user, e.g. when a former employee registered the company."""

    org_field = "organization"

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        related_name="handover_requests",
        on_delete=models.CASCADE,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), related_name="+", on_delete=models.CASCADE
    )
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("profile handover request")
        verbose_name_plural = _("profile handover requests")

    def __str__(self):
        return f"{self.requested_by} → {self.organization}"


class InboxMessage(PublicIdModel):
    """A message sent to an organization through its public contact form; lands in its inbox."""

    org_field = "organization"

    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("to"), related_name="inbox", on_delete=models.CASCADE
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    sender_organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("sender's organization"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    read_at = models.DateTimeField(_("read on"), null=True, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inbox message")
        verbose_name_plural = _("inbox messages")

    def __str__(self):
        return self.subject
