"""Coded values of cooperation projects, shared by the domain and the web layers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectField(models.TextChoices):
    EDUCATION = "education", _("Education")
    INDUSTRY = "industry", _("Industry")
    SCIENCE = "science", _("Science and technology")
    CULTURE = "culture", _("Culture")
    TOURISM = "tourism", _("Tourism")
    HEALTH = "health", _("Health")
    AGRICULTURE = "agriculture", _("Agriculture")
    TRADE = "trade", _("Trade and logistics")
    ENERGY = "energy", _("Energy")
    OTHER = "other", _("Other")


class ProjectStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PARTNERS_SOUGHT = "partners_sought", _("Partners sought")
    NEGOTIATING = "negotiating", _("Negotiating")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    IMPLEMENTING = "implementing", _("Implementing")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


# The stages a project may move to from each stage (see actions.projects.change_stage for the rules
# that go with them). Completed and stopped are final.
NEXT_STAGES = {
    ProjectStage.IDEA: (ProjectStage.PARTNERS_SOUGHT, ProjectStage.NEGOTIATING, ProjectStage.STOPPED),
    ProjectStage.PARTNERS_SOUGHT: (
        ProjectStage.NEGOTIATING,
        ProjectStage.AGREEMENT_SIGNED,
        ProjectStage.STOPPED,
    ),
    ProjectStage.NEGOTIATING: (
        ProjectStage.PARTNERS_SOUGHT,
        ProjectStage.AGREEMENT_SIGNED,
        ProjectStage.STOPPED,
    ),
    ProjectStage.AGREEMENT_SIGNED: (ProjectStage.IMPLEMENTING, ProjectStage.STOPPED),
    ProjectStage.IMPLEMENTING: (ProjectStage.COMPLETED, ProjectStage.STOPPED),
    ProjectStage.COMPLETED: (),
    ProjectStage.STOPPED: (),
}
# Signed and running: what the public showcase counts.
SIGNED_STAGES = (ProjectStage.AGREEMENT_SIGNED, ProjectStage.IMPLEMENTING, ProjectStage.COMPLETED)
# Stages in which organizations may still express interest.
OPEN_STAGES = (ProjectStage.PARTNERS_SOUGHT, ProjectStage.NEGOTIATING)
FINAL_STAGES = (ProjectStage.COMPLETED, ProjectStage.STOPPED)


class PartnerRole(models.TextChoices):
    LEAD_PARTNER = "lead_partner", _("Lead partner")
    PARTNER = "partner", _("Partner")
    INVESTOR = "investor", _("Investor")
    ADVISER = "adviser", _("Adviser")
    CONTRACTOR = "contractor", _("Contractor")


class PartnerStatus(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class DocumentVisibility(models.TextChoices):
    PUBLIC = "public", _("Everybody")
    PARTNERS = "partners", _("Partners only")


PARTNER_DECISIONS = ("accept", "decline")
