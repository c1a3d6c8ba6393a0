"""The B2B pages: each opens for whom it is for and 404s for others; forms act through the actions;
the agenda downloads (.ics, PDF) carry the meetings in the participant's language and time zone."""

import datetime
import io

import pytest
from django.urls import reverse
from icalendar import Calendar

from scotemp.events.actions import b2b as actions
from scotemp.events.choices import B2BPhase, RequestStatus
from scotemp.events.models import MeetingRequest

from .b2b_data import accepted, join, make_event, make_participant, make_session, organizer_user


@pytest.fixture
def world(db, aigerim, kz_org, li_wei, cn_org):
    organizer = organizer_user()
    event = make_event(title_ru="Форум ШОС B2B", title_zh_hans="上合组织B2B论坛")
    session = make_session(organizer, event)
    kz = join(
        aigerim, kz_org, session, ("ru", "kk"), offer_hs=["100199"], seek_hs=["8701"], time_zone="Asia/Almaty"
    )
    cn = join(li_wei, cn_org, session, ("zh",), offer_hs=["8701"], seek_hs=["1001"])
    kz.registration.language = "ru"
    kz.registration.save()
    cn.registration.language = "zh-hans"
    cn.registration.save()
    request = accepted(session, aigerim, kz, li_wei, cn)
    meeting = actions.book_meeting(aigerim, request, session.slots.first())
    return type(
        "W",
        (),
        dict(
            organizer=organizer,
            event=event,
            session=session,
            kz=kz,
            cn=cn,
            aigerim=aigerim,
            li_wei=li_wei,
            request=request,
            meeting=meeting,
        ),
    )


def url(name, w, **extra):
    return reverse(f"events:{name}", kwargs={"public_id": w.event.public_id, **extra})


PARTICIPANT_PAGES = ["b2b_overview", "b2b_profile", "b2b_directory", "b2b_requests", "b2b_agenda"]


@pytest.mark.parametrize("name", PARTICIPANT_PAGES)
def test_participant_pages_open_and_hide(client, world, outsider, name):
    client.force_login(world.aigerim)
    assert client.get(url(name, world)).status_code == 200
    client.force_login(outsider)
    assert client.get(url(name, world)).status_code == 404


def test_meeting_page_only_for_its_sides(client, world):
    _u, _third = make_participant(world.session, name="Third Party")
    client.force_login(world.li_wei)
    page = client.get(url("b2b_meeting", world, meeting_id=world.meeting.public_id))
    assert page.status_code == 200
    client.force_login(_u)
    assert client.get(url("b2b_meeting", world, meeting_id=world.meeting.public_id)).status_code == 404
    assert client.get(url("b2b_book", world, request_id=world.request.public_id)).status_code == 404


def test_organizer_pages(client, world):
    client.force_login(world.organizer)
    for name in ("b2b_manage", "b2b_tables", "b2b_directory", "b2b_overview"):
        assert client.get(url(name, world)).status_code == 200, name
    client.force_login(world.aigerim)
    assert client.get(url("b2b_manage", world)).status_code == 404
    assert client.get(url("b2b_tables", world)).status_code == 404


def test_request_from_directory_and_accept(client, world):
    u, by = make_participant(world.session, name="Minsk Buyer", languages=("ru",))
    client.force_login(u)
    response = client.post(url("b2b_request_send", world, participant_id=world.kz.pk), {"priority": "3"})
    assert response.status_code == 302
    sent = MeetingRequest.objects.get(requester=by)
    assert sent.priority == 3
    client.force_login(world.aigerim)
    client.post(url("b2b_request_decide", world, request_id=sent.public_id, decision="accept"))
    sent.refresh_from_db()
    assert sent.status == RequestStatus.ACCEPTED
    # The booking page lists free common slots; booking one puts it on the agenda.
    page = client.get(url("b2b_book", world, request_id=sent.public_id))
    assert page.status_code == 200
    slot = world.session.slots.all()[1]
    client.post(url("b2b_book", world, request_id=sent.public_id), {"slot": slot.pk})
    assert sent.meetings.get().slot == slot


def test_availability_grid_saves(client, world):
    client.force_login(world.aigerim)
    slot = world.session.slots.last()
    client.post(url("b2b_profile", world), {"part": "availability", "slots": [slot.pk]})
    assert list(world.kz.available_slots.all()) == [slot]


def test_agenda_ics_in_utc_with_meeting(client, world):
    client.force_login(world.aigerim)
    response = client.get(url("b2b_agenda_ics", world))
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 1
    assert events[0].decoded("dtstart") == world.meeting.slot.starts_at.astimezone(datetime.UTC)
    assert str(events[0]["uid"]) == f"meeting-{world.meeting.public_id}@scotemp"


@pytest.mark.parametrize(
    ("user_attr", "language", "expected"),
    [("aigerim", "ru", "Программа B2B-встреч"), ("li_wei", "zh-hans", "B2B洽谈日程")],
)
def test_agenda_pdf_in_participants_language(client, world, user_attr, language, expected):
    from pypdf import PdfReader

    from scotemp.deals.documents import find_fonts

    try:
        find_fonts()
    except Exception:
        pytest.skip("no PDF font installed")
    client.force_login(getattr(world, user_attr))
    response = client.get(url("b2b_agenda_pdf", world))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = "".join(page.extract_text() for page in pages).replace("\x00", "")
    assert expected in text
    other = world.cn if user_attr == "aigerim" else world.kz
    assert other.organization.name in text
    # Aigerim's times in Almaty, Li Wei's in Shanghai.
    zone = "Asia/Almaty" if user_attr == "aigerim" else "Asia/Shanghai"
    assert zone in text


def test_manage_steps(client, world):
    client.force_login(world.organizer)
    client.post(url("b2b_manage_step", world, step="tables"), {"count": "2"})
    assert world.session.tables.count() == 4
    client.post(url("b2b_manage_step", world, step="interpreters"), {"name": "Анна", "pairs": "ru-en"})
    assert world.session.interpreters.count() == 2
    client.post(url("b2b_manage_step", world, step="phase"), {"phase": B2BPhase.REQUESTS_CLOSED})
    world.session.refresh_from_db()
    assert world.session.phase == B2BPhase.REQUESTS_CLOSED
    client.force_login(world.aigerim)
    assert client.post(url("b2b_manage_step", world, step="phase"), {"phase": "final"}).status_code == 404


def test_organizer_places_and_caps(client, world):
    u, by = make_participant(world.session, name="Minsk Buyer", languages=("ru",))
    request = accepted(world.session, u, by, world.aigerim, world.kz)
    client.force_login(world.organizer)
    page = client.get(url("b2b_manage", world))
    assert str(request.public_id) in page.content.decode()  # offered for placing
    slot = world.session.slots.all()[2]
    client.post(url("b2b_manage_step", world, step="place"), {"request": request.public_id, "slot": slot.pk})
    placed = request.meetings.get()
    assert placed.slot == slot and placed.locked
    client.post(url("b2b_manage_step", world, step="cap"), {"participant": by.pk, "cap": "2"})
    by.refresh_from_db()
    assert by.cap == 2
    client.post(url("b2b_meeting_organize", world, meeting_id=placed.public_id), {"op": "unlock"})
    placed.refresh_from_db()
    assert not placed.locked


def test_outcome_page_links_a_deal(client, world):
    import datetime as dt

    from django.utils import timezone

    from scotemp.deals.tests.helpers import open_deal
    from scotemp.events.models import MeetingSlot

    past = MeetingSlot.objects.create(
        session=world.session,
        starts_at=timezone.now() - dt.timedelta(hours=5),
        ends_at=timezone.now() - dt.timedelta(hours=4, minutes=40),
    )
    u, by = make_participant(world.session, name="Minsk Buyer", languages=("ru",))
    request = accepted(world.session, u, by, world.aigerim, world.kz)
    meeting = actions.place_meeting(world.organizer, request, past)
    deal = open_deal(world.li_wei, world.cn.organization, world.aigerim, world.kz.organization)  # not theirs
    client.force_login(world.aigerim)
    page = client.get(url("b2b_meeting", world, meeting_id=meeting.public_id))
    assert str(deal.public_id) not in page.content.decode()  # a deal with another organization is not offered
    response = client.post(
        url("b2b_meeting", world, meeting_id=meeting.public_id),
        {"outcome": "follow_up", "note": "Call in May"},
    )
    assert response.status_code == 302
    assert meeting.outcomes.get().note == "Call in May"
