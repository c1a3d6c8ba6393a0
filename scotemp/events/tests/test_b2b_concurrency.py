"""Two bookings at the same moment for the same person, the same table or the same interpreter in
one slot: exactly one wins, the other gets the translated "this slot was just taken" conflict, and
no slot is ever double-booked. Runs on SQLite (writers serialized) and on PostgreSQL (concurrent
transactions; the unique constraints of the slot holds decide)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from scotemp.events.actions import b2b as actions
from scotemp.events.models import Meeting, SlotHold

from .b2b_data import accepted, make_event, make_participant, make_session, organizer_user


def _book(barrier, outcomes, user, request, slot):
    try:
        barrier.wait()
        actions.book_meeting(user, request, slot)
        outcomes.append("booked")
    except ValidationError as exc:
        outcomes.append(_code(exc))
    finally:
        connections.close_all()


def _code(exc) -> str:
    if hasattr(exc, "error_dict"):
        return next(e.code for errors in exc.error_dict.values() for e in errors)
    return exc.code


def _race(pairs, slot):
    barrier = threading.Barrier(len(pairs))
    outcomes = []
    threads = [threading.Thread(target=_book, args=(barrier, outcomes, u, r, slot)) for u, r in pairs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(outcomes)


def _no_double_booking(session):
    for field in ("participant", "table", "interpreter"):
        rows = SlotHold.objects.filter(slot__session=session, **{f"{field}__isnull": False})
        keys = [(h.slot_id, getattr(h, f"{field}_id")) for h in rows]
        assert len(keys) == len(set(keys)), field


@pytest.fixture
def session(transactional_db):
    organizer = organizer_user()
    return make_session(organizer, make_event(), slots=2, tables=3, interpreter_pairs=("ru-zh",))


@pytest.mark.django_db(transaction=True)
def test_same_person_same_slot(session):
    ua, a = make_participant(session, name="Almaty Grain", country="KZ", languages=("ru",))
    ub, b = make_participant(session, name="Minsk Tractors", country="BY", languages=("ru",))
    uc, c = make_participant(session, name="Tashkent Cotton", country="UZ", languages=("ru",))
    first = accepted(session, ub, b, ua, a)
    second = accepted(session, uc, c, ua, a)
    slot = session.slots.first()
    assert _race([(ub, first), (uc, second)], slot) == ["booked", "conflict"]
    assert Meeting.objects.filter(session=session).exclude(status="cancelled").count() == 1
    _no_double_booking(session)


@pytest.mark.django_db(transaction=True)
def test_same_table_same_slot(session):
    session.tables.exclude(pk=session.tables.first().pk).delete()
    people = [make_participant(session, name=f"Org {i}", country="KZ", languages=("ru",)) for i in range(4)]
    first = accepted(session, people[0][0], people[0][1], people[1][0], people[1][1])
    second = accepted(session, people[2][0], people[2][1], people[3][0], people[3][1])
    slot = session.slots.first()
    outcomes = _race([(people[0][0], first), (people[2][0], second)], slot)
    assert outcomes[0] == "booked" and outcomes[1] in ("conflict", "no_table"), outcomes
    _no_double_booking(session)


@pytest.mark.django_db(transaction=True)
def test_same_interpreter_same_slot(session):
    people = [
        make_participant(session, name="Chongqing A", country="CN", languages=("zh",)),
        make_participant(session, name="Almaty B", country="KZ", languages=("ru",)),
        make_participant(session, name="Chengdu C", country="CN", languages=("zh",)),
        make_participant(session, name="Bishkek D", country="KG", languages=("ru",)),
    ]
    first = accepted(session, people[0][0], people[0][1], people[1][0], people[1][1])
    second = accepted(session, people[2][0], people[2][1], people[3][0], people[3][1])
    slot = session.slots.first()
    outcomes = _race([(people[0][0], first), (people[2][0], second)], slot)
    assert outcomes[0] == "booked" and outcomes[1] in ("conflict", "no_interpreter"), outcomes
    assert SlotHold.objects.filter(slot=slot, interpreter__isnull=False).count() == 1
    _no_double_booking(session)


@pytest.mark.django_db(transaction=True)
def test_many_at_once_never_double_book(session):
    """Six requests of one person race for one slot: one meeting, five conflicts."""
    host_user, host = make_participant(session, name="Host", country="CN", languages=("ru",))
    pairs = []
    for i in range(6):
        u, p = make_participant(session, name=f"Guest {i}", country="RU", languages=("ru",))
        pairs.append((u, accepted(session, u, p, host_user, host)))
    session.meeting_cap = 10
    session.save()
    outcomes = _race(pairs, session.slots.first())
    assert outcomes.count("booked") == 1 and outcomes.count("conflict") == 5, outcomes
    _no_double_booking(session)
