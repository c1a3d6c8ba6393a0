"""Pages of the events app, split by noun (events and registrations; B2B meetings)."""

from . import report, schedule

urlpatterns: list = [*schedule.urlpatterns, *report.urlpatterns]
