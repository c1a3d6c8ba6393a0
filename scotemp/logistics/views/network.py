"""The logistics landing page, the corridors and the route planner."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from ..choices import Confidence, Mode
from ..forms.network import RouteForm
from ..models import Corridor
from ..queries import routes
from ..queries.routes import graph
from .network_map import route_map


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def index(request):
    """What the logistics section offers: corridors, route planner, delivered cost, freight quotes,
    shipments (each section links to its page once built)."""
    return render(request, "logistics/index.html", {})


def corridors(request):
    """The published corridors from Chongqing with their figures, sources and confidence."""
    rows = list(Corridor.objects.select_related("origin", "destination").order_by("code"))
    names = {code: routes.places.place_name(code) for row in rows for code in row.via}
    for row in rows:
        row.via_names = [names[code] for code in row.via]
        row.mode_label = (
            _label(Mode, row.mode)
            if row.mode in Mode.values
            else _("Multimodal")
            if row.mode == "multimodal"
            else row.mode
        )
    return render(request, "logistics/network/corridors.html", {"corridors": rows})


def planner(request):
    """The route planner: a form (GET, so a plan can be linked to) and the options as cards over a map."""
    form = RouteForm(request.GET or None)
    plan, chosen = None, 0
    if form.is_bound and form.is_valid():
        try:
            plan = routes.plan_routes(
                form.cleaned_data["origin"].locode,
                form.cleaned_data["destination"].locode,
                form.cargo(),
                rank=form.cleaned_data.get("rank") or "time",
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
    if plan is not None:
        for option in plan.options:
            option.mode_labels = [_label(Mode, mode) for mode in option.modes]
            option.via_names = [routes.places.place_name(code) for code in option.via]
            option.corridor_confidence_label = _label(Confidence, option.corridor_confidence)
            for leg in option.legs:
                leg.mode_label = _label(Mode, leg.mode)
                leg.confidence_label = _label(Confidence, leg.confidence)
        try:
            chosen = min(max(int(request.GET.get("option", 0)), 0), len(plan.options) - 1)
        except ValueError:
            chosen = 0
    query = request.GET.copy()
    query.pop("option", None)
    context = {
        "form": form,
        "plan": plan,
        "chosen": chosen,
        "query": query.urlencode(),
        "map": route_map(graph.network(), plan.options if plan else [], chosen if plan else None),
    }
    return render(request, "logistics/network/planner.html", context)


urlpatterns = [
    path("", index, name="index"),
    path("corridors/", corridors, name="corridors"),
    path("routes/", planner, name="routes"),
]
