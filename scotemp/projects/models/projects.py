"""Cooperation projects: a project of an owner organization, the partner organizations that took
part or asked to, and its milestones.

Who sees what: a published project is public; a draft only to the members of its owner organization
and operators (everybody else gets 404). The owner's owners and administrators change it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel, TimeStampedModel
from scotemp.core.permissions import OrgScopedQuerySet

from ..choices import MilestoneStatus, PartnerRole, PartnerStatus, ProjectField, ProjectStage


class ProjectQuerySet(OrgScopedQuerySet):
    pass


class Project(PublicIdModel):
    """A cooperation project (education, industry, …) between organizations of several countries.

    ``title`` and ``summary`` are translated (``title_en``, ``title_ru``, ``title_zh_hans``); the
    untranslated columns hold the first language given. The countries of a project are its owner's
    and its accepted partners' (:meth:`countries`)."""

    org_field = "owner"

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    field = models.CharField(_("field"), max_length=12, choices=ProjectField.choices)
    committee = models.ForeignKey(
        "committees.Committee",
        verbose_name=_("committee"),
        null=True,
        blank=True,
        related_name="projects",
        on_delete=models.SET_NULL,
    )
    owner = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("owner organization"),
        related_name="projects",
        on_delete=models.CASCADE,
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=ProjectStage.choices, default=ProjectStage.IDEA
    )
    value = models.DecimalField(
        _("value"), max_digits=18, decimal_places=2, null=True, blank=True, help_text=_("Empty: not stated.")
    )
    currency = models.ForeignKey(
        "reference.Currency",
        verbose_name=_("currency"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    signed_at = models.ForeignKey(
        "events.Event",
        verbose_name=_("signed at the event"),
        null=True,
        blank=True,
        related_name="signed_projects",
        on_delete=models.SET_NULL,
    )
    stopped_reason = models.TextField(_("reason for stopping"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "id"]
        verbose_name = _("cooperation project")
        verbose_name_plural = _("cooperation projects")
        indexes = [
            models.Index(fields=["published", "stage"]),
            models.Index(fields=["committee", "stage"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0), name="project_value_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(currency__isnull=False),
                name="project_value_has_currency",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.public_id])

    @classmethod
    def public_q(cls):
        return Q(published=True)

    @property
    def is_final(self) -> bool:
        return self.stage in (ProjectStage.COMPLETED, ProjectStage.STOPPED)

    def countries(self, partners=None) -> list[str]:
        """ISO codes of the owner's country and of every accepted partner's, each once, in order.
        ``partners``: the accepted partners already read (saves a query)."""
        if partners is None:
            partners = self.partners.filter(status=PartnerStatus.ACCEPTED).select_related("organization")
        codes = [self.owner.country_id]
        for partner in partners:
            if partner.status == PartnerStatus.ACCEPTED and partner.organization.country_id not in codes:
                codes.append(partner.organization.country_id)
        return codes


class ProjectPartner(PublicIdModel):
    """An organization taking part in a project, or asking to: it expresses interest, the owner
    accepts or declines; either may end it (the partner withdraws)."""

    org_field = "organization"

    project = models.ForeignKey(
        Project, verbose_name=_("project"), related_name="partners", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        related_name="project_partnerships",
        on_delete=models.CASCADE,
    )
    role = models.CharField(
        _("role"), max_length=12, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PartnerStatus.choices, default=PartnerStatus.INTERESTED
    )
    message = models.TextField(_("message"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "created_at", "id"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(fields=["project", "organization"], name="one_partnership_per_project")
        ]

    def __str__(self):
        return f"{self.organization} in {self.project} ({self.status})"


class Milestone(TimeStampedModel):
    """A step of a project's plan. Its title is the author's text in the language they wrote it
    (``language``), as leads are."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), related_name="milestones", on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("written in"), max_length=10, choices=settings.LANGUAGES)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["project", "position", "due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title
