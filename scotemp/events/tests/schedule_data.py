"""Rows for the schedule tests: an event with a B2B session, its slots, tables, interpreters and
participants (each with a user, an organization and a confirmed registration), and accepted
requests between them. Kept apart from the other helpers' factories so both can change freely."""

import datetime

from django.utils import timezone

from scotemp.events.choices import (
    AttendeeType,
    B2BPhase,
    EventKind,
    EventStatus,
    RegistrationStatus,
    RequestStatus,
)
from scotemp.events.models import (
    B2BSession,
    Event,
    Interpreter,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    Participant,
    Registration,
)
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

START = datetime.datetime(2026, 12, 10, 2, 0, tzinfo=datetime.UTC)  # 10:00 in Chongqing


def make_event(committee=None, status=EventStatus.PUBLISHED, title="B2B test session", **kw):
    return Event.objects.create(
        kind=EventKind.B2B,
        status=status,
        title=title,
        committee=committee,
        starts_at=kw.pop("starts_at", START),
        ends_at=kw.pop("ends_at", START + datetime.timedelta(hours=6)),
        **kw,
    )


def make_session(event=None, slots=3, tables=1, phase=B2BPhase.REQUESTS_CLOSED, cap=8):
    event = event or make_event()
    session = B2BSession.objects.create(event=event, phase=phase, meeting_cap=cap, slot_minutes=20)
    for i in range(slots):
        start = event.starts_at + datetime.timedelta(minutes=20 * i)
        MeetingSlot.objects.create(
            session=session, starts_at=start, ends_at=start + datetime.timedelta(minutes=20)
        )
    for i in range(tables):
        MeetingTable.objects.create(session=session, label=f"T{i + 1}")
    return session


def make_participant(session, languages=("en",), user=None, organization=None, slots=None, cap=None):
    if organization is None:
        organization = OrganizationFactory()
    if user is None:
        user = UserFactory()
        MembershipFactory(user=user, organization=organization, role="owner")
    registration = Registration.objects.create(
        event=session.event,
        user=user,
        organization=organization,
        attendee_type=AttendeeType.BUYER,
        status=RegistrationStatus.CONFIRMED,
    )
    p = Participant.objects.create(
        session=session,
        registration=registration,
        organization=organization,
        languages=list(languages),
        cap=cap,
    )
    if slots is not None:
        p.available_slots.set(slots)
    return p


def make_interpreter(session, pairs=("zh-ru",), slots=None, name="Interpreter"):
    i = Interpreter.objects.create(session=session, name=name, pairs=list(pairs))
    if slots is not None:
        i.available_slots.set(slots)
    return i


def accepted(requester, recipient, priority=1):
    return MeetingRequest.objects.create(
        session=requester.session,
        requester=requester,
        recipient=recipient,
        priority=priority,
        status=RequestStatus.ACCEPTED,
        decided_at=timezone.now(),
    )
