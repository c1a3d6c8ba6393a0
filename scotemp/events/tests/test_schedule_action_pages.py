"""The organizer's Schedule page and the schedule API: who may open them (organizers; 404 for
others), computing through the task (immediate in tests), the grid and the reasons shown, lock and
publish, the refusals as translated 409s."""

import pytest
from django.urls import reverse

from scotemp.events.choices import B2BPhase, MeetingStatus
from scotemp.events.models import Meeting

from .schedule_data import accepted, make_interpreter, make_participant, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(db):

    s = make_session(slots=2, tables=1)
    slot1 = s.slots.first()
    zh = make_participant(s, ["zh"])
    ru = make_participant(s, ["ru"])
    en = make_participant(s, ["en"])
    make_interpreter(s, ["zh-ru"], slots=[slot1], name="Wang Fang")
    accepted(zh, ru, priority=3)
    accepted(zh, en)  # no interpreter for zh-en
    return s


def url(name, session, **kw):
    return reverse(f"events:{name}", kwargs={"public_id": session.event.public_id, **kw})


def test_strangers_get_404(client, session, li_wei):
    client.force_login(li_wei)
    assert client.get(url("schedule", session)).status_code == 404
    assert client.post(url("schedule_compute", session)).status_code == 404
    assert client.get(url("report", session)).status_code == 404
    assert client.get(f"/api/v1/events/{session.event.public_id}/schedule").status_code == 404
    assert client.post(f"/api/v1/events/{session.event.public_id}/schedule").status_code == 404


def test_compute_lock_publish_on_the_page(client, session, operator, django_capture_on_commit_callbacks):
    client.force_login(operator)
    page = client.get(url("schedule", session))
    assert page.status_code == 200 and b"Schedule all" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("schedule_compute", session))
    assert response.status_code == 302
    page = client.get(url("schedule", session))
    body = page.content.decode()
    assert "Wang Fang" in body  # the interpreter in the grid
    assert "No interpreter free for this language pair" in body  # the zh-en request's reason
    assert "1 / 1" in body  # must-meets placed
    meeting = Meeting.objects.get(session=session)
    client.post(url("meeting_lock", session, meeting_id=meeting.public_id), {"locked": "1"})
    assert Meeting.objects.get(pk=meeting.pk).locked
    client.post(url("schedule_publish", session))
    session.refresh_from_db()
    assert session.phase == B2BPhase.FINAL
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CONFIRMED


def test_the_page_in_russian_and_chinese(client, session, operator, django_capture_on_commit_callbacks):
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("schedule_compute", session))
    for language, expected in (("ru", "Нет свободного переводчика"), ("zh-hans", "没有")):
        operator.language = language
        operator.save(update_fields=["language"])
        client.force_login(operator)
        page = client.get(url("schedule", session))
        assert page.status_code == 200
        assert expected in page.content.decode()


def test_closed_phase_is_a_translated_409(client, operator):
    s = make_session(phase=B2BPhase.REQUESTS_OPEN)
    client.force_login(operator)
    response = client.post(f"/api/v1/events/{s.event.public_id}/schedule", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    assert "Close the meeting requests" in response.json()["detail"]
    page = client.post(url("schedule_compute", s), follow=True)
    assert "Close the meeting requests" in page.content.decode()


def test_api_schedule_all_then_state(client, session, operator, django_capture_on_commit_callbacks):
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/events/{session.event.public_id}/schedule")
    assert response.status_code == 202
    assert response.json()["state"] == "computing"
    state = client.get(f"/api/v1/events/{session.event.public_id}/schedule").json()
    assert state["state"] == "done"
    assert state["meetings"] == 1 and state["objective"] == 3 and state["bound"] == 3
    assert state["unscheduled"] == {"no_interpreter": 1}
    published = client.post(f"/api/v1/events/{session.event.public_id}/schedule/publish")
    assert published.status_code == 200 and published.json() == {"confirmed": 1, "phase": "final"}


def test_a_second_request_while_computing_is_refused(client, session, operator):
    client.force_login(operator)
    first = client.post(f"/api/v1/events/{session.event.public_id}/schedule")  # not run: no commit
    assert first.status_code == 202
    second = client.post(f"/api/v1/events/{session.event.public_id}/schedule")
    assert second.status_code == 409


def test_a_token_never_organizes(client, session, operator):
    """The committee's secretary signed in organizes; the same person through an API token (which
    acts for one organization, never with operator or secretary powers) gets 404."""
    from scotemp.accounts.actions import create_api_token
    from scotemp.committees.models import Committee
    from tests.factories import MembershipFactory

    secretary = MembershipFactory(role="owner").user
    committee = Committee.objects.create(
        slug="digital", name="Digital economy", description="x", secretary=secretary
    )
    session.event.committee = committee
    session.event.save()
    client.force_login(secretary)
    assert client.get(f"/api/v1/events/{session.event.public_id}/schedule").status_code == 200
    client.logout()
    org = secretary.memberships.get().organization
    _token, raw = create_api_token(secretary, org.public_id, "script", scope="write")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get(f"/api/v1/events/{session.event.public_id}/schedule", **headers).status_code == 404
    assert client.post(f"/api/v1/events/{session.event.public_id}/schedule", **headers).status_code == 404
    assert client.get(f"/api/v1/events/{session.event.public_id}/report", **headers).status_code == 404
