"""The event report page (organizers and the operator; anyone else 404), with bar charts drawn as
inline SVG by the portal's chart geometry."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from scotemp.portal.queries import bar_chart

from ..queries.report import event_report
from ..queries.schedule import organized_event


@login_required
def report_page(request, public_id):
    event = organized_event(request.user, public_id)
    report = event_report(event)
    context = {
        "event": event,
        "report": report,
        "type_chart": bar_chart([(label, n) for _code, label, n in report.by_type]),
        "country_chart": bar_chart([(name, n) for _code, name, n in report.by_country]),
        "meeting_chart": bar_chart(
            [(label, n) for label, n in _funnel(report)],
        ),
        "outcome_chart": bar_chart([(label, n) for _code, label, n in report.outcomes]),
    }
    return render(request, "events/report/page.html", context)


def _funnel(report):
    from django.utils.translation import gettext as _

    if not report.has_b2b:
        return []
    return [
        (_("Requested"), report.requested),
        (_("Accepted"), report.accepted),
        (_("Scheduled"), report.scheduled),
        (_("Held"), report.held),
    ]


urlpatterns = [path("<uuid:public_id>/report/", report_page, name="report")]
