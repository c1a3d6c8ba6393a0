"""Event pages and calendar files: list with filters, detail with the programme in the event's and
the reader's time zone, drafts hidden, the organizer's forms, my events, .ics content, the reminder
job, and the committee page listing its events."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from scotemp.committees.models import Committee
from scotemp.events.actions.registrations import register
from scotemp.events.actions.reminders import send_reminders
from scotemp.events.choices import EventKind, EventStatus
from scotemp.events.models import Event
from scotemp.notifications.models import Notification
from tests.factories import UserFactory

from .event_data import add_session, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_in_english(aigerim, li_wei):
    """The personas read these pages in English (the ru and zh pages: tests/test_no_english.py)."""
    for user in (aigerim, li_wei):
        user.language = "en"
        user.save(update_fields=["language"])


def test_list_upcoming_past_and_filters(client):
    upcoming = make_event()
    webinar = make_event(kind=EventKind.WEBINAR, title_en="Aluminium webinar")
    start = timezone.now() - datetime.timedelta(days=30)
    past = make_event(title_en="Old forum", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    draft = make_event(title_en="Secret draft", status=EventStatus.DRAFT)
    body = client.get(reverse("events:list")).content.decode()
    assert upcoming.title_en in body and webinar.title_en in body
    assert past.title_en not in body and draft.title_en not in body
    body = client.get(reverse("events:list") + "?when=past").content.decode()
    assert past.title_en in body and upcoming.title_en not in body
    body = client.get(reverse("events:list") + "?kind=webinar").content.decode()
    assert webinar.title_en in body and upcoming.title_en not in body


def test_draft_is_404_for_the_public(client, operator):
    draft = make_event(status=EventStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(operator)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_detail_shows_programme_in_both_time_zones(client, aigerim):
    start = datetime.datetime(2099, 5, 1, 1, 0, tzinfo=datetime.UTC)  # 09:00 in Shanghai, 06:00 in Almaty
    event = make_event(capacity=10, starts_at=start, ends_at=start + datetime.timedelta(hours=8))
    add_session(event)
    client.force_login(aigerim)
    client.cookies["scotemp_tz"] = "Asia/Almaty"
    body = client.get(event.get_absolute_url()).content.decode()
    assert "Plenary session" in body and "Hall A" in body
    assert "Shanghai" in body and "Almaty" in body  # the event's zone and the reader's, by their cities
    text = body.replace("\u202f", " ")
    assert "10:00 AM–11:00 AM" in text  # the session at the venue (Shanghai) ...
    assert "7:00 AM–8:00 AM" in text  # ... and in the reader's time zone (Almaty)
    assert "Russian" in body  # interpretation into Russian, named in the reader's language
    assert "10 left" in body


def test_register_through_the_page_then_cancel(client, aigerim):
    event = make_event()
    client.force_login(aigerim)
    response = client.post(reverse("events:register", args=[event.public_id]), {"attendee_type": "seller"})
    assert response.status_code == 302
    registration = event.registrations.get(user=aigerim)
    body = client.get(event.get_absolute_url()).content.decode()
    assert "You are registered" in body and reverse("events:badge", args=[registration.public_id]) in body
    assert "Grain Trade Forum" in client.get(reverse("events:mine")).content.decode()
    client.post(reverse("events:registration_cancel", args=[registration.public_id]))
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_register_error_is_shown_on_the_page(client, outsider):
    event = make_event()
    client.force_login(outsider)
    response = client.post(reverse("events:register", args=[event.public_id]), {"attendee_type": "buyer"})
    assert response.status_code == 400
    assert "attend as government or media" in response.content.decode()


def test_secretary_creates_edits_publishes_an_event_with_a_session(client):
    secretary = UserFactory()
    committee = Committee.objects.order_by("position").first()
    committee.secretary = secretary
    committee.save()
    client.force_login(secretary)
    data = {
        "kind": "b2b",
        "committee": committee.pk,
        "title_en": "Wool B2B",
        "title_ru": "B2B-сессия по шерсти",
        "title_zh_hans": "羊毛洽谈会",
        "time_zone": "Asia/Almaty",
        "starts_at": "2099-05-01T09:00",
        "ends_at": "2099-05-01T18:00",
        "capacity": "50",
    }
    response = client.post(reverse("events:new"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title_en="Wool B2B")
    assert event.status == EventStatus.DRAFT and event.committee == committee
    assert event.starts_at == datetime.datetime(2099, 5, 1, 4, 0, tzinfo=datetime.UTC)  # 09:00 in Almaty
    session = {
        "title_en": "Table talks",
        "starts_at": "2099-05-01T10:00",
        "ends_at": "2099-05-01T12:00",
        "language": "RU",
        "interpretation": "zh,en",
    }
    assert client.post(reverse("events:session_new", args=[event.public_id]), session).status_code == 302
    assert event.sessions.get().interpretation == "zh, en"
    bad = {**session, "starts_at": "2099-06-01T10:00", "ends_at": "2099-06-01T11:00"}
    response = client.post(reverse("events:session_new", args=[event.public_id]), bad)
    assert response.status_code == 400 and "during the event" in response.content.decode()
    client.post(reverse("events:publish", args=[event.public_id]))
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    # a secretary cannot put an event under another committee
    other = Committee.objects.exclude(pk=committee.pk).first()
    response = client.post(reverse("events:new"), {**data, "committee": other.pk})
    assert response.status_code == 400


def test_organizer_registrations_page_counts_by_type(client, aigerim, li_wei, operator):
    event = make_event(requires_approval=True)
    register(aigerim, event, "seller")
    register(li_wei, event, "buyer")
    client.force_login(operator)
    body = client.get(reverse("events:registrations", args=[event.public_id])).content.decode()
    assert "Awaiting approval" in body and aigerim.full_name in body
    registration = event.registrations.get(user=aigerim)
    client.post(reverse("events:registration_decide", args=[registration.public_id]), {"decision": "approve"})
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_event_ics(client):
    event = make_event(venue_en="Chongqing International Expo Center")
    response = client.get(reverse("events:ics", args=[event.public_id]))
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    (vevent,) = [c for c in cal.walk("VEVENT")]
    assert str(vevent["uid"]) == f"event-{event.public_id}@scotemp"
    assert vevent.decoded("dtstart") == event.starts_at
    assert "Chongqing International Expo Center" in str(vevent["location"])


def test_my_events_ics_lists_active_registrations_only(client, aigerim):
    kept = make_event(title_en="Kept")
    dropped = make_event(title_en="Dropped")
    register(aigerim, kept, "seller")
    from scotemp.events.actions.registrations import cancel_registration

    cancel_registration(aigerim, register(aigerim, dropped, "seller"))
    client.force_login(aigerim)
    cal = Calendar.from_ical(client.get(reverse("events:mine_ics")).content)
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == ["Kept"]


def test_reminders_once_in_the_attendee_language_and_zone(aigerim, li_wei):
    soon = timezone.now() + datetime.timedelta(hours=20)
    event = make_event(starts_at=soon, ends_at=soon + datetime.timedelta(hours=4))
    later = make_event(title_en="Later")  # a week ahead: not yet
    register(aigerim, event, "seller", time_zone="Asia/Almaty")
    register(li_wei, later, "buyer")
    assert send_reminders() == 1
    assert send_reminders() == 0
    call_command("event_reminders", verbosity=0)
    reminders = Notification.objects.filter(kind="events.event_reminder")
    assert [n.user for n in reminders] == [aigerim]
    assert "Алматы" in reminders[0].params["when"]["ru"]


def test_committee_page_lists_its_events(client):
    committee = Committee.objects.order_by("position").first()
    make_event(committee=committee, title_en="Committee forum")
    make_event(title_en="Operator forum")
    body = client.get(reverse("committees:detail", args=[committee.slug])).content.decode()
    assert "Committee forum" in body and "Operator forum" not in body


def test_a_title_in_one_language_is_not_copied_into_the_reader_language(operator):
    from django.utils import translation

    from scotemp.events.actions.events import create_event

    start = timezone.now() + datetime.timedelta(days=30)
    values = {
        "kind": "forum",
        "title_zh_hans": "数字论坛",
        "starts_at": start,
        "ends_at": start,
        "time_zone": "UTC",
    }
    with translation.override("ru"):
        event = create_event(operator, values)
    event = Event.objects.get(pk=event.pk)
    assert event.title_zh_hans == "数字论坛" and not event.title_ru and not event.title_en
    assert str(event) == "数字论坛"


def test_registrations_csv_for_the_organizer(client, aigerim, li_wei, operator):
    import csv
    import io

    event = make_event()
    register(aigerim, event, "seller")
    url = reverse("events:registrations_csv", args=[event.public_id])
    client.force_login(li_wei)
    assert client.get(url).status_code == 404
    client.force_login(operator)
    response = client.get(url)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Attendee", "E-mail"]
    assert rows[1][0] == aigerim.full_name and rows[1][3] == "KZ"
