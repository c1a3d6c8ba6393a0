"""The platform's sectoral working committees and the organizations that belong to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import TimeStampedModel
from scotemp.core.permissions import OrgScopedQuerySet, is_operator

from ..choices import CommitteeMembershipStatus


class CommitteeQuerySet(models.QuerySet):
    def managed_by(self, user):
        """Committees whose applications ``user`` decides: the secretary's own, every one for operators."""
        if is_operator(user):
            return self.all()
        if not user or not user.is_authenticated:
            return self.none()
        return self.filter(secretary=user)


class Committee(TimeStampedModel):
    """A sectoral working committee, with its secretary and the HS scope of its trade: whole chapters
    and single headings. A heading is more specific than a chapter: the committee that lists a heading
    is the one suggested for its goods, even when another committee lists the heading's chapter."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    hs_chapters = models.ManyToManyField(
        "reference.HSCode",
        verbose_name=_("HS chapters"),
        blank=True,
        related_name="committees",
        limit_choices_to={"level": 2},
    )
    hs_headings = models.ManyToManyField(
        "reference.HSCode",
        verbose_name=_("HS headings"),
        blank=True,
        related_name="committees_by_heading",
        limit_choices_to={"level": 4},
        help_text=_("Single headings of the committee's trade; they take precedence over whole chapters."),
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("secretary"),
        null=True,
        blank=True,
        related_name="committees_as_secretary",
        on_delete=models.SET_NULL,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    charter = models.TextField(
        _("charter"), blank=True, help_text=_("The committee's mission, tasks and rules of work.")
    )
    activities = models.TextField(
        _("activities"), blank=True, help_text=_("What the committee does, one activity a line.")
    )

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self):
        return self.name

    def activity_lines(self) -> list[str]:
        return [line.strip() for line in (self.activities or "").splitlines() if line.strip()]


class CommitteeMembership(TimeStampedModel):
    """An organization's application to, and membership of, a committee; decided by its secretary."""

    org_field = "organization"

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), related_name="memberships", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        related_name="committee_memberships",
        on_delete=models.CASCADE,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommitteeMembershipStatus.choices,
        default=CommitteeMembershipStatus.PENDING,
    )
    motivation = models.TextField(_("motivation"), blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["committee", "organization"]
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        constraints = [
            models.UniqueConstraint(fields=["committee", "organization"], name="unique_committee_membership")
        ]

    def __str__(self):
        return f"{self.organization} in {self.committee} ({self.status})"
