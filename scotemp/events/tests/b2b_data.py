"""Building blocks of the B2B tests: an event with its B2B session, slots, tables, an interpreter,
and participants of real organizations (each with a confirmed registration), made through the
actions where there is one."""

import datetime

from django.utils import timezone

from scotemp.events.actions import b2b as actions
from scotemp.events.choices import B2BPhase, EventKind, EventStatus, RegistrationStatus
from scotemp.events.models import Event, Registration
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


def make_event(committee=None, days=10, **extra) -> Event:
    start = (timezone.now() + datetime.timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
    values = {
        "kind": EventKind.FORUM,
        "status": EventStatus.PUBLISHED,
        "title": "SCO B2B Test Forum",
        "title_en": "SCO B2B Test Forum",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=8),
        "time_zone": "Asia/Shanghai",
        "venue": "Chongqing Expo Centre",
        "committee": committee,
    }
    values.update(extra)
    return Event.objects.create(**values)


def make_session(
    organizer, event, slots=4, tables=2, phase=B2BPhase.REQUESTS_OPEN, interpreter_pairs=("ru-zh",)
):
    session = actions.create_session(organizer, event, slot_minutes=20, meeting_cap=3, request_cap=5)
    actions.add_slots(
        organizer, session, event.starts_at, event.starts_at + datetime.timedelta(minutes=20 * slots)
    )
    if tables:
        actions.add_tables(organizer, session, count=tables)
    if interpreter_pairs:
        actions.add_interpreter(organizer, session, "Ivan Interpreter", list(interpreter_pairs))
    if phase != B2BPhase.PROFILE:
        actions.set_phase(organizer, session, phase)
    session.refresh_from_db()
    return session


def register(user, org, event, language="en") -> Registration:
    reg, _created = Registration.objects.get_or_create(
        event=event,
        user=user,
        defaults={
            "organization": org,
            "attendee_type": "buyer",
            "status": RegistrationStatus.CONFIRMED,
            "language": language,
        },
    )
    return reg


def join(user, org, session, languages=("en",), **profile):
    reg = register(user, org, session.event)
    return actions.join_session(user, session, reg, {"languages": list(languages), **profile})


def make_participant(session, name="Minsk Tractor Buyer", country="BY", languages=("en",), **profile):
    from scotemp.reference.models import Country

    org = OrganizationFactory(name=name, country=Country.objects.get(iso2=country))
    user = MembershipFactory(organization=org, role="owner").user
    return user, join(user, org, session, languages, **profile)


def accepted(session, a_user, a, b_user, b, priority=1):
    request = actions.send_request(a_user, a, b, priority)
    return actions.answer_request(b_user, request, accept=True)


def organizer_user():
    return UserFactory(is_operator=True, is_staff=True)


def b2b_world(aigerim, kz_org, li_wei, cn_org):
    """A session of an organizer's event: Aigerim's (ru, kk) and Li Wei's (zh) organizations and a
    Belarusian buyer (en, ru) take part."""
    from types import SimpleNamespace

    organizer = organizer_user()
    event = make_event()
    session = make_session(organizer, event)
    kz = join(aigerim, kz_org, session, ("ru", "kk"), offer_hs=["100199"], seek_hs=["8701"])
    cn = join(li_wei, cn_org, session, ("zh",), offer_hs=["8701"], seek_hs=["1001"], countries=["KZ"])
    by_user, by = make_participant(session, languages=("en", "ru"))
    return SimpleNamespace(
        organizer=organizer,
        event=event,
        session=session,
        kz=kz,
        cn=cn,
        by=by,
        by_user=by_user,
        aigerim=aigerim,
        li_wei=li_wei,
    )
