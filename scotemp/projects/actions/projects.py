"""Writes of projects: create, edit, publish, change the stage.

Rules of the stages (``choices.NEXT_STAGES`` lists the moves allowed from each stage):

- negotiating needs at least one accepted partner;
- agreement signed needs at least one accepted partner, organizations from at least two countries
  among the owner and its accepted partners (a cooperation project of one country is not one), and
  a signing date not in the future; the event where it was signed is optional and must be published;
- stopped needs a reason; completed and stopped are final;
- a published project stays published whatever its stage (a stopped project remains on record).

Only owners and administrators of the owner organization (and operators) write; each change runs in
one transaction and is announced once. Partners are told of every change of stage."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce, per_language
from scotemp.core.permissions import ADMIN, is_member

from ..choices import NEXT_STAGES, PartnerStatus, ProjectField, ProjectStage
from ..models import Project
from .common import conflict, managed, project_names

LANGS = ("en", "ru", "zh_hans")
TRANSLATED = ("title", "summary")
FIELDS = (
    "field",
    "committee",
    "value",
    "currency",
    *(f"{name}_{code}" for name in TRANSLATED for code in LANGS),
)
TITLE_MAX = 200
SUMMARY_MAX = 5000
VALUE_MAX = 10**15


def _first(values: dict, prefix: str) -> str:
    return next(
        (values[f"{prefix}_{c}"].strip() for c in LANGS if (values.get(f"{prefix}_{c}") or "").strip()), ""
    )


def _check(values: dict) -> None:
    errors: dict[str, list[str]] = {}
    if not _first(values, "title"):
        errors["title_en"] = [_("Title: write it in at least one language.")]
    for code in LANGS:
        if len(values.get(f"title_{code}") or "") > TITLE_MAX:
            errors[f"title_{code}"] = [_("Title: use at most %(max)d characters.") % {"max": TITLE_MAX}]
        if len(values.get(f"summary_{code}") or "") > SUMMARY_MAX:
            errors[f"summary_{code}"] = [_("Summary: use at most %(max)d characters.") % {"max": SUMMARY_MAX}]
    if values.get("field") not in ProjectField.values:
        errors["field"] = [_("Field: choose the field of cooperation.")]
    value = values.get("value")
    if value is not None:
        if value < 0 or value >= VALUE_MAX:
            errors["value"] = [_("Value: enter an amount from 0 to 999 trillion, or leave it empty.")]
        elif not values.get("currency"):
            errors["currency"] = [_("Currency: choose the currency of the value.")]
    if errors:
        raise ValidationError(errors, code="invalid")


def _apply(project: Project, values: dict) -> None:
    for name in FIELDS:
        if name in values:
            value = values[name]
            if value is None and name.startswith(TRANSLATED):
                value = ""
            setattr(project, name, value.strip() if isinstance(value, str) else value)
    if project.value is None:
        project.currency = None
    # The untranslated columns hold the first language given, written past modeltranslation's
    # descriptor (which would put the text into the reader's language).
    for name in TRANSLATED:
        if any(f"{name}_{code}" in values for code in LANGS):
            project.__dict__[name] = _first(
                {f"{name}_{c}": getattr(project, f"{name}_{c}") or "" for c in LANGS}, name
            )


@transaction.atomic
def create_project(user, owner, values: dict) -> Project:
    """A new draft project (stage "idea") of ``owner``, whose owner or administrator ``user`` is."""
    if not user or not user.is_authenticated:
        raise PermissionDenied(_("Sign in to create a project."))
    if owner is None or not is_member(user, owner.pk, ADMIN):
        raise ValidationError(
            {"owner": [_("Organization: only its owners and administrators can create its projects.")]},
            code="not_member",
        )
    _check(values)
    project = Project(owner=owner, created_by=user, stage=ProjectStage.IDEA)
    _apply(project, values)
    project.save()
    announce("project.created", subject=project, actor=user, organization=owner, to_status=project.stage)
    return project


@transaction.atomic
def update_project(user, public_id, values: dict) -> Project:
    project = managed(user, public_id)
    merged = {name: getattr(project, name) for name in FIELDS}
    merged.update(values)
    _check(merged)
    _apply(project, values)
    project.save()
    announce("project.updated", subject=project, actor=user, organization=project.owner_id)
    return project


@transaction.atomic
def publish_project(user, public_id, *, looking_for_partners: bool = True) -> Project:
    """Make the project public; an idea becomes "partners sought" when ``looking_for_partners``.
    Publishing a published project changes nothing (and announces nothing)."""
    project = managed(user, public_id)
    before = project.stage
    changed = not project.published
    project.published = True
    if looking_for_partners and project.stage == ProjectStage.IDEA:
        project.stage = ProjectStage.PARTNERS_SOUGHT
        changed = True
    if changed:
        project.save(update_fields=["published", "stage", "updated_at"])
        announce(
            "project.published",
            subject=project,
            actor=user,
            organization=project.owner_id,
            from_status=before,
            to_status=project.stage,
        )
    return project


def _accepted(project: Project):
    return list(project.partners.filter(status=PartnerStatus.ACCEPTED).select_related("organization"))


def _check_signing(project, partners, signed_on, event) -> None:
    errors: dict[str, list[str]] = {}
    if not partners:
        errors["stage"] = [_("Stage: accept at least one partner before the agreement is signed.")]
    elif len(project.countries(partners)) < 2:
        errors["stage"] = [
            _(
                "Stage: a cooperation agreement needs organizations of at least two countries "
                "among the owner and its accepted partners."
            )
        ]
    if signed_on is None:
        errors["signed_on"] = [_("Signed on: give the date the agreement was signed.")]
    elif signed_on > timezone.localdate():
        errors["signed_on"] = [_("Signed on: the date cannot be in the future.")]
    if event is not None and event.status != "published":
        errors["signed_at"] = [_("Signed at: choose a published event.")]
    if errors:
        raise ValidationError(errors, code="invalid")


@transaction.atomic
def change_stage(
    user,
    public_id,
    stage: str,
    *,
    reason: str = "",
    signed_on: datetime.date | None = None,
    signed_at=None,
) -> Project:
    """Move the project to ``stage`` (see the module's docstring for the rules). Moving to the stage
    it is in changes nothing."""
    project = managed(user, public_id)
    if stage not in ProjectStage.values:
        raise ValidationError({"stage": [_("Stage: choose one of the stages listed.")]}, code="invalid")
    if stage == project.stage:
        return project
    if stage not in NEXT_STAGES[ProjectStage(project.stage)]:
        if project.stage in (ProjectStage.COMPLETED, ProjectStage.STOPPED):
            raise conflict(
                _("This project is %(stage)s; its stage can no longer change.")
                % {"stage": project.get_stage_display().lower()}
            )
        raise ValidationError(
            {
                "stage": [
                    _("Stage: a project cannot move from “%(from)s” to “%(to)s”.")
                    % {"from": project.get_stage_display(), "to": ProjectStage(stage).label}
                ]
            },
            code="invalid",
        )
    reason = (reason or "").strip()[:2000]
    partners = _accepted(project)
    if stage == ProjectStage.STOPPED and not reason:
        raise ValidationError({"reason": [_("Reason: say why the project stopped.")]}, code="invalid")
    if stage == ProjectStage.NEGOTIATING and not partners:
        raise ValidationError(
            {"stage": [_("Stage: accept at least one partner before negotiating.")]}, code="invalid"
        )
    update = ["stage", "updated_at"]
    if stage == ProjectStage.AGREEMENT_SIGNED:
        if signed_on is None and signed_at is not None:
            signed_on = timezone.localdate(signed_at.starts_at)
        _check_signing(project, partners, signed_on, signed_at)
        project.signed_on, project.signed_at = signed_on, signed_at
        update += ["signed_on", "signed_at"]
    if stage == ProjectStage.STOPPED:
        project.stopped_reason = reason
        update.append("stopped_reason")
    before = project.stage
    project.stage = stage
    project.save(update_fields=update)
    notices = [
        Notice(
            "projects.stage_changed",
            {
                "project": project_names(project),
                "stage": per_language(ProjectStage(stage).label),
                "reason": reason,
            },
            url=project.get_absolute_url(),
            organization_id=partner.organization_id,
            exclude_user_id=user.pk,
        )
        for partner in partners
    ]
    announce(
        "project.stage_changed",
        subject=project,
        actor=user,
        organization=project.owner_id,
        from_status=before,
        to_status=stage,
        reason=reason,
        notices=notices,
        key=f"project:{project.pk}:stage:{stage}",
    )
    return project
