"""The event report: registrations by type and country, the meeting funnel (held: both outcomes or
both checked in), outcomes, RFQs and deals from the event's meetings valued in USD and CNY at the
rate of their day (a missing price or rate counted apart), a fixed number of queries at two sizes,
and the page and API for organizers only."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from scotemp.deals.choices import DealStatus
from scotemp.deals.tests.helpers import send_rfq
from scotemp.deals.tests.test_reporting import make_deal
from scotemp.events.choices import AttendeeType, MeetingSource, MeetingStatus, Outcome, RegistrationStatus
from scotemp.events.models import Meeting, MeetingOutcome, Registration
from scotemp.events.queries.report import event_report
from scotemp.reference.models import Country, Currency, FxRate, HSCode
from tests.factories import MembershipFactory, OrganizationFactory

from .schedule_data import accepted, make_participant, make_session

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)


@pytest.fixture
def rates(db):
    FxRate.objects.create(date=datetime.date(2026, 3, 1), base_id="USD", quote_id="CNY", rate=Decimal("7.1"))


def org(iso2):
    o = OrganizationFactory(country=Country.objects.get(iso2=iso2))
    user = MembershipFactory(organization=o, role="owner").user
    return user, o


def meeting(session, a, b, slot, table):
    r = accepted(a, b)
    return Meeting.objects.create(
        session=session,
        request=r,
        slot=slot,
        table=table,
        status=MeetingStatus.CONFIRMED,
        source=MeetingSource.SCHEDULER,
    )


def world(n_extra=0):
    session = make_session(slots=4, tables=3)
    slots, tables = list(session.slots.all()), list(session.tables.all())
    people = []
    for iso2 in ["CN", "CN", "KZ", "UZ"] + ["RU"] * n_extra:
        user, o = org(iso2)
        people.append((make_participant(session, user=user, organization=o), user, o))
    # a seller-typed registration, and one cancelled (not counted)
    Registration.objects.filter(pk=people[2][0].registration_id).update(attendee_type=AttendeeType.SELLER)
    outsider_user, outsider_org = org("KZ")
    Registration.objects.create(
        event=session.event, user=outsider_user, organization=outsider_org,
        attendee_type=AttendeeType.MEDIA, status=RegistrationStatus.CANCELLED,
    )  # fmt: skip
    return session, slots, tables, people


def test_report_figures_and_values(rates, li_wei, cn_org, aigerim, kz_org):
    session, slots, tables, people = world()
    (p_cn1, u_cn1, o_cn1), (p_cn2, _u, _o), (p_kz, u_kz, o_kz), (p_uz, _u2, _o2) = people
    m1 = meeting(session, p_cn1, p_kz, slots[0], tables[0])
    m2 = meeting(session, p_cn2, p_uz, slots[0], tables[1])
    m3 = meeting(session, p_cn1, p_uz, slots[1], tables[0])
    accepted(p_cn2, p_kz)  # accepted, not scheduled
    # m1 held (both outcomes): an RFQ with a target price in USD, and a deal agreed in USD.
    rfq = send_rfq(u_cn1, o_cn1, o_kz, hs_code=HSCode.objects.get(code="100199"))
    rfq.__class__.objects.filter(pk=rfq.pk).update(
        target_price=Decimal("200"), quantity=Decimal("100"), currency=Currency.objects.get(code="USD"),
        created_at=timezone.make_aware(datetime.datetime(2026, 3, 5, 12)),
    )  # fmt: skip
    deal = make_deal((u_cn1, o_cn1), (u_kz, o_kz), DealStatus.AGREED, DAY)
    MeetingOutcome.objects.create(meeting=m1, participant=p_cn1, outcome=Outcome.RFQ, rfq=rfq)
    MeetingOutcome.objects.create(meeting=m1, participant=p_kz, outcome=Outcome.DEAL, deal=deal)
    # m2 held: both checked in, one outcome (an agreement).
    Registration.objects.filter(pk__in=[p_cn2.registration_id, p_uz.registration_id]).update(
        checked_in_at=timezone.now()
    )
    MeetingOutcome.objects.create(meeting=m2, participant=p_cn2, outcome=Outcome.AGREEMENT)
    # m3 not held: one side recorded, the other did not check in.
    MeetingOutcome.objects.create(meeting=m3, participant=p_uz, outcome=Outcome.FOLLOW_UP)

    r = event_report(session.event)
    assert r.registrations == 4 and r.checked_in == 2
    assert dict((c, n) for c, _l, n in r.by_type) == {"buyer": 3, "seller": 1}
    assert [(c, n) for c, _l, n in r.by_country] == [("CN", 2), ("KZ", 1), ("UZ", 1)]
    assert (r.requested, r.accepted, r.scheduled, r.held) == (4, 4, 3, 2)
    assert {c: n for c, _l, n in r.outcomes} == {"rfq": 1, "deal": 1, "agreement": 1, "follow_up": 1}
    assert r.agreements == 1
    assert r.rfqs.count == 1 and r.rfqs.usd == Decimal("20000.00") and r.rfqs.cny == Decimal("142000.00")
    amount = deal.agreed_terms.unit_price * deal.agreed_terms.quantity
    assert r.deals.count == 1 and r.deals.usd == amount.quantize(Decimal("0.01"))
    assert r.deals.cny == (amount * Decimal("7.1")).quantize(Decimal("0.01"))


def test_value_without_price_or_rate_is_counted_apart(li_wei, cn_org, aigerim, kz_org):
    session, slots, tables, people = world()
    (p_cn1, u_cn1, o_cn1), _b, (p_kz, _u, o_kz), _d = people
    m1 = meeting(session, p_cn1, p_kz, slots[0], tables[0])
    no_price = send_rfq(u_cn1, o_cn1, o_kz, hs_code=HSCode.objects.get(code="100199"))
    no_price.__class__.objects.filter(pk=no_price.pk).update(target_price=None)
    with_price = send_rfq(u_cn1, o_cn1, o_kz, hs_code=HSCode.objects.get(code="100199"))
    with_price.__class__.objects.filter(pk=with_price.pk).update(
        target_price=Decimal("10"), currency=Currency.objects.get(code="KZT")
    )
    MeetingOutcome.objects.create(meeting=m1, participant=p_cn1, outcome=Outcome.RFQ, rfq=no_price)
    MeetingOutcome.objects.create(meeting=m1, participant=p_kz, outcome=Outcome.RFQ, rfq=with_price)
    r = event_report(session.event)  # no rates stored at all
    assert r.rfqs.count == 2 and r.rfqs.unpriced == 1 and r.rfqs.unconverted == 1
    assert r.rfqs.usd == 0


@pytest.mark.parametrize("extra", [0, 12])
def test_fixed_number_of_queries(extra, rates, django_assert_max_num_queries):
    session, slots, tables, people = world(n_extra=extra)
    ps = [p for p, _u, _o in people]
    k = 0
    for i in range(0, len(ps) - 1, 2):
        m = meeting(session, ps[i], ps[i + 1], slots[k // 3 % 4], tables[k % 3])
        k += 1
        u, o = people[i][1], people[i][2]
        rfq = send_rfq(u, o, people[i + 1][2], hs_code=HSCode.objects.get(code="100199"))
        MeetingOutcome.objects.create(meeting=m, participant=ps[i], outcome=Outcome.RFQ, rfq=rfq)
        MeetingOutcome.objects.create(meeting=m, participant=ps[i + 1], outcome=Outcome.FOLLOW_UP)
    with django_assert_max_num_queries(12):
        r = event_report(session.event)
    assert r.scheduled == len(ps) // 2 and r.held == len(ps) // 2


def test_page_and_api_for_organizers_only(client, operator, li_wei, rates):
    session, slots, tables, people = world()
    meeting(session, people[0][0], people[2][0], slots[0], tables[0])
    client.force_login(li_wei)
    assert client.get(f"/events/{session.event.public_id}/report/").status_code == 404
    assert client.get(f"/api/v1/events/{session.event.public_id}/report").status_code == 404
    client.force_login(operator)
    page = client.get(f"/events/{session.event.public_id}/report/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-testid="countries"' in body and 'data-testid="meetings"' in body  # SVG charts
    data = client.get(f"/api/v1/events/{session.event.public_id}/report").json()
    assert data["registrations"] == 4 and data["meetings_scheduled"] == 1
    assert data["by_country"][0] == {"code": "CN", "label": "China", "count": 2}
    assert data["rfqs"]["count"] == 0 and data["deals"]["value_usd"] in ("0.00", "0", 0)
