"""Partners of a project: an organization expresses interest, the owner accepts or declines it, a
partner withdraws.

- Interest: any organization other than the owner (by one of its owners or administrators), on a
  published project that is looking for partners or negotiating. Idempotent: expressing interest
  again returns the standing request or partnership unchanged; an organization that withdrew may ask
  again; one that was declined may not.
- Accept or decline: the owner (its owners and administrators, or an operator), while the request
  is pending. Accepting an accepted partner, or declining a declined one, changes nothing.
- Withdraw: the partner organization, while the project is not completed or stopped."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce
from scotemp.core.permissions import ADMIN, is_member

from ..choices import FINAL_STAGES, OPEN_STAGES, PartnerRole, PartnerStatus
from ..models import Project, ProjectPartner
from .common import conflict, managed, project_names

MESSAGE_MAX = 2000


def express_interest(user, public_id, organization, *, message: str = "", role: str = PartnerRole.PARTNER):
    """``organization`` asks to take part in the project (see the module's docstring)."""
    if organization is None or not is_member(user, organization.pk, ADMIN):
        raise ValidationError(
            {"organization": [_("Organization: only its owners and administrators can speak for it.")]},
            code="not_member",
        )
    if role not in PartnerRole.values:
        raise ValidationError({"role": [_("Role: choose one of the roles listed.")]}, code="invalid")
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationError(
            {"message": [_("Message: use at most %(max)d characters.") % {"max": MESSAGE_MAX}]},
            code="invalid",
        )
    try:
        return _interest(user, public_id, organization, message, role)
    except IntegrityError:  # a concurrent first request won the unique constraint: answer as it did
        project = get_object_or_404(Project.objects.visible_to(user), public_id=public_id)
        return ProjectPartner.objects.get(project=project, organization=organization)


@transaction.atomic
def _interest(user, public_id, organization, message, role):
    project = get_object_or_404(
        Project.objects.visible_to(user).select_for_update(of=("self",)), public_id=public_id
    )
    if project.owner_id == organization.pk:
        raise ValidationError(
            {"organization": [_("Organization: the project is your organization's own.")]},
            code="own_project",
        )
    partner = ProjectPartner.objects.filter(project=project, organization=organization).first()
    if partner is not None and partner.status in (PartnerStatus.INTERESTED, PartnerStatus.ACCEPTED):
        return partner  # asked already: nothing more happens
    if partner is not None and partner.status == PartnerStatus.DECLINED:
        raise conflict(_("The project's owner declined your organization's request."))
    if not project.published or project.stage not in OPEN_STAGES:
        raise conflict(_("This project is not looking for partners."))
    before = partner.status if partner else ""
    if partner is None:
        partner = ProjectPartner(project=project, organization=organization)
    partner.status = PartnerStatus.INTERESTED
    partner.role = role
    partner.message = message
    partner.decided_by, partner.decided_at = None, None
    with transaction.atomic():
        partner.save()
    announce(
        "project.interest",
        subject=partner,
        actor=user,
        organization=organization,
        from_status=before,
        to_status=partner.status,
        notices=[
            Notice(
                "projects.interest_received",
                {
                    "project": project_names(project),
                    "organization": organization.name,
                    "message": message,
                },
                url=project.get_absolute_url(),
                organization_id=project.owner_id,
            )
        ],
        key=f"project-partner:{partner.pk}:interested:{partner.updated_at.isoformat()}",
    )
    return partner


@transaction.atomic
def decide_partner(user, public_id, partner_id, decision: str, *, role: str = "") -> ProjectPartner:
    """The owner accepts or declines a pending request (``decision``: "accept" or "decline")."""
    project = managed(user, public_id)
    partner = get_object_or_404(
        ProjectPartner.objects.select_for_update().select_related("organization"),
        project=project,
        public_id=partner_id,
    )
    if decision not in ("accept", "decline"):
        raise ValidationError({"decision": [_("Decision: accept or decline.")]}, code="invalid")
    target = PartnerStatus.ACCEPTED if decision == "accept" else PartnerStatus.DECLINED
    if partner.status == target:
        return partner
    if partner.status != PartnerStatus.INTERESTED:
        raise conflict(_("This organization's request is no longer waiting for a decision."))
    if project.is_final:
        raise conflict(_("This project is completed or stopped; its partners can no longer change."))
    if role:
        if role not in PartnerRole.values:
            raise ValidationError({"role": [_("Role: choose one of the roles listed.")]}, code="invalid")
        partner.role = role
    before = partner.status
    partner.status = target
    partner.decided_by, partner.decided_at = user, timezone.now()
    partner.save()
    kind = "projects.partner_accepted" if target == PartnerStatus.ACCEPTED else "projects.partner_declined"
    announce(
        f"project.partner_{target}",
        subject=partner,
        actor=user,
        organization=project.owner_id,
        from_status=before,
        to_status=target,
        notices=[
            Notice(
                kind,
                {"project": project_names(project), "owner": project.owner.name},
                url=project.get_absolute_url(),
                organization_id=partner.organization_id,
            )
        ],
        key=f"project-partner:{partner.pk}:{target}",
    )
    return partner


@transaction.atomic
def withdraw(user, public_id, organization) -> ProjectPartner:
    """``organization`` leaves the project or takes back its request. Withdrawing twice changes nothing."""
    project = get_object_or_404(Project.objects.visible_to(user), public_id=public_id)
    if organization is None or not is_member(user, organization.pk, ADMIN):
        raise PermissionDenied(_("Only the owners and administrators of an organization can speak for it."))
    partner = get_object_or_404(
        ProjectPartner.objects.select_for_update(), project=project, organization=organization
    )
    if partner.status == PartnerStatus.WITHDRAWN:
        return partner
    if partner.status == PartnerStatus.DECLINED:
        raise conflict(_("The owner declined this request; there is nothing to withdraw."))
    if project.stage in FINAL_STAGES:
        raise conflict(_("This project is completed or stopped; its partners can no longer change."))
    before = partner.status
    partner.status = PartnerStatus.WITHDRAWN
    partner.save(update_fields=["status", "updated_at"])
    announce(
        "project.partner_withdrew",
        subject=partner,
        actor=user,
        organization=organization,
        from_status=before,
        to_status=partner.status,
        notices=[
            Notice(
                "projects.partner_withdrew",
                {"project": project_names(project), "organization": organization.name},
                url=project.get_absolute_url(),
                organization_id=project.owner_id,
            )
        ],
        key=f"project-partner:{partner.pk}:withdrawn:{partner.updated_at.isoformat()}",
    )
    return partner
