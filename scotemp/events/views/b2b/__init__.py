"""B2B pages: participants (:mod:`.participants`: the session, profile and availability, directory,
requests, booking, agenda, meetings and outcomes) and the organizer's (:mod:`.organizer`: set-up,
per-table agendas, placing and moving meetings)."""

from django.urls import path

from . import organizer, participants

E = "<uuid:public_id>/b2b/"

urlpatterns = [
    path(E, participants.overview, name="b2b_overview"),
    path(E + "join/", participants.join, name="b2b_join"),
    path(E + "profile/", participants.profile, name="b2b_profile"),
    path(E + "participants/", participants.directory, name="b2b_directory"),
    path(
        E + "participants/<int:participant_id>/request/", participants.request_send, name="b2b_request_send"
    ),
    path(E + "requests/", participants.requests, name="b2b_requests"),
    path(E + "requests/<uuid:request_id>/book/", participants.book, name="b2b_book"),
    path(
        E + "requests/<uuid:request_id>/<str:decision>/",
        participants.request_decide,
        name="b2b_request_decide",
    ),
    path(E + "agenda/", participants.agenda, name="b2b_agenda"),
    path(E + "agenda.ics", participants.agenda_ics, name="b2b_agenda_ics"),
    path(E + "agenda.pdf", participants.agenda_pdf, name="b2b_agenda_pdf"),
    path(E + "meetings/<uuid:meeting_id>/", participants.meeting, name="b2b_meeting"),
    path(E + "meetings/<uuid:meeting_id>/cancel/", participants.meeting_cancel, name="b2b_meeting_cancel"),
    path(E + "manage/", organizer.manage, name="b2b_manage"),
    path(E + "manage/<str:step>/", organizer.manage_step, name="b2b_manage_step"),
    path(E + "tables/", organizer.tables, name="b2b_tables"),
    path(E + "tables.pdf", organizer.tables_pdf, name="b2b_tables_pdf"),
    path(
        E + "meetings/<uuid:meeting_id>/organize/",
        organizer.meeting_organize,
        name="b2b_meeting_organize",
    ),
]
