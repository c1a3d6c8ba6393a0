"""Committee pages: the public list and detail, applying, and the secretary's application queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.accounts.models import Organization
from scotemp.core.pagecache import anonymous_page
from scotemp.core.permissions import ADMIN, is_member, is_operator

from .. import actions, queries
from ..forms import ApplicationForm, DecisionForm
from ..models import Committee
from ..queries import workspace as ws
from . import detail_page


@anonymous_page
def committee_list(request):
    committees = queries.committee_list()
    managed = set(Committee.objects.managed_by(request.user).values_list("pk", flat=True))
    context = {"committees": committees, "managed": managed, "is_operator": is_operator(request.user)}
    if context["is_operator"]:
        context["review_count"] = ws.review_queue().count()
    return render(request, "committees/committee_list.html", context)


def _can_apply(request) -> bool:
    org = getattr(request, "active_organization", None)
    return org is not None and is_member(request.user, org.pk, ADMIN)


def _detail(request, committee, form=None, status=200):
    """The page: its shared part from the shared cache (see ``queries.page``), the membership card
    (the reader's own) rendered into it on every request."""
    org = getattr(request, "active_organization", None)
    can_manage = ws.is_manager(request.user, committee)
    members_only = ws.sees_members_only(request.user, committee)
    before, after = detail_page.shared_part(request, committee, can_manage, members_only)
    context = {
        "committee": committee,
        "body_before": before,
        "body_after": after,
        "my_membership": queries.membership_of(committee, org),
        "can_apply": _can_apply(request),
        "form": form or ApplicationForm(),
    }
    return render(request, "committees/committee_detail.html", context, status=status)


@anonymous_page
def committee_detail(request, slug):
    return _detail(request, queries.committee_page(slug))


@login_required
@require_POST
def apply(request, slug):
    committee = queries.committee_page(slug)
    form = ApplicationForm(request.POST)
    org = getattr(request, "active_organization", None)
    if org is None:
        messages.error(request, _("Register your organization first, then apply on its behalf."))
        return redirect("committees:detail", slug=slug)
    if form.is_valid():
        try:
            actions.apply_to_committee(request.user, slug, org.public_id, form.cleaned_data["motivation"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your application was sent to the committee's secretary."))
            return redirect("committees:detail", slug=slug)
    return _detail(request, committee, form=form, status=400)


@login_required
@require_POST
def withdraw(request, slug):
    org = getattr(request, "active_organization", None)
    if org is None or not Organization.objects.editable_by(request.user).filter(pk=org.pk).exists():
        return redirect("committees:detail", slug=slug)
    try:
        actions.withdraw_application(request.user, slug, org.public_id)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Your organization is no longer an applicant or member of this committee.")
        )
    return redirect("committees:detail", slug=slug)


def applications(request, slug):
    committee = queries.managed_committee(request.user, slug)
    context = {
        "committee": committee,
        "applications": queries.applications(committee),
        "is_operator": is_operator(request.user),
    }
    return render(request, "committees/applications.html", context)


@require_POST
def decide(request, slug, application_id):
    committee = queries.managed_committee(request.user, slug)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            membership = actions.decide_application(
                request.user,
                committee.slug,
                application_id,
                form.cleaned_data["decision"],
                form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(organization)s: %(status)s.")
                % {"organization": membership.organization.name, "status": membership.get_status_display()},
            )
    else:
        messages.error(request, _("Choose approve or reject."))
    return redirect("committees:applications", slug=committee.slug)
