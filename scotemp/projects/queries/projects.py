"""Reads of projects: the list with its filters, one project for a viewer (with what the viewer may
do), the committee's projects, and a document for download.

Access: ``Project.objects.visible_to`` (published projects are public; drafts only for the owner's
members and operators); everything else is 404."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from scotemp.core.permissions import ADMIN, is_operator, member_org_ids

from ..choices import NEXT_STAGES, OPEN_STAGES, DocumentVisibility, PartnerStatus, ProjectStage
from ..models import Milestone, Project, ProjectDocument, ProjectPartner

TEXT_MAX = 100


def _accepted_in(country: str):
    return Exists(
        ProjectPartner.objects.filter(
            project=OuterRef("pk"), status=PartnerStatus.ACCEPTED, organization__country_id=country
        )
    )


def project_list(
    user, *, stage: str = "", field: str = "", country: str = "", committee: str = "", text: str = ""
):
    """Projects ``user`` may see, newest change first, filtered. ``country``: an ISO alpha-2 code of
    the owner or of an accepted partner; ``committee``: a slug; ``text``: words of the title or
    summary in any language."""
    qs = Project.objects.visible_to(user).select_related("owner", "committee", "currency", "signed_at")
    if stage:
        qs = qs.filter(stage=stage)
    if field:
        qs = qs.filter(field=field)
    if committee:
        qs = qs.filter(committee__slug=committee)
    if country:
        country = country.upper()[:2]
        qs = qs.filter(Q(owner__country_id=country) | _accepted_in(country))
    text = (text or "").strip()[:TEXT_MAX]
    if text:
        match = Q()
        for name in ("title", "summary"):
            for code in ("en", "ru", "zh_hans"):
                match |= Q(**{f"{name}_{code}__icontains": text})
        qs = qs.filter(match)
    return qs.order_by("-updated_at", "-id")


def with_partners(projects) -> list[Project]:
    """``projects`` (a list) with ``accepted`` (their accepted partners) and ``country_codes``, read in
    one query whatever their number."""
    projects = list(projects)
    by_project: dict[int, list] = {p.pk: [] for p in projects}
    for partner in ProjectPartner.objects.filter(
        project_id__in=list(by_project), status=PartnerStatus.ACCEPTED
    ).select_related("organization"):
        by_project[partner.project_id].append(partner)
    for project in projects:
        project.accepted = by_project[project.pk]
        project.country_codes = project.countries(project.accepted)
    return projects


def project_for_viewer(user, public_id) -> Project:
    return get_object_or_404(
        Project.objects.visible_to(user).select_related(
            "owner", "owner__country", "committee", "currency", "signed_at"
        ),
        public_id=public_id,
    )


@dataclass
class Viewer:
    """What the viewer of a project is to it and may do on its page."""

    manages: bool
    is_owner_member: bool
    partner: ProjectPartner | None  # the request or partnership of the viewer's organization
    can_express_interest: bool
    sees_partner_documents: bool
    next_stages: tuple


def viewer_of(user, project: Project, acting_org_id: int | None) -> Viewer:
    org_ids = member_org_ids(user)
    admin_ids = member_org_ids(user, ADMIN)
    operator = is_operator(user)
    manages = operator or project.owner_id in admin_ids
    partner = None
    if acting_org_id is not None and acting_org_id != project.owner_id:
        partner = ProjectPartner.objects.filter(project=project, organization_id=acting_org_id).first()
    accepted_ids = (
        set(
            ProjectPartner.objects.filter(
                project=project, status=PartnerStatus.ACCEPTED, organization_id__in=org_ids
            ).values_list("organization_id", flat=True)
        )
        if org_ids
        else set()
    )
    can_interest = (
        project.published
        and project.stage in OPEN_STAGES
        and acting_org_id is not None
        and acting_org_id in admin_ids
        and acting_org_id != project.owner_id
        and (partner is None or partner.status == PartnerStatus.WITHDRAWN)
    )
    return Viewer(
        manages=manages,
        is_owner_member=project.owner_id in org_ids,
        partner=partner,
        can_express_interest=can_interest,
        sees_partner_documents=operator or project.owner_id in org_ids or bool(accepted_ids),
        next_stages=tuple(ProjectStage(s) for s in NEXT_STAGES[ProjectStage(project.stage)]),
    )


def partners_for_viewer(project: Project, viewer: Viewer):
    """Accepted partners for everybody; pending, declined and withdrawn ones for the owner only."""
    qs = project.partners.select_related("organization", "organization__country").order_by(
        "status", "created_at", "id"
    )
    if not (viewer.manages or viewer.is_owner_member):
        qs = qs.filter(status=PartnerStatus.ACCEPTED)
    return list(qs)


def milestones_of(project: Project) -> list[Milestone]:
    return list(project.milestones.all())


def documents_for_viewer(project: Project, viewer: Viewer) -> list[ProjectDocument]:
    qs = project.documents.all()
    if not viewer.sees_partner_documents:
        qs = qs.filter(visibility=DocumentVisibility.PUBLIC)
    return list(qs)


def document_for_download(user, public_id, document_id) -> ProjectDocument:
    """A document the user may read: public ones of a project they see; partners-only ones for the
    owner's members, accepted partners' members and operators. 404 otherwise."""
    project = project_for_viewer(user, public_id)
    document = get_object_or_404(ProjectDocument, project=project, public_id=document_id)
    if document.visibility == DocumentVisibility.PUBLIC:
        return document
    if is_operator(user):
        return document
    org_ids = member_org_ids(user)
    if project.owner_id in org_ids:
        return document
    if ProjectPartner.objects.filter(
        project=project, status=PartnerStatus.ACCEPTED, organization_id__in=org_ids
    ).exists():
        return document
    raise Http404


def committee_projects(committee, limit: int = 8) -> list[Project]:
    """The committee's published projects, running ones first (one query)."""
    order = {
        s: i
        for i, s in enumerate(
            (
                ProjectStage.IMPLEMENTING,
                ProjectStage.AGREEMENT_SIGNED,
                ProjectStage.NEGOTIATING,
                ProjectStage.PARTNERS_SOUGHT,
                ProjectStage.IDEA,
                ProjectStage.COMPLETED,
                ProjectStage.STOPPED,
            )
        )
    }
    rows = list(
        Project.objects.filter(committee=committee, published=True)
        .select_related("owner")
        .order_by("-updated_at", "-id")[:100]
    )
    rows.sort(key=lambda p: order.get(p.stage, 99))
    return rows[:limit]


def my_org_projects(user):
    """Projects of the organizations ``user`` belongs to, as owner or accepted or pending partner."""
    org_ids = member_org_ids(user)
    return (
        Project.objects.filter(
            Q(owner_id__in=org_ids)
            | Exists(
                ProjectPartner.objects.filter(
                    project=OuterRef("pk"),
                    organization_id__in=org_ids,
                    status__in=(PartnerStatus.INTERESTED, PartnerStatus.ACCEPTED),
                )
            )
        )
        .select_related("owner")
        .order_by("-updated_at")
    )
