"""The operator's deals report page: the filter form, three tables and a monthly bar chart over
:func:`scotemp.deals.reporting.deal_report`. Everyone else gets 404, like the other operator pages."""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from scotemp.committees.models import Committee
from scotemp.core.permissions import is_operator
from scotemp.core.widgets import DateInput

from ..reporting import deal_report

CHART_HEIGHT = 120  # px of the tallest bar
BAR_STEP = 56  # px between bars
BAR_WIDTH = 36


class ReportFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("Agreed from"),
        required=False,
        widget=DateInput(),
    )
    date_to = forms.DateField(label=_("until"), required=False, widget=DateInput())
    committee = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.order_by("position", "slug"),
        required=False,
        empty_label=_("All committees"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period comes before its start."))
        return cleaned


def _bars(rows) -> list[dict]:
    """Geometry of the monthly chart (USD values), scaled to the largest month."""
    top = max((row.value_usd for row in rows), default=0)
    bars = []
    for i, row in enumerate(rows):
        height = int(CHART_HEIGHT * row.value_usd / top) if top else 0
        bars.append(
            {
                "row": row,
                "x": i * BAR_STEP + (BAR_STEP - BAR_WIDTH) // 2,
                "label_x": i * BAR_STEP + BAR_STEP // 2,
                "y": CHART_HEIGHT - height + 20,
                "height": height,
            }
        )
    return bars


def report(request):
    if not is_operator(request.user):
        raise Http404
    form = ReportFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    result = deal_report(
        date_from=filters.get("date_from"), date_to=filters.get("date_to"), committee=filters.get("committee")
    )
    bars = _bars(result.by_month)
    return render(
        request,
        "deals/report.html",
        {
            "form": form,
            "report": result,
            "bars": bars,
            "chart_width": max(len(bars), 1) * BAR_STEP,
            "chart_height": CHART_HEIGHT + 60,
            "bar_width": BAR_WIDTH,
            "tables": [
                (_("By committee"), result.by_committee, "committee"),
                (_("By country pair"), result.by_country_pair, "pair"),
                (_("By month"), result.by_month, "month"),
            ],
        },
    )
