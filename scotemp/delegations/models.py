"""Delegations and visits: a delegation going to Chongqing (inbound) or from Chongqing (outbound),
its member organizations, its programme day by day and what came of it.

Who sees what: a published delegation is public; an unpublished one only its organizers (the
operator, and the secretary of its committee) and its member organizations. The members-only note is
read by the organizers and the member organizations alone."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel, TimeStampedModel
from scotemp.core.permissions import OrgScopedQuerySet

from .choices import DelegationStatus, Direction, MemberRole, MemberStatus, OutcomeKind, ProgrammeKind


def _user_fk(label, related_name="+"):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        related_name=related_name,
        on_delete=models.SET_NULL,
    )


class Delegation(PublicIdModel):
    """A visit of several organizations, led by a head of delegation. ``country`` is where an inbound
    delegation comes from, or where an outbound one goes; ``cities`` the places it visits."""

    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=DelegationStatus.choices, default=DelegationStatus.PLANNED
    )
    published = models.BooleanField(_("published"), default=False)
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    country = models.ForeignKey(
        "reference.Country", verbose_name=_("country"), related_name="+", on_delete=models.PROTECT
    )
    cities = models.ManyToManyField(
        "reference.Location", verbose_name=_("cities visited"), blank=True, related_name="+"
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    committee = models.ForeignKey(
        "committees.Committee",
        verbose_name=_("committee"),
        null=True,
        blank=True,
        related_name="delegations",
        on_delete=models.PROTECT,
    )
    head_name = models.CharField(_("head of delegation"), max_length=200, blank=True)
    head_title = models.CharField(_("position of the head"), max_length=200, blank=True)
    members_note = models.TextField(
        _("note for the members"),
        blank=True,
        help_text=_(
            "Seen only by the organizers and the member organizations: contacts, logistics, dress code."
        ),
    )
    cancelled_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = _user_fk(_("created by"))

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        indexes = [models.Index(fields=["published", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="delegation_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("delegations:detail", args=[self.public_id])


class DelegationMember(TimeStampedModel):
    """An organization taking part in a delegation: added by the organizer, or asking to join a
    published planned delegation and accepted by the organizer."""

    org_field = "organization"

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), related_name="members", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        related_name="delegation_memberships",
        on_delete=models.CASCADE,
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.PARTICIPANT
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACCEPTED
    )
    participants = models.CharField(
        _("participants"), max_length=100, blank=True, help_text=_("How many people come, e.g. “3 people”.")
    )
    note = models.TextField(_("note to the organizer"), blank=True)
    requested_by = _user_fk(_("asked by"))
    decided_by = _user_fk(_("accepted by"))
    decided_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["delegation", "role", "organization__name"]
        verbose_name = _("member organization")
        verbose_name_plural = _("member organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "organization"], name="one_membership_per_delegation"
            )
        ]

    def __str__(self):
        return f"{self.organization} in {self.delegation}"


class ProgrammeItem(TimeStampedModel):
    """One item of the programme: a meeting, a site visit, a forum, a signing. Times are local times of
    the place (the delegation is there)."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), related_name="programme", on_delete=models.CASCADE
    )
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("starts"), null=True, blank=True)
    ends_at = models.TimeField(_("ends"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ProgrammeKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    city = models.ForeignKey(
        "reference.Location",
        verbose_name=_("city"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    host = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("host organization"),
        null=True,
        blank=True,
        related_name="delegation_programme_items",
        on_delete=models.SET_NULL,
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        related_name="delegation_programme_items",
        on_delete=models.SET_NULL,
    )

    class Meta:
        ordering = ["delegation", "day", "starts_at", "id"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self):
        return self.title


class Outcome(TimeStampedModel):
    """What came of a delegation: an agreement, a memorandum, an RFQ, a deal, a project, a follow-up.
    The links to the request for quotation, the deal and the cooperation project are optional; the
    organizations involved are named."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), related_name="outcomes", on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind"), max_length=12, choices=OutcomeKind.choices)
    note = models.TextField(_("note"), blank=True)
    rfq = models.ForeignKey(
        "deals.Rfq",
        verbose_name=_("request for quotation"),
        null=True,
        blank=True,
        related_name="delegation_outcomes",
        on_delete=models.SET_NULL,
    )
    deal = models.ForeignKey(
        "deals.Deal",
        verbose_name=_("deal"),
        null=True,
        blank=True,
        related_name="delegation_outcomes",
        on_delete=models.SET_NULL,
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("cooperation project"),
        null=True,
        blank=True,
        related_name="delegation_outcomes",
        on_delete=models.SET_NULL,
    )
    organizations = models.ManyToManyField(
        "accounts.Organization",
        verbose_name=_("organizations involved"),
        blank=True,
        related_name="delegation_outcomes",
    )
    recorded_by = _user_fk(_("recorded by"))

    class Meta:
        ordering = ["delegation", "created_at", "id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.delegation}"
