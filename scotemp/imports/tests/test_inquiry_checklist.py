"""China's import checklist on the inquiry page: shown to both sides when the buyer is in China and the
seller abroad (the goods enter China), absent otherwise, saying so when the code has no entry, and
costing the page one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scotemp.deals.tests.helpers import send_rfq
from scotemp.reference.models import HSCode

pytestmark = pytest.mark.django_db
CARD = 'data-testid="import-checklist-card"'


def _page(client, user, inquiry) -> tuple[str, int]:
    client.force_login(user)
    url = reverse("deals:inquiry", args=[inquiry.public_id])
    client.get(url)  # marks the thread read: the second view is the steady one
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def test_shown_to_both_sides_when_a_chinese_buyer_imports(client, li_wei, cn_org, aigerim, kz_org):
    rfq = send_rfq(li_wei, cn_org, kz_org)  # 100199 wheat, Chongqing buyer, Kazakh seller
    inquiry = rfq.inquiries.get()
    for user in (li_wei, aigerim):
        page, _queries = _page(client, user, inquiry)
        assert CARD in page
        assert 'data-kind="tariff_quota"' in page and 'data-scope="1001"' in page  # the wheat quota
        assert 'data-testid="import-checklist-none"' not in page


def test_absent_when_the_goods_do_not_enter_china(client, li_wei, cn_org, aigerim, kz_org):
    rfq = send_rfq(aigerim, kz_org, cn_org)  # a Kazakh buyer asks a Chinese seller: an export
    page, _queries = _page(client, aigerim, rfq.inquiries.get())
    assert CARD not in page


def test_a_code_without_entries_says_so(client, li_wei, cn_org, kz_org):
    painting = HSCode.objects.get(code="970121")
    rfq = send_rfq(li_wei, cn_org, kz_org, goods="Oil painting", hs_code=painting)
    page, _queries = _page(client, li_wei, rfq.inquiries.get())
    assert CARD in page and 'data-testid="import-checklist-none"' in page


def test_one_query_more_than_an_inquiry_without_it(client, li_wei, cn_org, aigerim, kz_org):
    """The same page for the buyer's side: a Chinese buyer's inquiry (checklist) against a Kazakh
    buyer's (none); the checklist is the only difference."""
    _with, with_queries = _page(client, li_wei, send_rfq(li_wei, cn_org, kz_org).inquiries.get())
    _without, without_queries = _page(client, aigerim, send_rfq(aigerim, kz_org, cn_org).inquiries.get())
    assert with_queries == without_queries + 1
