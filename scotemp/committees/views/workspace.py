"""The secretary's pages: the dashboard (figures against targets, plan, news, documents, officers), the
charter, officers, the work plan and the targets. Every page is for the committee's secretary and
operators only (404 for everybody else); the actions decide, these pages show what they decided."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import actions, queries
from ..choices import UNTRACKED_METRICS, KpiMetric
from ..forms import CharterForm, CommitteeDocumentForm, NewsForm, OfficerForm, PlanItemForm, TargetsForm
from ..queries import kpis as kpi_queries
from ..queries import workspace as ws
from .common import add_errors

TRACKED = [m.value for m in KpiMetric if m not in UNTRACKED_METRICS]


def _targets_form(report, data=None):
    initial = {
        "year": report.year,
        **{row.metric: row.target for row in report.rows if row.target is not None},
    }
    return TargetsForm(data, tracked=TRACKED, initial=initial)


def dashboard(request, slug, forms=None, status=200):
    committee = queries.managed_committee(request.user, slug)
    report = kpi_queries.committee_kpis(committee)
    members = list(queries.approved_members(committee))
    forms = forms or {}
    context = {
        "committee": committee,
        "kpis": report,
        "targets_form": forms.get("targets") or _targets_form(report),
        "plan": ws.work_plan(committee),
        "plan_form": forms.get("plan") or PlanItemForm(members=members),
        "officers": ws.officers(committee),
        "officer_form": forms.get("officer") or OfficerForm(),
        "drafts": ws.unpublished_news(request.user, committee),
        "news": ws.published_news(committee),
        "news_form": NewsForm(initial={"language": request.LANGUAGE_CODE}),
        "documents": ws.documents(request.user, committee, True),
        "document_form": forms.get("document") or CommitteeDocumentForm(),
    }
    return render(request, "committees/dashboard.html", context, status=status)


def charter(request, slug):
    committee = queries.managed_committee(request.user, slug)
    if request.method == "POST":
        form = CharterForm(request.POST)
        if form.is_valid():
            try:
                actions.update_charter(request.user, slug, form.values())
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The charter was saved."))
                return redirect("committees:dashboard", slug=slug)
    else:
        initial = {
            field: getattr(committee, field) or ""
            for field in (f"{n}_{s}" for n in ("charter", "activities") for s in ("en", "ru", "zh_hans"))
        }
        initial["hs_chapters"] = " ".join(h.code for h in committee.hs_chapters.all())
        form = CharterForm(initial=initial)
    status = 400 if form.is_bound else 200
    return render(
        request, "committees/charter_form.html", {"committee": committee, "form": form}, status=status
    )


@require_POST
def officer_add(request, slug):
    queries.managed_committee(request.user, slug)
    form = OfficerForm(request.POST)
    if form.is_valid():
        try:
            actions.add_officer(request.user, slug, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The officer was saved."))
            return redirect("committees:dashboard", slug=slug)
    return dashboard(request, slug, {"officer": form}, status=400)


@require_POST
def officer_remove(request, slug, officer_id):
    actions.remove_officer(request.user, slug, officer_id)
    messages.success(request, _("The officer was removed."))
    return redirect("committees:dashboard", slug=slug)


@require_POST
def plan_item_new(request, slug):
    committee = queries.managed_committee(request.user, slug)
    form = PlanItemForm(request.POST, members=queries.approved_members(committee))
    if form.is_valid():
        try:
            actions.save_plan_item(request.user, slug, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The task was added to the work plan."))
            return redirect("committees:dashboard", slug=slug)
    return dashboard(request, slug, {"plan": form}, status=400)


def plan_item_edit(request, slug, item_id):
    committee = queries.managed_committee(request.user, slug)
    item = ws.plan_item(request.user, committee, item_id)
    members = queries.approved_members(committee)
    if request.method == "POST":
        form = PlanItemForm(request.POST, members=members)
        if form.is_valid():
            try:
                actions.save_plan_item(request.user, slug, form.cleaned_data, item_id=item.pk)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The task was saved."))
                return redirect("committees:dashboard", slug=slug)
    else:
        form = PlanItemForm(
            members=members,
            initial={
                "title": item.title,
                "due_date": item.due_date,
                "status": item.status,
                "notes": item.notes,
                "owner_organization": str(item.owner_organization.public_id)
                if item.owner_organization
                else "",
                "owner_email": item.owner_user.email if item.owner_user else "",
            },
        )
    status = 400 if form.is_bound else 200
    context = {"committee": committee, "item": item, "form": form}
    return render(request, "committees/plan_item_form.html", context, status=status)


@require_POST
def targets(request, slug):
    committee = queries.managed_committee(request.user, slug)
    form = TargetsForm(request.POST, tracked=TRACKED)
    if form.is_valid():
        try:
            actions.set_kpi_targets(request.user, slug, form.cleaned_data["year"], form.targets())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The targets were saved."))
            return redirect("committees:dashboard", slug=committee.slug)
    return dashboard(request, slug, {"targets": form}, status=400)
