"""Pages of what providers publish: the public directory of current lane rates and service offers
(with filters), and a provider's own lane rates (form, edit, withdraw, CSV upload) and offers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from scotemp.accounts.views import add_errors

from ...actions import freight as actions
from ...choices import Equipment, Mode, ServiceKind
from ...forms.freight import LaneRateCsvForm, LaneRateForm, ServiceOfferForm, parse_lane_rate_csv
from ...queries import freight as freight_queries
from .common import acting_organization, page_of


def _code(value, choices):
    return value if value in {c for c, _label in choices} else ""


def providers(request):
    """Current lane rates and active service offers of every provider (public), filtered."""
    origin = (request.GET.get("origin") or "").strip().upper()[:5]
    destination = (request.GET.get("destination") or "").strip().upper()[:5]
    mode = _code(request.GET.get("mode"), Mode.choices)
    equipment = _code(request.GET.get("equipment"), Equipment.choices)
    kind = _code(request.GET.get("kind"), ServiceKind.choices)
    country = (request.GET.get("country") or "").strip().upper()[:2]
    country = country if country.isalpha() else ""
    rates = freight_queries.current_lane_rates(origin, destination, mode, equipment)
    offers = freight_queries.service_offers(kind=kind, country=country or None, place=origin or None)
    return render(
        request,
        "logistics/freight/providers.html",
        {
            "rates": page_of(request, rates),
            "offers": list(offers[:50]),
            "filters": {
                "origin": origin,
                "destination": destination,
                "mode": mode,
                "equipment": equipment,
                "kind": kind,
                "country": country,
            },
            "modes": Mode.choices,
            "equipments": Equipment.choices,
            "kinds": ServiceKind.choices,
        },
    )


def _my_page(request, organization, form=None, csv_form=None, status=200):
    return render(
        request,
        "logistics/freight/my_rates.html",
        {
            "organization": organization,
            "is_provider": organization is not None and actions.is_provider(organization),
            "rates": page_of(request, freight_queries.my_lane_rates(request.user)),
            "offers": freight_queries.my_service_offers(request.user),
            "form": form or LaneRateForm(),
            "csv_form": csv_form or LaneRateCsvForm(),
        },
        status=status,
    )


@login_required
def my_rates(request):
    """A provider's lane rates and service offers, with the form for a new lane rate."""
    organization = acting_organization(request)
    if organization is None:
        return redirect("accounts:organizations")
    if request.method == "POST":
        form = LaneRateForm(request.POST)
        if form.is_valid():
            try:
                actions.publish_lane_rate(request.user, organization, form.cleaned_data)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
                return _my_page(request, organization, form=form, status=403)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Lane rate published."))
                return redirect("logistics:lane_rates_mine")
        return _my_page(request, organization, form=form, status=400)
    return _my_page(request, organization)


@login_required
@require_POST
def rates_csv(request):
    """Many lane rates from one CSV file: all valid, or none published (errors name row and field)."""
    organization = acting_organization(request)
    if organization is None:
        return redirect("accounts:organizations")
    csv_form = LaneRateCsvForm(request.POST, request.FILES)
    rows, errors = parse_lane_rate_csv(request.FILES.get("file"))
    if not errors:
        try:
            rates = actions.publish_lane_rates(request.user, organization, rows)
        except PermissionDenied as exc:
            errors = {"file": [str(exc)]}
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            count = len(rates)
            messages.success(
                request,
                ngettext("%(count)d lane rate published.", "%(count)d lane rates published.", count)
                % {"count": count},
            )
            return redirect("logistics:lane_rates_mine")
    csv_form.is_valid()
    for field, field_errors in errors.items():
        for message in field_errors:
            csv_form.add_error(None, f"{field}: {message}" if field != "file" else message)
    return _my_page(request, organization, csv_form=csv_form, status=400)


@login_required
def rate_edit(request, public_id):
    rate = freight_queries.lane_rate_to_edit(request.user, public_id)
    if request.method == "POST":
        form = LaneRateForm(request.POST)
        if form.is_valid():
            try:
                actions.edit_lane_rate(request.user, rate, form.cleaned_data)
            except ValidationError as exc:
                if getattr(exc, "code", None) == "conflict":
                    messages.error(request, " ".join(exc.messages))
                    return redirect("logistics:lane_rates_mine")
                add_errors(form, exc)
            else:
                messages.success(request, _("Lane rate saved."))
                return redirect("logistics:lane_rates_mine")
        status = 400
    else:
        form = LaneRateForm(
            initial={
                "origin": rate.origin_id,
                "destination": rate.destination_id,
                "mode": rate.mode,
                "equipment": rate.equipment,
                "basis": rate.basis,
                "price": rate.price,
                "currency": rate.currency_id,
                "transit_days_min": rate.transit_days_min,
                "transit_days_max": rate.transit_days_max,
                "valid_from": rate.valid_from.isoformat(),
                "valid_until": rate.valid_until.isoformat(),
                "conditions": rate.conditions,
            }
        )
        status = 200
    return render(request, "logistics/freight/rate_form.html", {"form": form, "rate": rate}, status=status)


@login_required
@require_POST
def rate_withdraw(request, public_id):
    rate = freight_queries.lane_rate_to_edit(request.user, public_id)
    actions.withdraw_lane_rate(request.user, rate)
    messages.success(request, _("Lane rate withdrawn."))
    return redirect("logistics:lane_rates_mine")


def _offer_page(request, form, offer=None, status=200):
    return render(request, "logistics/freight/offer_form.html", {"form": form, "offer": offer}, status=status)


def _offer_args(form):
    data = dict(form.cleaned_data)
    return data, data.pop("countries", None) or [], data.pop("places", None) or []


@login_required
def offer_new(request):
    organization = acting_organization(request)
    if organization is None:
        return redirect("accounts:organizations")
    if request.method == "POST":
        form = ServiceOfferForm(request.POST)
        if form.is_valid():
            values, countries, places = _offer_args(form)
            try:
                actions.publish_service_offer(request.user, organization, values, countries, places)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
                return _offer_page(request, form, status=403)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Service offer published."))
                return redirect("logistics:lane_rates_mine")
        return _offer_page(request, form, status=400)
    language = getattr(request, "LANGUAGE_CODE", "en")
    return _offer_page(request, ServiceOfferForm(initial={"language": language}))


@login_required
def offer_edit(request, public_id):
    offer = freight_queries.service_offer_to_edit(request.user, public_id)
    if request.method == "POST":
        form = ServiceOfferForm(request.POST)
        if form.is_valid():
            values, countries, places = _offer_args(form)
            try:
                actions.edit_service_offer(request.user, offer, values, countries, places)
            except ValidationError as exc:
                if getattr(exc, "code", None) == "conflict":
                    messages.error(request, " ".join(exc.messages))
                    return redirect("logistics:lane_rates_mine")
                add_errors(form, exc)
            else:
                messages.success(request, _("Service offer saved."))
                return redirect("logistics:lane_rates_mine")
        return _offer_page(request, form, offer, status=400)
    form = ServiceOfferForm(
        initial={
            "kind": offer.kind,
            "title": offer.title,
            "description": offer.description,
            "language": offer.language,
            "countries": [c.pk for c in offer.countries.all()],
            "places": ", ".join(p.pk for p in offer.places.all()),
            "conditions": offer.conditions,
        }
    )
    return _offer_page(request, form, offer)


@login_required
@require_POST
def offer_withdraw(request, public_id):
    offer = freight_queries.service_offer_to_edit(request.user, public_id)
    actions.withdraw_service_offer(request.user, offer)
    messages.success(request, _("Service offer withdrawn."))
    return redirect("logistics:lane_rates_mine")


urlpatterns = [
    path("providers/", providers, name="freight_providers"),
    path("lane-rates/mine/", my_rates, name="lane_rates_mine"),
    path("lane-rates/csv/", rates_csv, name="lane_rates_csv"),
    path("lane-rates/<uuid:public_id>/edit/", rate_edit, name="lane_rate_edit"),
    path("lane-rates/<uuid:public_id>/withdraw/", rate_withdraw, name="lane_rate_withdraw"),
    path("offers/new/", offer_new, name="service_offer_new"),
    path("offers/<uuid:public_id>/edit/", offer_edit, name="service_offer_edit"),
    path("offers/<uuid:public_id>/withdraw/", offer_withdraw, name="service_offer_withdraw"),
]
