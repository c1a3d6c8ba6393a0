"""The demo events: the Chongqing forum with its programme and the personas registered, the past
agricultural B2B session with checked-in attendees, the aluminium webinar; a second run changes
nothing."""

import pytest
from django.utils import timezone

from scotemp.demo.events import AGRI_TITLE_EN, WEBINAR_TITLE_EN, seed_events
from scotemp.demo.events_keys import FORUM_TITLE_EN
from scotemp.events.choices import RegistrationStatus
from scotemp.events.models import Event, EventSession, Registration
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people():
    from scotemp.reference.models import Country

    for email, iso in (
        ("liwei@demo.scotemp.org", "CN"),
        ("aigerim@demo.scotemp.org", "KZ"),
        ("zhangmin@demo.scotemp.org", "CN"),
        ("dmitry@demo.scotemp.org", "RU"),
        ("owner@a1.uz.demo", "UZ"),
        ("owner@a2.kg.demo", "KG"),
    ):
        org = OrganizationFactory(country=Country.objects.get(iso2=iso))
        MembershipFactory(user=UserFactory(email=email), organization=org, role="owner")
    UserFactory(email="operator@demo.scotemp.org", is_operator=True)


def test_seed_events_once(demo_people):
    seed_events()
    forum = Event.objects.get(title_en=FORUM_TITLE_EN)
    assert forum.city_id == "CNCKG" and "Expo" in forum.venue_en and forum.description_ru
    sessions = list(forum.sessions.order_by("starts_at", "title_en"))
    assert len(sessions) == 5
    parallel = [s for s in sessions if s.title_en.startswith("Parallel")]
    assert len(parallel) == 3 and len({s.starts_at for s in parallel}) == 1
    assert any("SCO TEMP" in s.title_en for s in parallel)
    assert all(s.title_ru and s.title_zh_hans for s in sessions)
    emails = set(forum.registrations.values_list("user__email", flat=True))
    assert {"liwei@demo.scotemp.org", "aigerim@demo.scotemp.org", "dmitry@demo.scotemp.org"} <= emails

    past = Event.objects.get(title_en=AGRI_TITLE_EN)
    assert past.ends_at < timezone.now() and past.committee.slug == "agri-supply-chain"
    assert past.registrations.filter(checked_in_at__isnull=False).exists()

    webinar = Event.objects.get(title_en=WEBINAR_TITLE_EN)
    assert webinar.online_url and webinar.committee.slug == "aluminium" and webinar.starts_at > timezone.now()
    assert Registration.objects.filter(event=webinar, status=RegistrationStatus.CONFIRMED).exists()

    counts = (Event.objects.count(), EventSession.objects.count(), Registration.objects.count())
    assert seed_events() == {"events": 0, "event registrations": 0}
    assert (Event.objects.count(), EventSession.objects.count(), Registration.objects.count()) == counts
