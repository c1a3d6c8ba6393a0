"""A committee's workspace: its officers, its work plan and its yearly KPI targets. The secretary (or an
operator) changes them through :mod:`scotemp.committees.actions.workspace`; everybody reads them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import TimeStampedModel

from ..choices import KpiMetric, OfficerRole, WorkItemStatus


class CommitteeOfficer(TimeStampedModel):
    """A person holding a role in the committee beside its secretary (chair, deputy, officer)."""

    committee = models.ForeignKey(
        "committees.Committee", verbose_name=_("committee"), related_name="officers", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), related_name="+", on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=10, choices=OfficerRole.choices)
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("E.g. the organization."))

    class Meta:
        ordering = ["committee", "role", "id"]
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        constraints = [models.UniqueConstraint(fields=["committee", "user"], name="unique_committee_officer")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class WorkPlanItem(TimeStampedModel):
    """One task of the committee's work plan for a year: owned by a person or a member organization."""

    committee = models.ForeignKey(
        "committees.Committee",
        verbose_name=_("committee"),
        related_name="plan_items",
        on_delete=models.CASCADE,
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    title = models.CharField(_("task"), max_length=300)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (person)"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    owner_organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("owner (organization)"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=WorkItemStatus.choices, default=WorkItemStatus.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["committee", "year", "due_date", "id"]
        verbose_name = _("work plan item")
        verbose_name_plural = _("work plan items")

    def __str__(self):
        return self.title

    @property
    def owner_name(self) -> str:
        if self.owner_organization_id:
            return self.owner_organization.name
        if self.owner_user_id:
            return self.owner_user.display_name
        return ""


class KpiTarget(TimeStampedModel):
    """The secretary's target for one metric in one year."""

    committee = models.ForeignKey(
        "committees.Committee",
        verbose_name=_("committee"),
        related_name="kpi_targets",
        on_delete=models.CASCADE,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    metric = models.CharField(_("indicator"), max_length=20, choices=KpiMetric.choices)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["committee", "year", "metric"]
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        constraints = [
            models.UniqueConstraint(fields=["committee", "year", "metric"], name="unique_kpi_target"),
            models.CheckConstraint(condition=Q(target__gte=0), name="kpi_target_not_negative"),
        ]

    def __str__(self):
        return f"{self.committee_id} {self.year} {self.metric}: {self.target}"
