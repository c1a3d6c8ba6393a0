"""B2B rules through the actions: phases, caps, answers, booking (conflicts, tables, interpreters),
cancelling and moving, outcomes that start an RFQ."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from scotemp.core.models import AuditEntry
from scotemp.events.actions import b2b as actions
from scotemp.events.choices import (
    B2BPhase,
    EventStatus,
    MeetingSource,
    MeetingStatus,
    Outcome,
    Priority,
    RequestStatus,
)
from scotemp.events.models import MeetingSlot, SlotHold
from scotemp.notifications.models import Notification

from .b2b_data import accepted, b2b_world, make_event, make_participant, make_session


def codes(exc):
    return {e.code for e in exc.value.error_list} if hasattr(exc.value, "error_list") else set()


@pytest.fixture
def b2b(db, aigerim, kz_org, li_wei, cn_org):
    return b2b_world(aigerim, kz_org, li_wei, cn_org)


def test_session_has_slots_tables_interpreter(b2b):
    s = b2b.session
    assert s.slots.count() == 4 and s.tables.count() == 2 and s.interpreters.count() == 1
    first = s.slots.first()
    assert first.ends_at - first.starts_at == datetime.timedelta(minutes=20)
    with pytest.raises(ValidationError) as exc:  # overlapping slots refused, naming the field
        actions.add_slots(b2b.organizer, s, first.starts_at, first.ends_at)
    assert "starts_at" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        actions.add_slots(b2b.organizer, s, first.starts_at, first.ends_at, minutes=45)
    assert "minutes" in exc.value.message_dict


def test_only_organizer_sets_up(b2b):
    with pytest.raises(PermissionDenied):
        actions.set_phase(b2b.aigerim, b2b.session, B2BPhase.FINAL)
    with pytest.raises(PermissionDenied):
        actions.add_tables(b2b.aigerim, b2b.session, count=1)


def test_requests_only_while_open(b2b):
    actions.set_phase(b2b.organizer, b2b.session, B2BPhase.PROFILE)
    b2b.kz.session.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        actions.send_request(b2b.aigerim, b2b.kz, b2b.cn, Priority.MUST)
    assert "phase" in exc.value.message_dict
    assert "Profiles" in exc.value.message_dict["phase"][0]  # names the current phase


def test_cancelled_event_refuses(b2b):
    b2b.event.status = EventStatus.CANCELLED
    b2b.event.save()
    b2b.kz.session.event.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        actions.send_request(b2b.aigerim, b2b.kz, b2b.cn)
    assert "event" in exc.value.message_dict
    assert "cancelled" in exc.value.message_dict["event"][0]


def test_request_cap(b2b):
    b2b.session.request_cap = 1
    b2b.session.save()
    actions.send_request(b2b.aigerim, b2b.kz, b2b.cn)
    with pytest.raises(ValidationError) as exc:
        actions.send_request(b2b.aigerim, b2b.kz, b2b.by)
    assert "limit of 1" in exc.value.message_dict["recipient"][0]


def test_accept_decline_withdraw_and_notices(b2b):
    request = actions.send_request(b2b.aigerim, b2b.kz, b2b.cn, Priority.MUST, "Wheat for tractors?")
    assert Notification.objects.filter(user=b2b.li_wei, kind="events.b2b_request_received").exists()
    with pytest.raises(PermissionDenied):  # the sender cannot answer their own request
        actions.answer_request(b2b.aigerim, request, accept=True)
    with pytest.raises(ValidationError) as exc:
        actions.send_request(b2b.aigerim, b2b.kz, b2b.cn)
    assert exc.value.code == "conflict"
    actions.answer_request(b2b.li_wei, request, accept=True)
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert Notification.objects.filter(user=b2b.aigerim, kind="events.b2b_request_accepted").exists()
    with pytest.raises(ValidationError) as exc:
        actions.answer_request(b2b.li_wei, request, accept=False)
    assert exc.value.code == "conflict"
    second = actions.send_request(b2b.by_user, b2b.by, b2b.kz)
    actions.answer_request(b2b.aigerim, second, accept=False)
    second.refresh_from_db()
    assert second.status == RequestStatus.DECLINED
    with pytest.raises(ValidationError):  # a declined request is not sent again
        actions.send_request(b2b.by_user, b2b.by, b2b.kz)
    actions.withdraw_request(b2b.aigerim, request)
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED


def test_no_request_to_own_org_or_other_session(b2b, aigerim, kz_org):
    with pytest.raises(ValidationError) as exc:
        actions.send_request(b2b.aigerim, b2b.kz, b2b.kz)
    assert "recipient" in exc.value.message_dict
    other_session = make_session(b2b.organizer, make_event(days=30))
    _user, stranger = make_participant(other_session, name="Other Session Org")
    with pytest.raises(ValidationError) as exc:
        actions.send_request(b2b.aigerim, b2b.kz, stranger)
    assert "recipient" in exc.value.message_dict


def test_book_with_interpreter_and_conflict(b2b):
    request = accepted(b2b.session, b2b.aigerim, b2b.kz, b2b.li_wei, b2b.cn, Priority.MUST)
    free = actions.free_common_slots(request)
    assert len(free) == 4
    meeting = actions.book_meeting(b2b.li_wei, request, free[0])
    assert meeting.source == MeetingSource.BOOKED and meeting.status == MeetingStatus.CONFIRMED
    assert meeting.interpreter is not None  # ru/kk and zh share no language
    assert SlotHold.objects.filter(meeting=meeting).count() == 4  # two people, a table, an interpreter
    assert Notification.objects.filter(kind="events.b2b_meeting_booked").count() == 2
    # Another meeting of Aigerim in the same slot: the slot is taken (409).
    other = accepted(b2b.session, b2b.by_user, b2b.by, b2b.aigerim, b2b.kz)
    with pytest.raises(ValidationError) as exc:
        actions.book_meeting(b2b.by_user, other, free[0])
    assert exc.value.code == "conflict"
    assert "just taken" in exc.value.messages[0]
    # by and cn need the one interpreter too (en/ru vs zh; the pair is ru-zh): busy in slot 0.
    third = accepted(b2b.session, b2b.by_user, b2b.by, b2b.li_wei, b2b.cn)
    assert free[0] not in actions.free_common_slots(third)
    # The same request booked twice: it already has a meeting.
    with pytest.raises(ValidationError) as exc:
        actions.book_meeting(b2b.aigerim, request, free[1])
    assert exc.value.code == "conflict"


def test_no_interpreter_for_the_pair(b2b):
    _u, fa = make_participant(b2b.session, name="Tehran Trader", country="IR", languages=("fa",))
    request = accepted(b2b.session, _u, fa, b2b.li_wei, b2b.cn)
    assert actions.free_common_slots(request) == []
    with pytest.raises(ValidationError) as exc:
        actions.book_meeting(b2b.li_wei, request, b2b.session.slots.first())
    assert "interpreter" in exc.value.message_dict["slot"][0]


def test_tables_run_out(b2b):
    b2b.session.tables.exclude(pk=b2b.session.tables.first().pk).delete()
    slot = b2b.session.slots.first()
    first = accepted(b2b.session, b2b.by_user, b2b.by, b2b.aigerim, b2b.kz)
    actions.book_meeting(b2b.by_user, first, slot)
    u, d = make_participant(b2b.session, name="Delhi Buyer", country="IN")
    u2, e = make_participant(b2b.session, name="Dushanbe Seller", country="TJ")
    second = accepted(b2b.session, u, d, u2, e)
    assert slot not in actions.free_common_slots(second)
    with pytest.raises(ValidationError) as exc:
        actions.book_meeting(u, second, slot)
    assert "table" in exc.value.message_dict["slot"][0].lower()


def test_availability_and_meeting_cap(b2b):
    slots = list(b2b.session.slots.all())
    actions.set_availability(b2b.aigerim, b2b.kz, [slots[1].pk])
    request = accepted(b2b.session, b2b.by_user, b2b.by, b2b.aigerim, b2b.kz)
    assert actions.free_common_slots(request) == [slots[1]]
    with pytest.raises(ValidationError) as exc:
        actions.book_meeting(b2b.by_user, request, slots[0])
    assert exc.value.message_dict["slot"]
    with pytest.raises(ValidationError):  # a slot of another session
        other = make_session(b2b.organizer, make_event(days=40))
        actions.set_availability(b2b.aigerim, b2b.kz, [other.slots.first().pk])
    b2b.by.cap = 1
    b2b.by.save()
    actions.book_meeting(b2b.by_user, request, slots[1])
    more = accepted(b2b.session, b2b.by_user, b2b.by, b2b.li_wei, b2b.cn)
    with pytest.raises(ValidationError) as exc:
        actions.book_meeting(b2b.by_user, more, slots[2])
    assert "limit of 1" in exc.value.message_dict["request"][0]


def test_booking_closed_once_schedule_published(b2b):
    request = accepted(b2b.session, b2b.by_user, b2b.by, b2b.aigerim, b2b.kz)
    actions.set_phase(b2b.organizer, b2b.session, B2BPhase.PROVISIONAL)
    request.session.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        actions.book_meeting(b2b.by_user, request, b2b.session.slots.first())
    assert "schedule" in exc.value.message_dict["slot"][0]


def test_stranger_cannot_book_for_others(b2b, outsider):
    request = accepted(b2b.session, b2b.by_user, b2b.by, b2b.aigerim, b2b.kz)
    with pytest.raises(PermissionDenied):
        actions.book_meeting(b2b.li_wei, request, b2b.session.slots.first())
    with pytest.raises(PermissionDenied):
        actions.book_meeting(outsider, request, b2b.session.slots.first())


def test_cancel_move_lock_notify_both(b2b):
    request = accepted(b2b.session, b2b.by_user, b2b.by, b2b.aigerim, b2b.kz)
    slots = list(b2b.session.slots.all())
    meeting = actions.book_meeting(b2b.by_user, request, slots[0])
    moved = actions.move_meeting(b2b.organizer, meeting, slots[2])
    assert moved.locked and moved.slot == slots[2]
    assert not SlotHold.objects.filter(slot=slots[0]).exists()
    changed = Notification.objects.filter(kind="events.b2b_meeting_changed")
    assert {n.user_id for n in changed} == {b2b.by_user.pk, b2b.aigerim.pk}
    actions.cancel_meeting(b2b.aigerim, moved, "Flight delayed")
    moved.refresh_from_db()
    assert moved.status == MeetingStatus.CANCELLED
    assert not SlotHold.objects.filter(meeting=moved).exists()
    cancelled = Notification.objects.filter(kind="events.b2b_meeting_cancelled")
    assert {n.user_id for n in cancelled} == {b2b.by_user.pk, b2b.aigerim.pk}
    with pytest.raises(PermissionDenied):
        actions.cancel_meeting(b2b.li_wei, moved)
    # The request stays accepted: the organizer places it again, locked.
    placed = actions.place_meeting(b2b.organizer, request, slots[1])
    assert placed.locked and placed.source == MeetingSource.ORGANIZER
    assert AuditEntry.objects.filter(verb="b2b_meeting.placed").exists()


def test_final_phase_confirms_and_mails_agendas(b2b):
    request = accepted(b2b.session, b2b.by_user, b2b.by, b2b.aigerim, b2b.kz)
    actions.place_meeting(b2b.organizer, request, b2b.session.slots.first())
    actions.set_phase(b2b.organizer, b2b.session, B2BPhase.FINAL)
    assert not b2b.session.meetings.filter(status=MeetingStatus.PROVISIONAL).exists()
    agenda = Notification.objects.get(user=b2b.aigerim, kind="events.b2b_agenda")
    assert agenda.params["count"] == 1
    assert all("Minsk Tractor Buyer" in agenda.params["lines"][code] for code in ("en", "ru", "zh-hans"))
    with pytest.raises(ValidationError):  # profiles are frozen in the final phase
        actions.update_profile(b2b.aigerim, b2b.kz, {"offers": "More wheat"})


def test_every_b2b_notice_reads_in_its_readers_language(b2b):
    """The organizer and the requester act in English; Li Wei reads his notices in Chinese and
    Aigerim hers in Russian: the priority, the outcome, the schedule's phase and the agenda's lines
    are the platform's words, in the reader's language, whoever's action sent them."""
    from django.utils import translation

    from scotemp.notifications.kinds import render
    from tests.english import english_in_text

    past = MeetingSlot.objects.create(
        session=b2b.session,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() - datetime.timedelta(hours=1, minutes=40),
    )
    with translation.override("en"):
        held = accepted(b2b.session, b2b.li_wei, b2b.cn, b2b.aigerim, b2b.kz, priority=Priority.MUST)
        actions.record_outcome(
            b2b.li_wei, actions.place_meeting(b2b.organizer, held, past), Outcome.FOLLOW_UP
        )
        later = accepted(b2b.session, b2b.by_user, b2b.by, b2b.li_wei, b2b.cn)
        actions.place_meeting(b2b.organizer, later, b2b.session.slots.last())
        actions.set_phase(b2b.organizer, b2b.session, B2BPhase.FINAL)
    orgs = (b2b.kz.organization, b2b.cn.organization)
    theirs = [b2b.event.title, "Minsk Tractor Buyer", *(o.name for o in orgs), *(o.name_latin for o in orgs)]
    theirs += list(b2b.session.interpreters.values_list("name", flat=True))
    theirs += list(b2b.session.tables.values_list("label", flat=True))  # named by the organizer
    for reader, language in ((b2b.li_wei, "zh-hans"), (b2b.aigerim, "ru")):
        notices = Notification.objects.filter(user=reader, kind__startswith="events.b2b_")
        kinds = {n.kind for n in notices}
        assert "events.b2b_agenda" in kinds
        assert "events.b2b_request_received" in kinds or "events.b2b_outcome_recorded" in kinds
        for notice in notices:
            title, body = render(notice.kind, notice.params, language)
            assert not english_in_text(f"{title}\n{body}", theirs), (notice.kind, title, body)
    agenda = Notification.objects.get(user=b2b.li_wei, kind="events.b2b_agenda")
    assert "最终" in render(agenda.kind, agenda.params, "zh-hans")[0]


def test_outcome_starts_rfq(b2b):
    from scotemp.deals.tests.helpers import rfq_values

    request = accepted(b2b.session, b2b.li_wei, b2b.cn, b2b.aigerim, b2b.kz)
    past = MeetingSlot.objects.create(
        session=b2b.session,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() - datetime.timedelta(hours=1, minutes=40),
    )
    meeting = actions.place_meeting(b2b.organizer, request, past)
    future = accepted(b2b.session, b2b.by_user, b2b.by, b2b.aigerim, b2b.kz)
    upcoming = actions.book_meeting(b2b.by_user, future, b2b.session.slots.last())
    with pytest.raises(ValidationError) as exc:
        actions.record_outcome(b2b.aigerim, upcoming, Outcome.FOLLOW_UP)
    assert "taken place" in exc.value.message_dict["outcome"][0]
    with pytest.raises(PermissionDenied):
        actions.record_outcome(b2b.by_user, meeting, Outcome.FOLLOW_UP)
    outcome = actions.record_outcome(b2b.li_wei, meeting, Outcome.RFQ, "Send prices", rfq_values=rfq_values())
    assert outcome.rfq is not None and outcome.rfq.buyer_id == b2b.cn.organization_id
    assert outcome.rfq.inquiries.get().seller_id == b2b.kz.organization_id
    assert outcome.rfq.meeting_outcomes.get() == outcome
    mine = actions.record_outcome(b2b.aigerim, meeting, Outcome.FOLLOW_UP)
    assert mine.participant == b2b.kz
    assert Notification.objects.filter(user=b2b.aigerim, kind="events.b2b_outcome_recorded").exists()
