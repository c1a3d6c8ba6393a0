"""The delivered-cost calculator page: the form (GET, so a result can be linked and bookmarked) and
the breakdown with each line's source, labels and a stacked bar of the amounts."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from ..forms.costs import LandedCostForm
from ..queries.costs import landed_cost

BAR_WIDTH = 1000  # SVG user units of the stacked bar


def bar_segments(result) -> list[dict]:
    """Positions of the known, positive lines on a bar of :data:`BAR_WIDTH` units (server-drawn SVG)."""
    parts = [line for line in result.lines if line.amount and line.amount > 0]
    total = sum((line.amount for line in parts), Decimal(0))
    segments, x = [], Decimal(0)
    for line in parts:
        width = line.amount * BAR_WIDTH / total
        segments.append({"line": line, "x": round(x, 2), "width": round(width, 2), "kind": line.kind})
        x += width
    return segments


@require_GET
def landed_cost_page(request):
    form, result = LandedCostForm(), None
    status = 200
    if request.GET.get("hs_code") is not None:
        form = LandedCostForm(request.GET)
        if form.is_valid():
            try:
                result = landed_cost(form.cost_input())
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    name = f"{field}_amount" if f"{field}_amount" in form.fields else field
                    form.add_error(name if name in form.fields else None, messages)
        if result is None:
            status = 400
    return render(
        request,
        "logistics/costs/landed_cost.html",
        {
            "form": form,
            "result": result,
            "segments": bar_segments(result) if result else [],
            "bar_width": BAR_WIDTH,
        },
        status=status,
    )


urlpatterns = [path("landed-cost/", landed_cost_page, name="landed_cost")]
