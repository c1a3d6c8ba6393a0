"""The RFQ page's comparison is a shared fragment (``deals/views/rfqs.py``): kept, it says exactly what
rendering it again says, every change to what it is made of shows at once, and each reader's forms
carry their own CSRF token."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from scotemp.deals import actions
from scotemp.deals.models import Quotation
from scotemp.deals.tests.helpers import quotation_values, send_rfq
from scotemp.reference import fx
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _comparison(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    section = re.search(r'<section class="card" id="comparison".*?</section>', html, re.S).group(0)
    return CSRF.sub('name="csrfmiddlewaretoken" value="…"', section)


@pytest.fixture
def rfq(li_wei, cn_org):
    call_command("load_fx", str(fx.DEMO_RATES_CSV), demo=True)
    sellers = [MembershipFactory(role="owner") for _i in range(3)]
    rfq = send_rfq(li_wei, cn_org, *(m.organization for m in sellers))
    for price, membership in zip(("250", "240"), sellers, strict=False):
        inquiry = rfq.inquiries.get(seller=membership.organization)
        actions.send_quotation(membership.user, inquiry, quotation_values(unit_price=Decimal(price)))
    rfq.sellers = sellers
    return rfq


def test_a_kept_comparison_is_the_rendered_one(client, settings, li_wei, rfq):
    client.force_login(li_wei)
    url = reverse("deals:rfq", args=[rfq.public_id])
    queries = ({}, {"currency": "RUB"}, {"currency": "CNY", "basis": "price"})
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 0
    rendered = [_comparison(client.get(url, query)) for query in queries]
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 60
    for _round in range(2):  # rendered and kept, then read back
        assert [_comparison(client.get(url, query)) for query in queries] == rendered
    assert len(set(rendered)) == 3


def test_every_change_shows_at_once(client, settings, li_wei, rfq):
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 60
    client.force_login(li_wei)
    url = reverse("deals:rfq", args=[rfq.public_id])
    before = _comparison(client.get(url))
    assert _comparison(client.get(url)) == before
    # A third seller quotes.
    third = rfq.sellers[2]
    inquiry = rfq.inquiries.get(seller=third.organization)
    actions.send_quotation(third.user, inquiry, quotation_values(unit_price=Decimal("199.90")))
    after_quote = _comparison(client.get(url))
    assert after_quote != before and "199.90" in after_quote
    # A quotation changed behind the ORM's back (no new version, no timestamp): still seen.
    Quotation.objects.filter(inquiry=inquiry).update(quantity=Decimal("333"))
    after_update = _comparison(client.get(url))
    assert after_update != after_quote
    # Accepted: one "Accept" form fewer (the others' quotations stay open).
    forms = after_update.count("/accept/")
    actions.accept_quotation(li_wei, Quotation.objects.get(inquiry=inquiry, status="current"))
    after_accept = _comparison(client.get(url))
    assert forms == 3 and after_accept.count("/accept/") == forms - 1


def test_each_reader_gets_their_own_csrf_token(settings, li_wei, cn_org, rfq):
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 60
    colleague = MembershipFactory(organization=cn_org, role="owner").user
    url = reverse("deals:rfq", args=[rfq.public_id])
    tokens = []
    for user in (li_wei, colleague):
        reader = Client(enforce_csrf_checks=True)
        reader.force_login(user)
        html = reader.get(url).content.decode()
        found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        assert found and not any(token.startswith("csrf") and len(token) == 36 for token in found)
        tokens.append((reader, found))
    # The colleague's page came from the fragment Li Wei's request kept; their form posts.
    reader, found = tokens[1]
    quotation = Quotation.objects.filter(inquiry__rfq=rfq, status="current").order_by("unit_price").first()
    response = reader.post(
        reverse("deals:accept_quotation", args=[quotation.public_id]),
        {"csrfmiddlewaretoken": next(iter(found))},
    )
    assert response.status_code == 302
    quotation.refresh_from_db()
    assert quotation.status == "accepted"
