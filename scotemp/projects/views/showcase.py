"""The public showcase of signed and running projects, with bar charts drawn as inline SVG by the
portal's chart geometry: what the operator reports to the city."""

from django.shortcuts import render
from django.urls import path

from scotemp.committees.models import Committee
from scotemp.core.pagecache import anonymous_page
from scotemp.portal.queries import bar_chart

from ..choices import ProjectField
from ..queries.showcase import showcase


@anonymous_page
def showcase_page(request):
    field = request.GET.get("field", "")
    field = field if field in ProjectField.values else ""
    committee = (request.GET.get("committee") or "")[:50]
    report = showcase(committee=committee, field_code=field)
    context = {
        "report": report,
        "field": field,
        "committee": committee,
        "fields": ProjectField.choices,
        "committees": Committee.objects.order_by("position"),
        "country_chart": bar_chart([(r.label, r.total.count) for r in report.by_country]),
        "committee_chart": bar_chart([(r.label, r.total.count) for r in report.by_committee]),
        "field_chart": bar_chart([(r.label, r.total.count) for r in report.by_field]),
        "quarter_chart": bar_chart([(r.label, r.total.count) for r in report.by_quarter]),
        "quarter_value_chart": bar_chart([(r.label, int(r.total.usd)) for r in report.by_quarter]),
    }
    return render(request, "projects/showcase.html", context)


urlpatterns = [path("showcase/", showcase_page, name="showcase")]
