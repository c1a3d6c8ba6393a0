"""Abstract building blocks shared by every domain app. Imports no domain app."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Records when a row was created and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PublicIdModel(TimeStampedModel):
    """A row with an unguessable public identifier for URLs and the API; the integer key stays internal."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class IdempotencyRecord(models.Model):
    """The first response to an API POST that carried an ``Idempotency-Key`` header.

    ``scope`` identifies the caller (a user, or the hash of an API token) so two callers never share
    keys; ``fingerprint`` is a hash of method, path and body. ``status_code`` is null while the first
    request is still running. Records older than a day are deleted by ``purge_idempotency_keys``."""

    scope = models.CharField(max_length=80)
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "accounts_idempotencyrecord"
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="unique_idempotency_key")]

    def __str__(self):
        return self.key


class AuditEntry(models.Model):
    """One row per change announced by an action (:func:`scotemp.core.effects.announce`): what
    happened to which object, who did it for which organization, from which status to which, and why.
    Rows are only ever added."""

    at = models.DateTimeField(_("when"), db_index=True)
    verb = models.CharField(_("event"), max_length=60)
    subject_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, related_name="+", on_delete=models.SET_NULL
    )
    subject_id = models.BigIntegerField(null=True)
    subject_repr = models.CharField(_("object"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("for"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    reason = models.CharField(_("why"), max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "at"], name="audit_subject_idx"),
            models.Index(fields=["organization", "at"], name="audit_org_idx"),
        ]

    def __str__(self):
        return f"{self.verb} {self.subject_repr} {self.from_status}→{self.to_status}"


def held_upload_path(instance, filename):
    return f"held/{instance.pk}"


class HeldUpload(models.Model):
    """A file a user chose in a form that came back with errors, kept so that they need not choose
    it again (:mod:`scotemp.core.uploads`). Only its owner can use it, for a day; then
    ``purge_held_uploads`` deletes the row and the file."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    file = models.FileField(upload_to=held_upload_path, max_length=200)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.original_name
