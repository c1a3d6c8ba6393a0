"""Lead pages (mounted at /leads/ in the "trade" namespace): new, mine, detail, edit, lifecycle."""

from django.urls import path

from . import views_leads

urlpatterns = [
    path("new/", views_leads.lead_new, name="lead_new"),
    path("mine/", views_leads.my_leads, name="my_leads"),
    path("<uuid:public_id>/", views_leads.lead_detail, name="lead_detail"),
    path("<uuid:public_id>/edit/", views_leads.lead_edit, name="lead_edit"),
    *[
        path(
            f"<uuid:public_id>/{action}/",
            views_leads.lead_transition,
            {"action": action},
            name=f"lead_{action}",
        )
        for action in views_leads.LIFECYCLE
    ],
]
