"""Lead pages: new, detail, edit, the organization's leads, and the lifecycle buttons (POST).

Views validate with :class:`~scotemp.trade.forms.LeadForm`, call one action and render. A lead the
user may not see is 404 (``queries.lead_page``, the lead page's own read); editing and lifecycle
actions need membership of the owning organization (``queries.editable_lead``, 404 for others)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from scotemp.accounts.views import add_errors
from scotemp.core.pagecache import anonymous_page
from scotemp.core.permissions import parties_of
from scotemp.directory.choices import CertificationScheme

from .. import actions, queries
from ..choices import LeadKind, LeadStatus, PaymentTerm, default_valid_until
from ..forms import LeadForm, lead_initial, lead_values
from ..queries.lead_page import lead_page, may_edit, reader_org_ids

LIFECYCLE = ("publish", "pause", "close", "renew", "duplicate")
DONE = {
    "publish": gettext_lazy("The lead is published."),
    "pause": gettext_lazy("The lead is paused: it is hidden until you publish it again."),
    "close": gettext_lazy("The lead is closed."),
    "renew": gettext_lazy("The lead is renewed."),
    "duplicate": gettext_lazy("A draft copy of the lead was created: edit it and publish it."),
}


def _need_organization(request):
    organization = getattr(request, "active_organization", None)
    if organization is None:
        messages.warning(request, _("Register or join an organization before posting leads."))
    return organization


@login_required
def lead_new(request):
    organization = _need_organization(request)
    if organization is None:
        return redirect("accounts:organizations")
    if request.method == "POST":
        form = LeadForm(request.POST)
        if form.is_valid():
            try:
                lead = actions.create_lead(
                    request.user, organization, lead_values(form), publish="publish" in request.POST
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Lead published.") if lead.status == LeadStatus.PUBLISHED else _("Draft saved."),
                )
                return redirect("trade:lead_detail", public_id=lead.public_id)
    else:
        kind = request.GET.get("kind")
        form = LeadForm(
            initial={
                "kind": kind if kind in LeadKind.values else LeadKind.SELL,
                "language": translation.get_language(),
                "valid_until": default_valid_until(timezone.localdate()),
                "origin_country": organization.country_id,
                "hs_code": request.GET.get("hs", ""),
            }
        )
    return render(
        request, "trade/lead_form.html", {"form": form, "creating": True, "organization": organization}
    )


@login_required
def lead_edit(request, public_id):
    lead = queries.editable_lead(request.user, public_id)
    if lead.status not in actions.TRANSITIONS["edit"][0]:
        messages.error(request, actions.REFUSED["edit"] % {"status": lead.get_status_display()})
        return redirect("trade:lead_detail", public_id=lead.public_id)
    if request.method == "POST":
        form = LeadForm(request.POST)
        if form.is_valid():
            try:
                actions.update_lead(request.user, lead, lead_values(form))
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Lead saved."))
                return redirect("trade:lead_detail", public_id=lead.public_id)
    else:
        form = LeadForm(initial=lead_initial(lead))
    return render(
        request,
        "trade/lead_form.html",
        {"form": form, "creating": False, "lead": lead, "organization": lead.organization},
    )


@anonymous_page
def lead_detail(request, public_id):
    org_ids = reader_org_ids(request)
    page = lead_page(request.user, public_id, _viewer_place_id(request))
    lead = page.lead
    title, title_language = queries.text_in(lead, "title")
    description, description_language = queries.text_in(lead, "description")
    editable = may_edit(request.user, lead, org_ids)
    context = {
        "lead": lead,
        "title": title,
        "title_language": title_language,
        "description": description,
        "description_language": description_language,
        "hs_path": page.hs_path,
        "countries": page.countries,
        "payment_terms": _labels(lead.payment_terms, "payment"),
        "certifications_held": _labels(lead.certifications_held, "cert"),
        "certifications_required": _labels(lead.certifications_required, "cert"),
        "verified": queries.is_verified(lead.organization),
        "contacts": queries.contacts_for(lead, request.user),
        "can_edit": editable,
        "allowed_actions": actions.allowed_actions(lead.status) if editable else [],
        "can_see_matches": lead.status == LeadStatus.PUBLISHED
        and bool(parties_of(request.user, lead, org_ids=org_ids)),
        "is_expiring": lead.valid_until <= timezone.localdate() + datetime.timedelta(days=7),
        "is_expired": lead.valid_until < timezone.localdate(),
        **_route_ends(lead, page.viewer_place),
    }
    return render(request, "trade/lead_detail.html", context)


# Where goods would travel from or to when the viewer has no place of their own: the platform's hub.
DEFAULT_PLACE = "CNCKG"


def _viewer_place_id(request) -> str:
    """The viewer's end of a lead's route: their organization's city, else Chongqing (a visitor or an
    organization without a city)."""
    organization = getattr(request, "active_organization", None)
    if organization is not None and organization.city_id:
        return organization.city_id
    return DEFAULT_PLACE


def _route_ends(lead, city) -> dict:
    """The two ends of the route shown on a lead: the lead's named place and the viewer's place
    (none when it is the lead's place); goods go from the seller's side to the buyer's."""
    if city is None:
        return {}
    place = lead.incoterm_place
    start, end = (place, city) if lead.kind == "sell" else (city, place)
    return {
        "route_from": start.pk,
        "route_to": end.pk,
        "route_from_name": start.name,
        "route_to_name": end.name,
    }


def _labels(codes, which):
    choices = dict(PaymentTerm.choices if which == "payment" else CertificationScheme.choices)
    return [choices.get(code, code) for code in codes or []]


@login_required
def my_leads(request):
    organization = getattr(request, "active_organization", None)
    if organization is None:
        return redirect("accounts:organizations")
    status = request.GET.get("status", "")
    if status not in LeadStatus.values:
        status = ""
    leads = list(queries.organization_leads(request.user, organization, status or None)[:200])
    counts = queries.status_counts(request.user, organization)
    return render(
        request,
        "trade/lead_mine.html",
        {
            "organization": organization,
            "leads": leads,
            "status": status,
            "statuses": [(value, label, counts[value]) for value, label in LeadStatus.choices],
            "total": sum(counts.values()),
        },
    )


@login_required
@require_POST
def lead_transition(request, public_id, action):
    if action not in LIFECYCLE:
        raise Http404
    lead = queries.editable_lead(request.user, public_id)
    try:
        if action == "renew":
            valid_until = request.POST.get("valid_until") or None
            try:
                valid_until = datetime.date.fromisoformat(valid_until) if valid_until else None
            except ValueError:
                messages.error(request, _("Enter a valid date."))
                return redirect("trade:lead_detail", public_id=lead.public_id)
            result = actions.renew_lead(request.user, lead, valid_until)
        else:
            result = getattr(actions, f"{action}_lead")(request.user, lead)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("trade:lead_detail", public_id=lead.public_id)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, DONE[action])
    if action == "duplicate":
        return redirect("trade:lead_edit", public_id=result.public_id)
    return redirect(reverse("trade:lead_detail", args=[result.public_id]))
