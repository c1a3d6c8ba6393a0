"""Project pages: the list with its filters, the project page (partners, milestones, documents, the
"express interest" button and the owner's controls), the create and edit forms and the owner's and
partners' POST actions. Reads through :mod:`scotemp.projects.queries`, writes through
:mod:`scotemp.projects.actions`; a project the reader may not see is 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.accounts.models import Organization
from scotemp.accounts.views import add_errors, flash_errors
from scotemp.committees.models import Committee
from scotemp.core.pagecache import anonymous_page
from scotemp.core.permissions import ADMIN, member_org_ids
from scotemp.reference.queries import countries_by_name, country_names
from scotemp.verification.responses import document_response

from .. import actions
from ..choices import PARTNER_DECISIONS, ProjectField, ProjectStage
from ..forms import DocumentForm, InterestForm, MilestoneForm, MilestoneStatusForm, ProjectForm, StageForm
from ..queries import projects as queries

LIST_SIZE = 50


def _acting_id(request):
    org = getattr(request, "active_organization", None)
    return org.pk if org is not None else None


@anonymous_page
def project_list(request):
    filters = {
        "stage": request.GET.get("stage", "") if request.GET.get("stage") in ProjectStage.values else "",
        "field": request.GET.get("field", "") if request.GET.get("field") in ProjectField.values else "",
        "country": (request.GET.get("country") or "")[:2].upper(),
        "committee": (request.GET.get("committee") or "")[:50],
        "text": (request.GET.get("q") or "")[:100],
    }
    projects = queries.with_partners(queries.project_list(request.user, **filters)[:LIST_SIZE])
    context = {
        "projects": projects,
        "filters": filters,
        "stages": ProjectStage.choices,
        "fields": ProjectField.choices,
        "committees": Committee.objects.order_by("position"),
        "countries": countries_by_name(),
        "can_create": bool(member_org_ids(request.user, ADMIN)),
    }
    return render(request, "projects/list.html", context)


def detail_context(request, project, **forms):
    viewer = queries.viewer_of(request.user, project, _acting_id(request))
    partners = queries.partners_for_viewer(project, viewer)
    accepted = [p for p in partners if p.status == "accepted"]
    return {
        "project": project,
        "viewer": viewer,
        "partners": partners,
        "countries": country_names(project.countries(accepted)),
        "milestones": queries.milestones_of(project),
        "documents": queries.documents_for_viewer(project, viewer),
        "interest_form": forms.get("interest_form") or InterestForm(),
        "stage_form": forms.get("stage_form") or StageForm(project=project),
        "milestone_form": forms.get("milestone_form")
        or MilestoneForm(initial={"language": request.LANGUAGE_CODE}),
        "document_form": forms.get("document_form") or DocumentForm(),
        "milestone_statuses": MilestoneStatusForm.base_fields["status"].choices,
    }


def project_detail(request, public_id):
    project = queries.project_for_viewer(request.user, public_id)
    return render(request, "projects/detail.html", detail_context(request, project))


def _owner_choices(user):
    return Organization.objects.filter(pk__in=member_org_ids(user, ADMIN)).order_by("name")


@login_required
def project_new(request):
    owners = list(_owner_choices(request.user))
    if not owners:
        messages.error(request, _("Register your organization first: a project belongs to an organization."))
        return redirect("projects:list")
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        owner = getattr(request, "active_organization", None)
        if owner is None or owner.pk not in {o.pk for o in owners}:
            owner = owners[0]
        try:
            project = actions.create_project(request.user, owner, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The project was saved as a draft. Publish it to look for partners."))
            return redirect(project.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "projects/form.html", {"form": form, "project": None}, status=status)


def _managed(request, public_id):
    """The project if the reader may change it: 404 if they cannot see it, 403 if they only see it."""
    project = queries.project_for_viewer(request.user, public_id)
    if not queries.viewer_of(request.user, project, None).manages:
        raise PermissionDenied
    return project


@login_required
def project_edit(request, public_id):
    project = _managed(request, public_id)
    form = ProjectForm(request.POST or None, initial=ProjectForm.initial_of(project))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_project(request.user, public_id, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The project was saved."))
            return redirect(project.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "projects/form.html", {"form": form, "project": project}, status=status)


def _back(project, anchor=""):
    return redirect(project.get_absolute_url() + anchor)


@login_required
@require_POST
def project_publish(request, public_id):
    project = _managed(request, public_id)
    try:
        actions.publish_project(request.user, public_id)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The project is published: organizations can now ask to join it."))
    return _back(project)


@login_required
@require_POST
def project_stage(request, public_id):
    project = _managed(request, public_id)
    form = StageForm(request.POST, project=project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.change_stage(
                request.user,
                public_id,
                data["stage"],
                reason=data["reason"],
                signed_on=data["signed_on"],
                signed_at=data["signed_at"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The project's stage was changed; its partners were told."))
            return _back(project)
    project.refresh_from_db()
    context = detail_context(request, project, stage_form=form)
    return render(request, "projects/detail.html", context, status=400)


@login_required
@require_POST
def project_interest(request, public_id):
    project = queries.project_for_viewer(request.user, public_id)
    form = InterestForm(request.POST)
    if form.is_valid():
        try:
            actions.express_interest(
                request.user,
                public_id,
                getattr(request, "active_organization", None),
                message=form.cleaned_data["message"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Your interest was sent to the project's owner."))
            return _back(project, "#partners")
    return _back(project, "#partners")


@login_required
@require_POST
def project_withdraw(request, public_id):
    project = queries.project_for_viewer(request.user, public_id)
    try:
        actions.withdraw(request.user, public_id, getattr(request, "active_organization", None))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Your organization withdrew from the project."))
    return _back(project, "#partners")


@login_required
@require_POST
def partner_decide(request, public_id, partner_id, decision):
    if decision not in PARTNER_DECISIONS:
        raise Http404
    project = _managed(request, public_id)
    try:
        actions.decide_partner(request.user, public_id, partner_id, decision)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        if decision == "accept":
            messages.success(request, _("The organization is now a partner of the project."))
        else:
            messages.success(request, _("The request was declined."))
    return _back(project, "#partners")


@login_required
@require_POST
def milestone_add(request, public_id):
    project = _managed(request, public_id)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            actions.add_milestone(request.user, public_id, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The milestone was added."))
            return _back(project, "#milestones")
    context = detail_context(request, project, milestone_form=form)
    return render(request, "projects/detail.html", context, status=400)


@login_required
@require_POST
def milestone_status(request, public_id, milestone_id):
    project = _managed(request, public_id)
    form = MilestoneStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Status: choose one of the statuses listed."))
        return _back(project, "#milestones")
    try:
        actions.set_milestone_status(request.user, public_id, milestone_id, form.cleaned_data["status"])
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The milestone was updated."))
    return _back(project, "#milestones")


@login_required
@require_POST
def document_upload(request, public_id):
    project = _managed(request, public_id)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.upload_document(
                request.user,
                public_id,
                title=form.cleaned_data["title"],
                visibility=form.cleaned_data["visibility"],
                uploaded=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The document was added to the project."))
            return _back(project, "#documents")
    context = detail_context(request, project, document_form=form)
    return render(request, "projects/detail.html", context, status=400)


def document(request, public_id, document_id):
    return document_response(queries.document_for_download(request.user, public_id, document_id))


@login_required
@require_POST
def document_delete(request, public_id, document_id):
    project = _managed(request, public_id)
    get_object_or_404(project.documents, public_id=document_id)
    actions.delete_document(request.user, public_id, document_id)
    messages.success(request, _("The document was deleted."))
    return _back(project, "#documents")


urlpatterns = [
    path("", project_list, name="list"),
    path("new/", project_new, name="new"),
    path("<uuid:public_id>/", project_detail, name="detail"),
    path("<uuid:public_id>/edit/", project_edit, name="edit"),
    path("<uuid:public_id>/publish/", project_publish, name="publish"),
    path("<uuid:public_id>/stage/", project_stage, name="stage"),
    path("<uuid:public_id>/interest/", project_interest, name="interest"),
    path("<uuid:public_id>/withdraw/", project_withdraw, name="withdraw"),
    path(
        "<uuid:public_id>/partners/<uuid:partner_id>/<str:decision>/",
        partner_decide,
        name="partner_decide",
    ),
    path("<uuid:public_id>/milestones/", milestone_add, name="milestone_add"),
    path(
        "<uuid:public_id>/milestones/<int:milestone_id>/status/",
        milestone_status,
        name="milestone_status",
    ),
    path("<uuid:public_id>/documents/", document_upload, name="document_upload"),
    path("<uuid:public_id>/documents/<uuid:document_id>/", document, name="document"),
    path("<uuid:public_id>/documents/<uuid:document_id>/delete/", document_delete, name="document_delete"),
]
