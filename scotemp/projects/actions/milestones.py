"""A project's milestones: the owner adds them (the title in the language it is written in) and
marks them done or cancelled."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import announce

from ..choices import MilestoneStatus
from ..models import Milestone
from .common import conflict, managed

TITLE_MAX = 200
MAX_MILESTONES = 100
LANGUAGES = {code for code, _name in settings.LANGUAGES}


@transaction.atomic
def add_milestone(user, public_id, *, title: str, language: str, due_on: datetime.date | None = None):
    project = managed(user, public_id)
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = [_("Title: say what is to be done.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("Title: use at most %(max)d characters.") % {"max": TITLE_MAX}]
    if language not in LANGUAGES:
        errors["language"] = [_("Language: choose the language the title is written in.")]
    if errors:
        raise ValidationError(errors, code="invalid")
    if project.is_final:
        raise conflict(_("This project is completed or stopped; its plan can no longer change."))
    existing = project.milestones.aggregate(n=Max("position"))["n"]
    if project.milestones.count() >= MAX_MILESTONES:
        raise ValidationError(
            {"title": [_("A project has at most %(count)d milestones.") % {"count": MAX_MILESTONES}]},
            code="limit",
        )
    milestone = Milestone.objects.create(
        project=project,
        title=title,
        language=language,
        due_on=due_on,
        position=(existing or 0) + 1,
    )
    announce(
        "project.milestone_added",
        subject=milestone,
        actor=user,
        organization=project.owner_id,
        to_status=milestone.status,
        data={"project": str(project.public_id)},
    )
    return milestone


@transaction.atomic
def set_milestone_status(user, public_id, milestone_id: int, status: str, *, done_on=None) -> Milestone:
    """Mark a milestone in progress, done (on ``done_on``, today by default) or cancelled."""
    project = managed(user, public_id)
    milestone = get_object_or_404(Milestone.objects.select_for_update(), project=project, pk=milestone_id)
    if status not in MilestoneStatus.values:
        raise ValidationError({"status": [_("Status: choose one of the statuses listed.")]}, code="invalid")
    if done_on is not None and done_on > timezone.localdate():
        raise ValidationError({"done_on": [_("Done on: the date cannot be in the future.")]}, code="invalid")
    if milestone.status == status:
        return milestone
    before = milestone.status
    milestone.status = status
    milestone.done_on = (done_on or timezone.localdate()) if status == MilestoneStatus.DONE else None
    milestone.save(update_fields=["status", "done_on", "updated_at"])
    announce(
        "project.milestone_status",
        subject=milestone,
        actor=user,
        organization=project.owner_id,
        from_status=before,
        to_status=status,
        data={"project": str(project.public_id)},
    )
    return milestone
