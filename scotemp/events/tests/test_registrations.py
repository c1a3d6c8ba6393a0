"""Registration rules: capacity and waiting list, promotion, approval, closed and cancelled events,
duplicates, attendees without an organization, and the notices each step sends."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from scotemp.committees.models import Committee
from scotemp.events.actions import events as event_actions
from scotemp.events.actions import registrations as actions
from scotemp.events.choices import EventStatus, RegistrationStatus
from scotemp.events.models import Registration
from scotemp.events.queries.events import organizes, seats_left
from scotemp.notifications.models import Notification
from tests.factories import MembershipFactory, UserFactory

from .event_data import make_event

pytestmark = pytest.mark.django_db

C, P, W, D, X = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.DECLINED,
    RegistrationStatus.CANCELLED,
)


def kinds(user):
    return list(Notification.objects.filter(user=user).order_by("id").values_list("kind", flat=True))


def person():
    return MembershipFactory(role="owner").user


def test_capacity_waitlist_and_promotion(aigerim, li_wei):
    event = make_event(capacity=1)
    first = actions.register(aigerim, event, "seller")
    second = actions.register(li_wei, event, "buyer")
    assert (first.status, second.status) == (C, W)
    assert seats_left(event) == 0
    assert kinds(li_wei) == ["events.registration_waitlisted"]
    actions.cancel_registration(aigerim, first)
    second.refresh_from_db()
    assert second.status == C
    assert kinds(li_wei)[-1] == "events.registration_promoted"
    assert Registration.objects.get(pk=first.pk).status == X


def test_promotion_keeps_the_order_of_the_waiting_list(aigerim, li_wei):
    event = make_event(capacity=1)
    actions.register(aigerim, event, "seller")
    others = [person() for _ in range(3)]
    regs = [actions.register(u, event, "buyer") for u in others]
    assert [r.status for r in regs] == [W, W, W]
    actions.cancel_registration(aigerim, Registration.objects.get(user=aigerim))
    assert [Registration.objects.get(pk=r.pk).status for r in regs] == [C, W, W]


def test_approval_required(aigerim, operator):
    event = make_event(requires_approval=True, capacity=1, created_by=operator)
    registration = actions.register(aigerim, event, "seller")
    assert registration.status == P
    assert "events.registration_to_approve" in kinds(operator)
    # a pending registration holds the seat
    other = actions.register(person(), event, "buyer")
    assert other.status == W
    with pytest.raises(PermissionDenied):
        actions.approve_registration(aigerim, registration)
    actions.approve_registration(operator, registration)
    registration.refresh_from_db()
    assert registration.status == C and registration.decided_at is not None
    assert kinds(aigerim)[-1] == "events.registration_confirmed"


def test_decline_frees_the_seat_for_the_waiting_list(aigerim, li_wei, operator):
    event = make_event(requires_approval=True, capacity=1)
    first = actions.register(aigerim, event, "seller")
    second = actions.register(li_wei, event, "buyer")
    actions.decline_registration(operator, first, "Not in scope.")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == D
    assert second.status == P  # promoted, and now awaits approval like everyone else
    assert kinds(aigerim)[-1] == "events.registration_declined"
    # declined: cannot come back by registering again
    with pytest.raises(ValidationError):
        actions.register(aigerim, event, "seller")


def test_duplicate_registration_refused_and_re_registration_after_cancel(aigerim):
    event = make_event()
    registration = actions.register(aigerim, event, "seller")
    with pytest.raises(ValidationError) as exc:
        actions.register(aigerim, event, "seller")
    assert exc.value.code == "conflict"
    actions.cancel_registration(aigerim, registration)
    again = actions.register(aigerim, event, "investor")
    assert again.pk == registration.pk and again.status == C and again.attendee_type == "investor"


@pytest.mark.parametrize(
    "overrides, code",
    [
        ({"status": EventStatus.CANCELLED}, "cancelled"),
        ({"status": EventStatus.DRAFT}, "draft"),
        ({"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)}, "closed"),
        (
            {
                "starts_at": timezone.now() - datetime.timedelta(hours=1),
                "ends_at": timezone.now() + datetime.timedelta(hours=3),
            },
            "started",
        ),
    ],
)
def test_closed_registration_says_why(aigerim, overrides, code):
    event = make_event(**overrides)
    with pytest.raises(ValidationError) as exc:
        actions.register(aigerim, event, "seller")
    assert exc.value.code == code
    assert not Registration.objects.exists()


def test_closed_message_is_translated(aigerim):
    from django.utils import translation

    event = make_event(status=EventStatus.CANCELLED)
    with translation.override("ru"), pytest.raises(ValidationError) as exc:
        actions.register(aigerim, event, "seller")
    assert "отмен" in exc.value.messages[0].lower()


def test_person_without_organization(outsider):
    event = make_event()
    with pytest.raises(ValidationError) as exc:
        actions.register(outsider, event, "buyer")
    assert "attendee_type" in exc.value.message_dict
    registration = actions.register(outsider, event, "media")
    assert registration.status == C and registration.organization is None


def test_registration_is_for_the_active_organization(aigerim, kz_org):
    registration = actions.register(aigerim, make_event(), "seller")
    assert registration.organization_id == kz_org.pk


def test_cancelling_the_event_notifies_every_registrant(aigerim, li_wei, operator):
    event = make_event(capacity=1)
    actions.register(aigerim, event, "seller")
    actions.register(li_wei, event, "buyer")  # waitlisted: told as well
    event_actions.cancel_event(operator, event, "Venue closed.")
    assert kinds(aigerim)[-1] == "events.event_cancelled"
    assert kinds(li_wei)[-1] == "events.event_cancelled"
    with pytest.raises(ValidationError):
        event_actions.cancel_event(operator, event)


def test_secretary_organizes_their_committee_events(aigerim):
    secretary = UserFactory()
    committee = Committee.objects.order_by("position").first()
    committee.secretary = secretary
    committee.save()
    event = make_event(committee=committee)
    assert organizes(secretary, event)
    assert not organizes(aigerim, event)
    assert not organizes(secretary, make_event())  # an operator's event
    with pytest.raises(PermissionDenied):
        event_actions.cancel_event(aigerim, event)


def test_times_in_the_notice_follow_the_attendee_time_zone(aigerim):
    event = make_event()
    actions.register(aigerim, event, "seller", time_zone="Asia/Almaty")
    params = Notification.objects.get(user=aigerim).params
    assert "Алматы" in params["when"]["ru"]


def test_raising_the_capacity_seats_the_waiting_list_in_order(aigerim, li_wei, operator):
    event = make_event(capacity=1)
    actions.register(aigerim, event, "seller")
    waiting = [actions.register(u, event, "buyer") for u in (li_wei, person(), person())]
    assert {r.status for r in waiting} == {W}
    event_actions.update_event(operator, event, {"capacity": 3})
    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == [C, C, W]
    assert kinds(li_wei)[-1] == "events.registration_promoted"
