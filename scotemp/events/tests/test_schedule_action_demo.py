"""The demo step: the forum's B2B schedule computed and published (Li Wei and Aigerim, who share no
language, meet with an interpreter); nothing when the forum has no B2B session or is published."""

import pytest

from scotemp.demo.events_keys import forum_event
from scotemp.demo.events_schedule import seed_events_schedule
from scotemp.events.choices import B2BPhase, MeetingStatus
from scotemp.events.models import Meeting

from .schedule_data import accepted, make_interpreter, make_participant, make_session

pytestmark = pytest.mark.django_db


def test_nothing_without_a_b2b_session(operator):
    assert seed_events_schedule(log=lambda m: None) == {}


def test_forum_schedule_computed_and_published(operator, li_wei, cn_org, aigerim, kz_org):
    session = make_session(forum_event(), slots=4, tables=2, phase=B2BPhase.REQUESTS_OPEN)
    li = make_participant(session, ["zh"], user=li_wei, organization=cn_org)
    ai = make_participant(session, ["ru", "kk"], user=aigerim, organization=kz_org)
    make_interpreter(session, ["zh-ru"], name="王芳 Wang Fang")
    request = accepted(li, ai, priority=3)
    others = [make_participant(session, ["en"]) for _ in range(4)]
    accepted(others[0], others[1])
    accepted(others[2], others[3])
    assert seed_events_schedule(log=lambda m: None) == {"B2B meetings scheduled": 3}
    session.refresh_from_db()
    assert session.phase == B2BPhase.FINAL
    met = Meeting.objects.get(request=request)
    assert met.status == MeetingStatus.CONFIRMED and met.interpreter is not None
    assert seed_events_schedule(log=lambda m: None) == {}  # published: left alone
