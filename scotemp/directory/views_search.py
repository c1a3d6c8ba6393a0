"""Directory pages: the public search with facets, an organization's public page with its contact form,
and the members' inbox. Views validate, call one query or action, render."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from scotemp.accounts.models import Membership, Organization
from scotemp.reference.models import Country

from . import inbox as inbox_actions
from . import queries as profile_queries
from .choices import Activity, TradeDirection
from .queries_search import SORTS, SearchParams, facets, search, widening_counts

SORT_LABELS = {
    "relevance": gettext_lazy("Best match"),
    "name": gettext_lazy("Name"),
    "newest": gettext_lazy("Newest"),
    "verified": gettext_lazy("Recently verified"),
}
FILTER_LABELS = {
    "q": gettext_lazy("Text"),
    "country": gettext_lazy("Country"),
    "sco": gettext_lazy("SCO status"),
    "committee": gettext_lazy("Committee"),
    "hs": gettext_lazy("HS code"),
    "activity": gettext_lazy("Activity"),
    "verified": gettext_lazy("Verified only"),
}


class DirectorySearchForm(forms.Form):
    """The query string of the directory page; invalid values are reported and ignored."""

    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200, strip=True)
    country = forms.CharField(label=gettext_lazy("Country"), required=False, max_length=2)
    sco = forms.ChoiceField(
        label=gettext_lazy("SCO status"),
        required=False,
        choices=[
            ("", gettext_lazy("Any")),
            ("member", gettext_lazy("Member state")),
            ("partner", gettext_lazy("SCO partner")),
        ],
    )
    committee = forms.SlugField(label=gettext_lazy("Committee"), required=False, max_length=50)
    hs = forms.RegexField(
        label=gettext_lazy("HS code"),
        required=False,
        regex=r"^\d{2}(\d{2}(\d{2})?)?$",
        error_messages={
            "invalid": gettext_lazy("Enter an HS chapter (2 digits) or heading (4 or 6 digits).")
        },
    )
    hs_direction = forms.ChoiceField(
        label=gettext_lazy("Trade direction"),
        required=False,
        choices=[("", gettext_lazy("Exports or imports")), *TradeDirection.choices],
    )
    activity = forms.ChoiceField(
        label=gettext_lazy("Activity"), required=False, choices=[("", gettext_lazy("Any")), *Activity.choices]
    )
    verified = forms.BooleanField(label=gettext_lazy("Verified only"), required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort by"), required=False, choices=list(SORT_LABELS.items()))
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def clean_country(self):
        iso = (self.cleaned_data.get("country") or "").upper()
        if iso and not Country.objects.filter(iso2=iso).exists():
            raise ValidationError(_("Country: unknown ISO code %(code)s.") % {"code": iso})
        return iso

    def params(self) -> SearchParams:
        """The valid part of the query; an invalid field counts as not given."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        data["sort"] = data.get("sort") if data.get("sort") in SORTS else "relevance"
        data["page"] = data.get("page") or 1
        return SearchParams(**data)


def params_query(params: SearchParams, **changes) -> str:
    """The query string for ``params`` with ``changes`` (None drops a parameter); page 1 unless given."""
    values = {
        "q": params.q,
        "country": params.country,
        "sco": params.sco,
        "committee": params.committee,
        "hs": params.hs,
        "hs_direction": params.hs_direction,
        "activity": params.activity,
        "verified": "1" if params.verified else "",
        "sort": "" if params.sort == "relevance" else params.sort,
        "page": "",
    }
    for key, value in changes.items():
        values[key] = "" if value is None else str(value)
    if values["page"] == "1":
        values["page"] = ""
    return "?" + urlencode([(k, v) for k, v in values.items() if v])


def _facet_groups(params: SearchParams, counts) -> list[dict]:
    def group(name, label, values):
        items = [
            {
                "label": v.label,
                "value": v.value,
                "count": v.count,
                "selected": v.selected,
                "url": params_query(params, **{name: None if v.selected else v.value}),
            }
            for v in values
        ]
        return {"name": name, "label": label, "values": items}

    groups = [
        group("sco", FILTER_LABELS["sco"], counts.sco),
        group("country", FILTER_LABELS["country"], counts.country),
        group("activity", FILTER_LABELS["activity"], counts.activity),
        group("hs", _("HS chapter") if len(params.hs) < 2 else _("HS heading"), counts.hs),
        group("committee", FILTER_LABELS["committee"], counts.committee),
    ]
    if params.hs and not any(v["selected"] for v in groups[3]["values"]):
        groups[3]["values"].insert(
            0,
            {
                "label": "",
                "value": params.hs,
                "count": None,
                "selected": True,
                "url": params_query(params, hs=None),
            },
        )
    return groups


def _active_filters(params: SearchParams, counts: dict[str, int] | None = None) -> list[dict]:
    labels = {
        "sco": dict(DirectorySearchForm.base_fields["sco"].choices),
        "activity": dict(Activity.choices),
    }
    active = []
    for name in params.active_filters():
        value = getattr(params, name)
        shown = labels.get(name, {}).get(value, value) if name != "verified" else ""
        active.append(
            {
                "name": name,
                "label": FILTER_LABELS[name],
                "value": shown,
                "url": params_query(
                    params, **{name: None, **({"hs_direction": None} if name == "hs" else {})}
                ),
                "count": (counts or {}).get(name),
            }
        )
    return active


def directory_list(request):
    form = DirectorySearchForm(request.GET or None)
    params = form.params() if request.GET else SearchParams()
    result = search(params)
    counts = facets(params)
    widen = widening_counts(params) if result.total == 0 else None
    context = {
        "form": form,
        "params": params,
        "result": result,
        "facet_groups": _facet_groups(params, counts),
        "verified_count": counts.verified,
        "verified_url": params_query(params, verified=None if params.verified else "1"),
        "active_filters": _active_filters(params, widen),
        "clear_url": params_query(SearchParams(q=params.q)) if params.active_filters() != ["q"] else "?",
        "sorts": [
            {"value": v, "label": label, "selected": v == params.sort, "url": params_query(params, sort=v)}
            for v, label in SORT_LABELS.items()
        ],
        "page_links": [
            {"number": n, "url": params_query(params, page=n) if n else None, "current": n == result.page}
            for n in result.page_numbers()
        ],
        "hs_directions": [
            ((value, params_query(params, hs_direction=value or None)), label)
            for value, label in [("", _("either")), *TradeDirection.choices]
        ],
        "previous_url": params_query(params, page=result.page - 1) if result.has_previous else None,
        "next_url": params_query(params, page=result.page + 1) if result.has_next else None,
    }
    template = "directory/_results.html" if getattr(request, "htmx", False) else "directory/list.html"
    return render(request, template, context)


class ContactForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=inbox_actions.SUBJECT_MAX)
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=inbox_actions.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


def _organization_page(request, organization, contact_form=None, status=200):
    user = request.user
    role = None
    if user.is_authenticated:
        role = (
            Membership.objects.filter(user=user, organization=organization)
            .values_list("role", flat=True)
            .first()
        )
    can_edit = Organization.objects.editable_by(user).filter(pk=organization.pk).exists()
    context = {
        "organization": organization,
        "profile": profile_queries.profile_for_display(organization, user),
        "is_member": role is not None,
        "can_edit": can_edit,
        "unread": inbox_actions.unread_count(organization) if role else 0,
        "contact_form": contact_form or ContactForm(),
    }
    return render(request, "directory/organization.html", context, status=status)


def organization_detail(request, public_id):
    organization = profile_queries.organization_for_display(public_id)
    return _organization_page(request, organization)


@require_POST
def contact(request, public_id):
    organization = profile_queries.organization_for_display(public_id)
    if not request.user.is_authenticated:
        page = reverse("directory:organization", args=[organization.public_id])
        return redirect_to_login(page + "#contact")
    form = ContactForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            inbox_actions.send_contact_message(
                request.user, organization, form.cleaned_data["subject"], form.cleaned_data["body"]
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "rate_limited":
                status = 429
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                for error in exc.messages:
                    form.add_error(None, error)
        else:
            messages.success(
                request, _("Your message was sent to %(organization)s.") % {"organization": organization.name}
            )
            return redirect("directory:organization", public_id=organization.public_id)
    return _organization_page(request, organization, contact_form=form, status=status)


def inbox(request, public_id):
    organization = inbox_actions.member_organization(request.user, public_id)
    page = Paginator(inbox_actions.inbox_messages(organization), 20).get_page(request.GET.get("page"))
    unread_ids = [m.pk for m in page.object_list if m.read_at is None]
    inbox_actions.mark_read(organization, unread_ids)
    context = {"organization": organization, "page": page, "unread_ids": set(unread_ids)}
    return render(request, "directory/inbox.html", context)
