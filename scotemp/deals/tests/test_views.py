"""The deals pages end to end: li_wei (Chongqing importer, Chinese) buys from aigerim (Kazakh exporter,
Russian). Pages render in each persona's language, so assertions are on rows, statuses and strings
translated with ``translation.override``."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from scotemp.core.effects import history
from scotemp.deals import actions
from scotemp.deals.choices import DealStatus, InquiryStatus, QuotationStatus, TermsStatus
from scotemp.deals.models import Attachment, Deal, Inquiry, Message, Quotation, Rfq
from scotemp.deals.tests.helpers import open_deal, quotation_values, quoted_inquiry, send_rfq, walk
from scotemp.logistics.queries.routes import freight_estimate
from scotemp.reference import fx
from scotemp.reference.models import Country
from scotemp.trade.tests.lead_data import make_lead
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def login(client, user):
    client.force_login(user)
    return client


def quotation_post(**changes) -> dict:
    data = {
        "unit_price": "241.00",
        "currency": "USD",
        "quantity": "500",
        "unit": "TNE",
        "min_order": "100",
        "incoterm": "FCA",
        "incoterm_place": "KZALA",
        "lead_time_days": "20",
        "payment_terms": "100% L/C at sight",
        "valid_until": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "note": "",
    }
    data.update(changes)
    return data


def terms_post(terms, **changes) -> dict:
    data = {
        "goods": terms.goods,
        "hs_code": terms.hs_code_id,
        "quantity": str(terms.quantity),
        "unit": terms.unit_id,
        "unit_price": str(terms.unit_price),
        "currency": terms.currency_id,
        "incoterm": terms.incoterm_id,
        "incoterm_place": terms.incoterm_place_id,
        "payment_terms": terms.payment_terms,
        "delivery_from": terms.delivery_from.isoformat(),
        "delivery_until": terms.delivery_until.isoformat(),
        "inspection": "",
        "documents_required": "",
        "note": "",
    }
    data.update(changes)
    return data


def error_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


@pytest.fixture
def ru_org(db):
    org = OrganizationFactory(name="ООО «Зерно Сибири»", country=Country.objects.get(iso2="RU"))
    MembershipFactory(organization=org, user=UserFactory(language="ru"))
    return org


def test_rfq_from_a_sell_offer_creates_one_inquiry_per_seller(
    client, li_wei, cn_org, aigerim, kz_org, ru_org
):
    lead = make_lead(aigerim, kz_org)
    login(client, li_wei)
    new_url = reverse("deals:rfq_new")

    detail = client.get(reverse("trade:lead_detail", args=[lead.public_id]))
    assert f"{new_url}?lead={lead.public_id}".encode() in detail.content

    page = client.get(new_url, {"lead": str(lead.public_id), "sellers": str(ru_org.public_id)})
    assert page.status_code == 200
    assert [o.pk for o in page.context["chosen"]] == [kz_org.pk, ru_org.pk]
    form = page.context["form"]
    assert (form["hs_code"].value(), form["incoterm_place"].value()) == ("100199", "KZALA")

    data = {
        "lead": str(lead.public_id),
        "sellers": [str(kz_org.public_id), str(ru_org.public_id)],
        "goods": form["goods"].value(),
        "hs_code": "100199",
        "quantity": "300",
        "unit": "TNE",
        "incoterm": "FCA",
        "incoterm_place": "KZALA",
        "currency": "",
        "questions": "Protein?",
        "submission_key": form["submission_key"].value(),
    }
    response = client.post(new_url, data)
    rfq = Rfq.objects.get(buyer=cn_org)
    assert response.status_code == 302
    assert response["Location"] == reverse("deals:rfq", args=[rfq.public_id])
    # The same form sent again (a double click, a reload) finds the request already sent.
    assert client.post(new_url, data)["Location"] == response["Location"]
    assert Rfq.objects.filter(buyer=cn_org).count() == 1
    assert rfq.lead == lead and rfq.quantity == Decimal("300")
    assert set(rfq.inquiries.values_list("seller_id", flat=True)) == {kz_org.pk, ru_org.pk}

    # The seller's own organization is not offered a button on its own offer.
    own = login(client.__class__(), aigerim).get(reverse("trade:lead_detail", args=[lead.public_id]))
    assert f"{new_url}?lead=".encode() not in own.content


def test_rfq_form_errors_stay_on_the_page_and_one_seller_leads_to_the_inquiry(client, li_wei, cn_org, kz_org):
    login(client, li_wei)
    data = {
        "goods": "Wheat",
        "hs_code": "100199",
        "quantity": "0",
        "unit": "TNE",
        "incoterm": "FCA",
        "incoterm_place": "KZALA",
    }
    response = client.post(reverse("deals:rfq_new"), data)
    assert response.status_code == 400
    assert "sellers" in response.context["form"].errors
    assert "quantity" in response.context["form"].errors
    assert not Rfq.objects.exists()

    sent = client.post(reverse("deals:rfq_new"), {**data, "quantity": "50", "sellers": str(kz_org.public_id)})
    inquiry = Inquiry.objects.get(buyer=cn_org, seller=kz_org)
    assert sent.status_code == 302 and sent["Location"] == reverse("deals:inquiry", args=[inquiry.public_id])


def test_seller_quotes_and_revises_by_post(client, li_wei, cn_org, aigerim, kz_org):
    rfq = send_rfq(li_wei, cn_org, kz_org)
    inquiry = rfq.inquiries.get()
    login(client, aigerim)
    page = client.get(reverse("deals:inquiry", args=[inquiry.public_id]))
    assert page.status_code == 200 and page.context["can_quote"]

    url = reverse("deals:quote", args=[inquiry.public_id])
    past = quotation_post(valid_until=(timezone.localdate() - datetime.timedelta(days=1)).isoformat())
    refused = client.post(url, past)
    assert refused.status_code == 400
    assert "valid_until" in refused.context["quote_form"].errors
    assert not Quotation.objects.exists()

    assert client.post(url, quotation_post()).status_code == 302
    assert client.post(url, quotation_post(unit_price="239")).status_code == 302
    versions = dict(Quotation.objects.filter(inquiry=inquiry).values_list("version", "status"))
    assert versions == {1: QuotationStatus.SUPERSEDED, 2: QuotationStatus.CURRENT}
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.QUOTED

    # The buyer sees the current version first and the earlier one kept.
    buyer_page = login(client.__class__(), li_wei).get(reverse("deals:inquiry", args=[inquiry.public_id]))
    assert buyer_page.context["current"].version == 2
    assert [q.version for q in buyer_page.context["earlier"]] == [1]
    assert buyer_page.context["can_accept"] and not buyer_page.context["can_quote"]


def test_buyer_compares_in_cny_with_demo_rates(client, li_wei, cn_org, aigerim, kz_org, ru_org):
    call_command("load_fx", str(fx.DEMO_RATES_CSV), demo=True)
    rfq = send_rfq(li_wei, cn_org, kz_org, ru_org)
    actions.send_quotation(
        aigerim, rfq.inquiries.get(seller=kz_org), quotation_values(unit_price=Decimal("250"))
    )
    ru_user = ru_org.memberships.get().user
    actions.send_quotation(
        ru_user, rfq.inquiries.get(seller=ru_org), quotation_values(unit_price=Decimal("240"))
    )
    login(client, li_wei)

    response = client.get(reverse("deals:rfq", args=[rfq.public_id]), {"currency": "CNY"})
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert comparison.currency == "CNY" and comparison.uses_demo_rates
    assert [r.inquiry.seller_id for r in comparison.rows] == [ru_org.pk, kz_org.pk]
    assert all(r.total is not None and r.total > r.quotation.total for r in comparison.rows)  # 1 USD > 1 CNY
    assert response.context["best"] == comparison.rows[0].total
    with translation.override("zh-hans"):
        assert _("Demo rates").encode() in response.content
    assert response.content.count(b'action="/deals/quotation/') == 2  # an accept button per quotation

    # Without ?currency the buyer's own currency (CNY for a Chinese importer) is used.
    assert client.get(reverse("deals:rfq", args=[rfq.public_id])).context["comparison"].currency == "CNY"
    # A seller never sees the RFQ (nor who else was asked).
    assert (
        login(client.__class__(), aigerim).get(reverse("deals:rfq", args=[rfq.public_id])).status_code == 404
    )


def test_pipeline_lists_join_only_what_they_show(client, li_wei, cn_org, aigerim, kz_org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils.html import escape

    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    actions.post_message(aigerim, deal.inquiry, "hello")
    login(client, li_wei)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("deals:list"))
    # PostgreSQL spent 20-60 ms planning the dozen-table join these lists were read with.
    lists = [q["sql"] for q in captured if q["sql"].endswith("LIMIT 100")]
    assert len(lists) == 3  # sent, received, deals
    assert max(sql.count(" JOIN ") for sql in lists) <= 7
    [sent] = page.context["sent"]
    assert sent.unread == 1 and sent.counterpart.name == kz_org.name and sent.counterpart.country.name
    assert sent.deal.public_id == deal.public_id
    [listed] = page.context["deals"]
    assert listed.side == "buyer" and listed.counterpart.name == kz_org.name
    assert listed.current_terms.total == deal.current_terms.total
    assert b"hello" not in page.content and page.context["unread_received"] == 0
    assert str(escape(kz_org.name)).encode() in page.content and b'class="badge badge-unread"' in page.content

    # Once Li Wei has read the thread, nothing is unread; a second message by Aigerim is, until he
    # replies (replying reads the thread; his own message is never unread for him).
    actions.mark_thread_read(li_wei, deal.inquiry)
    assert client.get(reverse("deals:list")).context["sent"][0].unread == 0
    actions.post_message(aigerim, deal.inquiry, "and again")
    assert client.get(reverse("deals:list")).context["sent"][0].unread == 1
    actions.post_message(li_wei, deal.inquiry, "my reply")
    assert client.get(reverse("deals:list")).context["sent"][0].unread == 0


def test_rfq_comparison_reads_each_thing_once(
    client, li_wei, cn_org, aigerim, kz_org, ru_org, django_assert_max_num_queries
):
    call_command("load_fx", str(fx.DEMO_RATES_CSV), demo=True)
    rfq = send_rfq(li_wei, cn_org, kz_org, ru_org)
    actions.send_quotation(aigerim, rfq.inquiries.get(seller=kz_org), quotation_values())
    url = reverse("deals:rfq", args=[rfq.public_id])
    login(client, li_wei)
    freight_estimate("KZALA", "CNCKG")  # the process reads the corridor network once, on first use

    # Session, user, active organization (and its country), the request, the currencies with rates,
    # the quoted ones, the inquiries, their quotations, two of rates, the deals, the buyer's side,
    # then the header (inbox, notifications, the account menu); the delivered cost reads the schedules
    # once for all quotations (customs unions, duty rows, VAT rows, reduced VAT rows).
    with django_assert_max_num_queries(20) as first:
        client.get(url, {"currency": "CNY"})
    rate_codes = [q for q in first.captured_queries if "reference_fxrate" in q["sql"] and "UNION" in q["sql"]]
    assert len(rate_codes) == 1
    inquiry_reads = [q for q in first.captured_queries if q["sql"].startswith('SELECT "deals_inquiry"."id"')]
    assert len(inquiry_reads) == 1

    with django_assert_max_num_queries(len(first) - 1) as again:  # the rates' currencies come cached
        page = client.get(url, {"currency": "CNY"})
    assert not [q for q in again.captured_queries if "UNION" in q["sql"]]
    assert [r.inquiry.seller_id for r in page.context["comparison"].rows] == [kz_org.pk]
    assert {"CNY", "USD", "RUB"} <= set(page.context["currencies"])


def test_accepting_opens_a_deal_and_terms_are_renegotiated(client, li_wei, cn_org, aigerim, kz_org):
    inquiry, quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    buyer = login(client, li_wei)
    response = buyer.post(reverse("deals:accept_quotation", args=[quotation.public_id]))
    deal = Deal.objects.get(inquiry=inquiry)
    assert response.status_code == 302 and response["Location"] == reverse(
        "deals:deal", args=[deal.public_id]
    )

    seller = login(client.__class__(), aigerim)
    proposed = seller.post(
        reverse("deals:propose_terms", args=[deal.public_id]),
        terms_post(deal.current_terms, unit_price="240.0000"),
    )
    assert proposed.status_code == 302
    page = buyer.get(reverse("deals:deal", args=[deal.public_id]))
    assert page.context["can_decide"] and not page.context["can_propose"]
    changed = {row["key"] for row in page.context["pending_rows"] if row["changed"]}
    assert changed == {"unit_price", "total"}

    unexplained = buyer.post(
        reverse("deals:decide_terms", args=[deal.public_id, 2]), {"decision": "reject", "reject-reason": " "}
    )
    assert unexplained.status_code == 400 and unexplained.context["reject_form"].errors["reason"]
    assert deal.term_sheets.get(version=2).status == TermsStatus.PROPOSED

    decided = buyer.post(reverse("deals:decide_terms", args=[deal.public_id, 2]), {"decision": "accept"})
    assert decided.status_code == 302
    deal.refresh_from_db()
    assert deal.current_terms.version == 2 and deal.current_terms.unit_price == Decimal("240")
    assert deal.current_terms.status == TermsStatus.ACCEPTED

    # Accepting twice is a conflict: a message, no second deal.
    again = buyer.post(reverse("deals:accept_quotation", args=[quotation.public_id]))
    assert again.status_code == 302 and error_messages(again)
    assert Deal.objects.count() == 1


def test_stale_transition_shows_the_conflict_and_changes_nothing(client, li_wei, cn_org, aigerim, kz_org):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    url = reverse("deals:transition", args=[deal.public_id])
    buyer = login(client, li_wei)
    assert buyer.post(url, {"action": "agree", "expected_status": "negotiating"}).status_code == 302
    seller = login(client.__class__(), aigerim)
    assert seller.post(url, {"action": "agree", "expected_status": "negotiating"}).status_code == 302
    events = history(deal).count()

    stale = seller.post(url, {"action": "sign", "expected_status": "negotiating"})
    assert stale.status_code == 302
    with translation.override("ru"):
        expected = _(
            "The deal changed meanwhile: it is now “%(status)s”. Reload the page and decide again."
        ) % {"status": DealStatus.AGREED.label}
    assert error_messages(stale) == [expected]
    deal.refresh_from_db()
    assert deal.status == DealStatus.AGREED
    assert history(deal).count() == events

    # Cancelling needs a reason: the form comes back with the error, nothing changes.
    refused = seller.post(url, {"action": "cancel", "expected_status": "agreed", "cancel-reason": ""})
    assert refused.status_code == 400
    with translation.override("ru"):
        assert refused.context["transitions"][-1]["form"].errors["reason"] == [
            _("Say why the deal is cancelled.")
        ]
    deal.refresh_from_db()
    assert deal.status == DealStatus.AGREED


def test_message_with_a_pdf_and_its_download(client, li_wei, cn_org, aigerim, kz_org, outsider):
    inquiry, _quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    seller = login(client, aigerim)
    response = seller.post(
        reverse("deals:post_message", args=[inquiry.public_id]),
        {
            "body": "Спецификация во вложении",
            "file": [SimpleUploadedFile("Спецификация.pdf", PDF, "application/pdf")],
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.message.body == "Спецификация во вложении"

    buyer = login(client.__class__(), li_wei)
    pipeline = buyer.get(reverse("deals:list"))
    assert [i.unread for i in pipeline.context["sent"]] == [1]
    page = buyer.get(reverse("deals:inquiry", args=[inquiry.public_id]))
    assert reverse("deals:attachment", args=[attachment.public_id]).encode() in page.content
    assert [i.unread for i in buyer.get(reverse("deals:list")).context["sent"]] == [
        0
    ]  # viewing marks it read

    download = buyer.get(reverse("deals:attachment", args=[attachment.public_id]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == PDF

    stranger = login(client.__class__(), outsider)
    assert stranger.get(reverse("deals:attachment", args=[attachment.public_id])).status_code == 404
    assert stranger.get(reverse("deals:inquiry", args=[inquiry.public_id])).status_code == 404


def test_a_non_pdf_upload_is_refused_on_the_field(client, li_wei, cn_org, aigerim, kz_org):
    inquiry, _quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    login(client, li_wei)
    response = client.post(
        reverse("deals:post_message", args=[inquiry.public_id]),
        {
            "body": "see file",
            "file": [SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")],
        },
    )
    assert response.status_code == 400
    assert response.context["message_form"].errors["file"]
    assert not Message.objects.exists() and not Attachment.objects.exists()


def test_pipeline_queries_do_not_grow_with_rows(
    client, li_wei, cn_org, aigerim, kz_org, django_assert_max_num_queries
):
    def build(n):
        for _i in range(n):
            deal = open_deal(li_wei, cn_org, aigerim, kz_org)
            actions.post_message(aigerim, deal.inquiry, "hello")
        send_rfq(li_wei, cn_org, kz_org)

    login(client, li_wei)
    build(1)
    with django_assert_max_num_queries(12):
        first = client.get(reverse("deals:list"))
    build(4)
    with django_assert_max_num_queries(12):
        many = client.get(reverse("deals:list"))
    assert len(first.context["sent"]) == 2 and len(many.context["sent"]) == 7
    counts = {s["value"]: s["count"] for s in many.context["statuses"]}
    assert counts[DealStatus.NEGOTIATING] == 5
    assert {i.status for i in many.context["sent"]} == {InquiryStatus.ACCEPTED, InquiryStatus.OPEN}
    seller_view = login(client.__class__(), aigerim).get(reverse("deals:list"))
    assert len(seller_view.context["received"]) == 7 and not seller_view.context["sent"]


def test_document_download(client, li_wei, cn_org, aigerim, kz_org, outsider):
    from scotemp.deals.documents import DocumentsUnavailable, find_font

    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    login(client, li_wei)
    url = reverse("deals:document", args=[deal.public_id, "proforma", "ru"])
    assert client.get(url).status_code == 404  # no agreed terms yet
    deal = walk(deal, li_wei, aigerim, DealStatus.AGREED)
    page = client.get(reverse("deals:deal", args=[deal.public_id]))
    assert url.encode() in page.content
    assert client.get(reverse("deals:document", args=[deal.public_id, "invoice", "ru"])).status_code == 404
    assert client.get(reverse("deals:document", args=[deal.public_id, "proforma", "de"])).status_code == 404
    assert login(client.__class__(), outsider).get(url).status_code == 404
    try:
        find_font()
    except DocumentsUnavailable:
        assert client.get(url).status_code == 503
        pytest.skip("no CJK font installed")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="proforma-{str(deal.public_id)[:8]}-ru.pdf"'
    )
    assert response.content.startswith(b"%PDF-")


def test_deal_page_for_parties_only(client, li_wei, cn_org, aigerim, kz_org, outsider):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    page = login(client, aigerim).get(reverse("deals:deal", args=[deal.public_id]))
    assert page.status_code == 200
    assert [t["action"] for t in page.context["transitions"]] == ["agree", "cancel"]
    assert [s["state"] for s in page.context["steps"]] == ["current", "todo", "todo", "todo", "todo"]
    # Date inputs get ISO values whatever the language (a localized date would show up empty).
    assert f'value="{deal.current_terms.delivery_from.isoformat()}"'.encode() in page.content
    assert Inquiry.objects.get().public_id == deal.inquiry.public_id
    assert (
        login(client.__class__(), outsider).get(reverse("deals:deal", args=[deal.public_id])).status_code
        == 404
    )


def test_wrong_side_is_forbidden_and_operator_reads_only_when_asked_in(
    client, li_wei, cn_org, aigerim, kz_org, operator
):
    inquiry, _quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    buyer = login(client, li_wei)
    # The buyer cannot quote on the seller's behalf: the action's PermissionDenied is a 403.
    assert buyer.post(reverse("deals:quote", args=[inquiry.public_id]), quotation_post()).status_code == 403
    assert Quotation.objects.count() == 1

    staff = login(client.__class__(), operator)
    assert staff.get(reverse("deals:inquiry", args=[inquiry.public_id])).status_code == 404
    empty = buyer.post(reverse("deals:operator_access", args=[inquiry.public_id]), {"operator-reason": ""})
    assert empty.status_code == 400 and empty.context["operator_form"].errors
    asked = buyer.post(
        reverse("deals:operator_access", args=[inquiry.public_id]), {"operator-reason": "Payment dispute"}
    )
    assert asked.status_code == 302
    page = staff.get(reverse("deals:inquiry", args=[inquiry.public_id]))
    assert page.status_code == 200 and page.context["side"] is None
    assert b'action="' + reverse("deals:post_message", args=[inquiry.public_id]).encode() not in page.content


def test_seller_search_fragment_lists_other_organizations(client, li_wei, cn_org, kz_org):
    login(client, li_wei)
    response = client.get(reverse("deals:seller_search"), {"q": "Astyk"}, HTTP_HX_REQUEST="true")
    assert [o.pk for o in response.context["found"]] == [kz_org.pk]
    assert str(kz_org.public_id).encode() in response.content
    own = client.get(reverse("deals:seller_search"), {"q": cn_org.name[:3]})
    assert cn_org.pk not in [o.pk for o in own.context["found"]]


def test_comparison_without_a_rate_keeps_the_quotation_unconverted(client, li_wei, cn_org, aigerim, kz_org):
    from scotemp.reference.models import FxRate

    FxRate.objects.all().delete()
    inquiry, _quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    response = login(client, li_wei).get(
        reverse("deals:rfq", args=[inquiry.rfq.public_id]), {"currency": "RUB"}
    )
    comparison = response.context["comparison"]
    assert comparison.missing_rates == ["USD"] and comparison.rows[0].total is None
    assert response.context["best"] is None and not response.context["bars"]


def test_match_rows_offer_a_quotation_request_to_the_buyer_only(client, li_wei, cn_org, aigerim, kz_org):
    from scotemp.trade.matching.store import recompute_matches
    from scotemp.trade.tests.lead_data import wheat_request

    offer = make_lead(aigerim, kz_org)
    make_lead(li_wei, cn_org, wheat_request())
    recompute_matches(offer.id, notify=False)
    link = f"{reverse('deals:rfq_new')}?lead={offer.public_id}".encode()
    assert link in login(client, li_wei).get(reverse("trade:matches")).content
    assert (
        b"/deals/new/?lead=" not in login(client.__class__(), aigerim).get(reverse("trade:matches")).content
    )


def test_operators_find_the_negotiations_they_were_asked_into(
    client, li_wei, cn_org, aigerim, kz_org, operator
):
    inquiry, _quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    _other, _q = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    actions.request_operator_access(aigerim, inquiry, "Payment terms dispute")
    page = login(client, operator).get(reverse("deals:list"))
    assert page.status_code == 200
    assert [i.pk for i in page.context["asked_in"]] == [inquiry.pk]  # not the other negotiation
    assert "Payment terms dispute" in page.content.decode()
    assert reverse("deals:report").encode() in page.content


def test_accepting_on_the_rfq_page_can_close_the_other_inquiries(client, li_wei, cn_org, aigerim, kz_org):
    other = OrganizationFactory()
    rfq = send_rfq(li_wei, cn_org, kz_org, other)
    quotation = actions.send_quotation(aigerim, rfq.inquiries.get(seller=kz_org), quotation_values())
    page = login(client, li_wei).get(reverse("deals:rfq", args=[rfq.public_id]))
    assert b'name="close_others"' in page.content
    client.post(reverse("deals:accept_quotation", args=[quotation.public_id]), {"close_others": "1"})
    assert rfq.inquiries.get(seller=other).status == InquiryStatus.CLOSED


def test_unread_counts_of_many_threads_are_one_statement(client, li_wei, cn_org, aigerim, kz_org, ru_org):
    """The pipeline counts unread messages of every listed thread at once; the ids travel as one
    value, so the statement's text does not depend on how many threads there are (PostgreSQL plans
    it once per connection, SQLite keeps it compiled)."""
    from django.db import connection

    from tests.factories import MembershipFactory

    statements = []

    def record(execute, sql, params, many, context):
        if "GROUP BY m.inquiry_id" in sql:
            statements.append(sql)
        return execute(sql, params, many, context)

    first = open_deal(li_wei, cn_org, aigerim, kz_org)
    login(client, li_wei)
    with connection.execute_wrapper(record):
        assert [row.unread for row in client.get(reverse("deals:list")).context["sent"]] == [0]

    # Two more sellers: three threads, with 2, 1 and 0 unread messages for Li Wei.
    seller = MembershipFactory(role="owner", organization=ru_org).user
    second = send_rfq(li_wei, cn_org, ru_org, goods="Barley").inquiries.get()
    third = send_rfq(li_wei, cn_org, kz_org, goods="Oats").inquiries.get()
    actions.post_message(aigerim, first.inquiry, "one")
    actions.post_message(aigerim, first.inquiry, "two")
    actions.post_message(seller, second, "three")
    actions.post_message(li_wei, third, "his own message is never unread for him")
    with connection.execute_wrapper(record):
        sent = client.get(reverse("deals:list")).context["sent"]
    assert {row.id: row.unread for row in sent} == {first.inquiry.pk: 2, second.pk: 1, third.pk: 0}
    assert len(statements) == 2 and statements[0] == statements[1]
