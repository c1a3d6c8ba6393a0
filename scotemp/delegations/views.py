"""Delegation pages: the list (upcoming and past; direction, country, committee), the delegation page
with its programme as a day-by-day agenda, members and outcomes, a request to join, and the
organizer's pages (new, edit, status, members, programme items, outcomes) and the operator's totals.
Reads through :mod:`.queries`, writes through :mod:`.actions`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.accounts.models import Organization
from scotemp.accounts.views import add_errors, flash_errors
from scotemp.committees.models import Committee
from scotemp.core.pagecache import anonymous_page
from scotemp.core.permissions import ADMIN, acting_organization_id, is_operator, member_org_ids
from scotemp.reference.queries import countries_by_name

from . import queries
from .actions import delegations as delegation_actions
from .actions import members as member_actions
from .actions import programme as programme_actions
from .choices import Direction, MemberStatus
from .forms import DelegationForm, JoinForm, MemberForm, OutcomeForm, ProgrammeItemForm, StatusForm


@anonymous_page
def delegation_list(request):
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    direction = request.GET.get("direction", "")
    country = request.GET.get("country", "")[:2]
    committee = request.GET.get("committee", "")[:50]
    rows = queries.delegation_list(
        request.user, when=when, direction=direction, country=country, committee=committee
    )
    context = {
        "delegations": list(rows.prefetch_related("cities")[:100]),
        "when": when,
        "direction": direction,
        "country": country.upper(),
        "committee": committee,
        "directions": Direction.choices,
        "countries": countries_by_name(),
        "committees": Committee.objects.order_by("position"),
        "can_create": queries.can_create(request.user),
        "is_operator": is_operator(request.user),
    }
    return render(request, "delegations/list.html", context)


def _join_organization(user):
    """The organization a user asks to join for: their active one, or their only one they administer."""
    admin_ids = member_org_ids(user, ADMIN)
    active = acting_organization_id(user)
    if active in admin_ids:
        chosen = active
    elif len(admin_ids) == 1:
        chosen = next(iter(admin_ids))
    else:
        return None
    return Organization.objects.filter(pk=chosen).first()


def delegation_detail(request, public_id):
    delegation = queries.delegation_for_viewer(request.user, public_id)
    organizes = queries.organizes(request.user, delegation)
    insider = organizes or queries.member_of_delegation(request.user, delegation)
    my_request = queries.my_request(request.user, delegation) if request.user.is_authenticated else None
    can_join = (
        request.user.is_authenticated
        and my_request is None
        and delegation.published
        and delegation.status == "planned"
        and _join_organization(request.user) is not None
    )
    context = {
        "delegation": delegation,
        "cities": list(delegation.cities.select_related("country")),
        "days": queries.programme_by_day(delegation),
        "members": list(queries.members_of(delegation, include_requests=organizes)),
        "outcomes": queries.outcomes_of(request.user, delegation),
        "organizes": organizes,
        "insider": insider,
        "my_request": my_request,
        "can_join": can_join,
        "join_organization": _join_organization(request.user) if can_join else None,
        "join_form": JoinForm(),
        "status_form": StatusForm(delegation=delegation),
    }
    return render(request, "delegations/detail.html", context)


def _form_page(request, form, *, title, delegation=None, status=200, intro=""):
    context = {"form": form, "title": title, "delegation": delegation, "intro": intro}
    return render(request, "delegations/form.html", context, status=400 if form.errors else status)


@login_required
def delegation_new(request):
    if not queries.can_create(request.user):
        raise Http404
    form = DelegationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            delegation = delegation_actions.create_delegation(request.user, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The delegation was saved. Add its members and programme."))
            return redirect(delegation.get_absolute_url())
    return _form_page(request, form, title=_("New delegation"))


@login_required
def delegation_edit(request, public_id):
    delegation = queries.organized_delegation(request.user, public_id)
    form = DelegationForm(request.POST or None, user=request.user, delegation=delegation)
    if request.method == "POST" and form.is_valid():
        try:
            delegation_actions.update_delegation(request.user, delegation, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The delegation was saved."))
            return redirect(delegation.get_absolute_url())
    return _form_page(request, form, title=_("Edit the delegation"), delegation=delegation)


@login_required
@require_POST
def delegation_status(request, public_id):
    delegation = queries.organized_delegation(request.user, public_id)
    form = StatusForm(request.POST, delegation=delegation)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(delegation.get_absolute_url())
    try:
        delegation_actions.change_status(
            request.user, delegation, form.cleaned_data["status"], form.cleaned_data.get("reason", "")
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The status of the delegation was changed."))
    return redirect(delegation.get_absolute_url())


@login_required
@require_POST
def delegation_join(request, public_id):
    delegation = queries.delegation_for_viewer(request.user, public_id)
    organization = _join_organization(request.user)
    if organization is None:
        messages.error(
            request, _("Choose the organization you act for (you must be its owner or administrator).")
        )
        return redirect(delegation.get_absolute_url())
    form = JoinForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(delegation.get_absolute_url())
    try:
        _member, created = member_actions.request_to_join(
            request.user, delegation, organization, **form.cleaned_data
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        if created:
            messages.success(request, _("Your request was sent: the organizer will answer it."))
    return redirect(delegation.get_absolute_url() + "#members")


@login_required
def member_add(request, public_id):
    delegation = queries.organized_delegation(request.user, public_id)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member_actions.add_member(
                request.user, delegation, data["organization"], data["role"], data.get("participants", "")
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The organization is a member of the delegation."))
            return redirect(delegation.get_absolute_url() + "#members")
    return _form_page(request, form, title=_("Add a member organization"), delegation=delegation)


def _member(request, public_id, member_id):
    delegation = queries.organized_delegation(request.user, public_id)
    member = delegation.members.filter(pk=member_id).first()
    if member is None:
        raise Http404
    return delegation, member


@login_required
@require_POST
def member_accept(request, public_id, member_id):
    delegation, member = _member(request, public_id, member_id)
    try:
        member_actions.accept_member(request.user, member)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        if member.status == MemberStatus.REQUESTED:
            messages.success(request, _("The organization is a member of the delegation."))
    return redirect(delegation.get_absolute_url() + "#members")


@login_required
@require_POST
def member_remove(request, public_id, member_id):
    delegation, member = _member(request, public_id, member_id)
    try:
        member_actions.remove_member(request.user, member)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The organization was removed from the delegation."))
    return redirect(delegation.get_absolute_url() + "#members")


@login_required
def item_form(request, public_id, item_id=None):
    delegation = queries.organized_delegation(request.user, public_id)
    item = None
    if item_id is not None:
        item = delegation.programme.filter(pk=item_id).first()
        if item is None:
            raise Http404
    form = ProgrammeItemForm(request.POST or None, delegation=delegation, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            programme_actions.save_programme_item(request.user, delegation, form.cleaned_data, item)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect(delegation.get_absolute_url() + "#programme")
    title = _("Edit the programme item") if item else _("Add to the programme")
    return _form_page(request, form, title=title, delegation=delegation)


@login_required
@require_POST
def item_delete(request, public_id, item_id):
    delegation = queries.organized_delegation(request.user, public_id)
    item = delegation.programme.filter(pk=item_id).first()
    if item is None:
        raise Http404
    try:
        programme_actions.delete_programme_item(request.user, item)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The item was removed from the programme."))
    return redirect(delegation.get_absolute_url() + "#programme")


@login_required
def outcome_new(request, public_id):
    delegation = queries.organized_delegation(request.user, public_id)
    form = OutcomeForm(request.POST or None, delegation=delegation)
    if request.method == "POST" and form.is_valid():
        try:
            programme_actions.record_outcome(request.user, delegation, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect(delegation.get_absolute_url() + "#outcomes")
    return _form_page(request, form, title=_("Record an outcome"), delegation=delegation)


@login_required
def report(request):
    if not is_operator(request.user):
        raise Http404
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    context = {"totals": queries.totals(year), "year": year, "this_year": timezone.localdate().year}
    return render(request, "delegations/report.html", context)


urlpatterns = [
    path("", delegation_list, name="list"),
    path("new/", delegation_new, name="new"),
    path("report/", report, name="report"),
    path("<uuid:public_id>/", delegation_detail, name="detail"),
    path("<uuid:public_id>/edit/", delegation_edit, name="edit"),
    path("<uuid:public_id>/status/", delegation_status, name="status"),
    path("<uuid:public_id>/join/", delegation_join, name="join"),
    path("<uuid:public_id>/members/new/", member_add, name="member_add"),
    path("<uuid:public_id>/members/<int:member_id>/accept/", member_accept, name="member_accept"),
    path("<uuid:public_id>/members/<int:member_id>/remove/", member_remove, name="member_remove"),
    path("<uuid:public_id>/programme/new/", item_form, name="item_new"),
    path("<uuid:public_id>/programme/<int:item_id>/", item_form, name="item_edit"),
    path("<uuid:public_id>/programme/<int:item_id>/delete/", item_delete, name="item_delete"),
    path("<uuid:public_id>/outcomes/new/", outcome_new, name="outcome_new"),
]
