"""Pages of the events app, split by noun (events and registrations; B2B meetings)."""

from . import checkin, events, registrations, report, schedule
from .b2b import urlpatterns as _b2b_pages

urlpatterns: list = [
    # "mine/" and "new/" before "<uuid>/": literal paths first
    *registrations.urlpatterns,
    *events.urlpatterns,
    *checkin.urlpatterns,
    *_b2b_pages,
    *schedule.urlpatterns,
    *report.urlpatterns,
]
