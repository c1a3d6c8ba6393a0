"""The last seat under concurrency: several people register at the same moment for an event with
one seat left; exactly one gets it, the others join the waiting list in order. And a cancellation
racing a registration never lets two people hold the one seat."""

import threading

import pytest
from django.db import connection, connections

from scotemp.events.actions import registrations as actions
from scotemp.events.choices import RegistrationStatus
from scotemp.events.models import Registration
from tests.factories import MembershipFactory

from .event_data import make_event

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real row locks and concurrent connections (PostgreSQL)"
)


def _register(barrier, outcomes, user, event):
    try:
        barrier.wait()
        outcomes.append(actions.register(user, event, "buyer").status)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_one_seat_left_goes_to_exactly_one_person():
    for _attempt in range(3):
        event = make_event(capacity=1)
        users = [MembershipFactory(role="owner").user for _ in range(4)]
        barrier = threading.Barrier(len(users))
        outcomes: list[str] = []
        threads = [threading.Thread(target=_register, args=(barrier, outcomes, u, event)) for u in users]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == sorted(
            [RegistrationStatus.CONFIRMED] + [RegistrationStatus.WAITLISTED] * 3
        )
        assert Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 1


def _cancel(barrier, registration):
    try:
        barrier.wait()
        actions.cancel_registration(registration.user, registration)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_cancellation_racing_a_registration_keeps_one_seat_taken():
    event = make_event(capacity=1)
    holder = actions.register(MembershipFactory(role="owner").user, event, "seller")
    waiting = actions.register(MembershipFactory(role="owner").user, event, "buyer")
    newcomer = MembershipFactory(role="owner").user
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    threads = [
        threading.Thread(target=_cancel, args=(barrier, holder)),
        threading.Thread(target=_register, args=(barrier, outcomes, newcomer, event)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seated = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    assert seated.count() == 1
    # whoever ran first, the seat went to the first person on the waiting list or to the newcomer
    # who found it free, never to both
    waiting.refresh_from_db()
    assert (waiting.status == RegistrationStatus.CONFIRMED) != (outcomes == [RegistrationStatus.CONFIRMED])
