"""The freight pages end to end, in Chinese (li_wei, shipper) and Russian (providers): the providers'
directory, a provider's lane rates (form, CSV, refusal for a non-provider), the request form, the
comparison and booking, the provider's inbox, quote form, decline and thread with attachments."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from scotemp.logistics.actions import freight as actions
from scotemp.logistics.models import FreightAttachment, FreightInquiry, FreightQuote, FreightRequest, LaneRate

from .freight_helpers import lane_values, make_provider, quote_values, send_request

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = timezone.localdate()


def tr(language, text):
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture
def forwarder():
    org, user = make_provider("Сибирь Экспедиция", country="RU")
    user.language = "ru"
    user.save()
    return org, user


@pytest.fixture
def carrier():
    org, user = make_provider("Алматы Рейл", country="KZ", activity="carrier")
    user.language = "ru"
    user.save()
    return org, user


def test_directory_is_public_and_translated(client, forwarder):
    rate = actions.publish_lane_rate(forwarder[1], forwarder[0], lane_values())
    LaneRate.objects.filter(pk=rate.pk).update(is_demo=True)
    response = client.get(
        reverse("logistics:freight_providers") + "?origin=CNCKG", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert str(rate.public_id) in body
    assert tr("zh-hans", "demo data") in body and tr("zh-hans", "Lane rates") in body
    other = client.get(reverse("logistics:freight_providers") + "?origin=KZALA&mode=sea").content.decode()
    assert str(rate.public_id) not in other


def test_non_provider_is_refused_on_the_page(client, aigerim, kz_org):
    client.force_login(aigerim)
    page = client.get(reverse("logistics:lane_rates_mine"))
    refusal = tr(
        "ru",
        "Only service providers (forwarders, carriers, customs brokers, insurers, banks, inspection bodies, "
        "warehouses) publish lane rates and service offers. Add the activity to your organization's "
        "directory profile first.",
    )
    assert refusal in page.content.decode()
    data = {
        "origin": "CNCKG", "destination": "RUMOW", "mode": "rail", "equipment": "40GP", "basis": "container",
        "price": "6500", "currency": "USD", "valid_from": TODAY.isoformat(),
        "valid_until": (TODAY + datetime.timedelta(days=10)).isoformat(),
    }  # fmt: skip
    response = client.post(reverse("logistics:lane_rates_mine"), data)
    assert response.status_code == 403 and refusal in response.content.decode()
    assert not LaneRate.objects.exists()


def test_provider_publishes_by_form_and_csv(client, forwarder):
    client.force_login(forwarder[1])
    data = {
        "origin": "Чунцин", "destination": "RUMOW", "mode": "rail", "equipment": "40GP", "basis": "container",
        "price": "6500", "currency": "USD", "valid_from": TODAY.isoformat(),
        "valid_until": (TODAY - datetime.timedelta(days=1)).isoformat(),
    }  # fmt: skip
    refused = client.post(reverse("logistics:lane_rates_mine"), data)
    assert refused.status_code == 400 and not LaneRate.objects.exists()
    data["valid_until"] = (TODAY + datetime.timedelta(days=10)).isoformat()
    assert client.post(reverse("logistics:lane_rates_mine"), data).status_code == 302
    assert LaneRate.objects.get().origin_id == "CNCKG"
    header = "origin,destination,mode,equipment,basis,price,currency,valid_from,valid_until\n"
    bad = f"CNCKG,UZTAS,rail,40GP,container,100,USD,{TODAY},{TODAY - datetime.timedelta(days=3)}\n"
    upload = SimpleUploadedFile("r.csv", (header + bad).encode(), content_type="text/csv")
    response = client.post(reverse("logistics:lane_rates_csv"), {"file": upload})
    assert response.status_code == 400
    assert (
        tr("ru", "row %(row)d: %(field)s") % {"row": 2, "field": "valid_until"} in response.content.decode()
    )
    assert LaneRate.objects.count() == 1
    rate = LaneRate.objects.get()
    assert client.post(reverse("logistics:lane_rate_withdraw", args=[rate.public_id])).status_code == 302
    rate.refresh_from_db()
    assert rate.withdrawn_at is not None


def test_request_compare_book_in_chinese(client, li_wei, cn_org, forwarder, carrier):
    client.force_login(li_wei)
    form = client.get(reverse("logistics:freight_request_new"))
    assert form.status_code == 200 and str(forwarder[0].public_id) in form.content.decode()
    key = form.context["form"].initial["submission_key"]
    data = {
        "origin": "CNCKG", "destination": "RUMOW", "goods": "铝锭", "hs_code": "7601", "weight_kg": "22000",
        "equipment": "40GP", "units": "2", "ready_date": (TODAY + datetime.timedelta(days=5)).isoformat(),
        "providers": [str(forwarder[0].public_id), str(carrier[0].public_id)], "submission_key": key,
    }  # fmt: skip
    first = client.post(reverse("logistics:freight_request_new"), data)
    again = client.post(reverse("logistics:freight_request_new"), data)
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    req = FreightRequest.objects.get()
    assert req.inquiries.count() == 2
    a = actions.send_freight_quote(forwarder[1], req.inquiries.get(provider=forwarder[0]), quote_values())
    actions.send_freight_quote(
        carrier[1], req.inquiries.get(provider=carrier[0]), quote_values(price=Decimal("6900"))
    )
    page = client.get(reverse("logistics:freight_request", args=[req.public_id]) + "?currency=USD")
    body = page.content.decode()
    assert page.status_code == 200 and tr("zh-hans", "Quotes side by side") in body
    assert body.index("6,900") < body.index("7,100") if "6,900" in body else True
    booked = client.post(reverse("logistics:freight_book", args=[a.public_id]))
    assert booked.status_code == 302
    a.refresh_from_db()
    assert a.status == "booked"
    # Booking again on the page is refused with a message, nothing changes.
    client.post(reverse("logistics:freight_book", args=[a.public_id]))
    assert FreightQuote.objects.filter(status="booked").count() == 1


def test_provider_inbox_quote_decline_and_thread(client, li_wei, cn_org, forwarder, carrier):
    req = send_request(li_wei, cn_org, forwarder[0], carrier[0])
    mine = req.inquiries.get(provider=forwarder[0])
    theirs = req.inquiries.get(provider=carrier[0])
    client.force_login(forwarder[1])
    inbox = client.get(reverse("logistics:freight_inbox")).content.decode()
    assert str(mine.public_id) in inbox and str(theirs.public_id) not in inbox
    assert tr("ru", "Freight inquiries received") in inbox
    assert client.get(reverse("logistics:freight_inquiry", args=[theirs.public_id])).status_code == 404
    assert client.get(reverse("logistics:freight_request", args=[req.public_id])).status_code == 404
    page = client.get(reverse("logistics:freight_inquiry", args=[mine.public_id]))
    assert page.status_code == 200 and tr("ru", "Send the quote") in page.content.decode()
    quote = {
        "price": "7000", "currency": "USD", "basis": "container", "transit_days_min": "15",
        "transit_days_max": "12", "valid_until": (TODAY + datetime.timedelta(days=7)).isoformat(),
    }  # fmt: skip
    assert client.post(reverse("logistics:freight_quote", args=[mine.public_id]), quote).status_code == 400
    quote["transit_days_max"] = "18"
    assert client.post(reverse("logistics:freight_quote", args=[mine.public_id]), quote).status_code == 302
    assert FreightQuote.objects.get(inquiry=mine).price == Decimal("7000")
    upload = SimpleUploadedFile("rate.pdf", PDF, content_type="application/pdf")
    posted = client.post(
        reverse("logistics:freight_message", args=[mine.public_id]),
        {"body": "Тариф во вложении", "file": upload},
    )
    assert posted.status_code == 302
    attachment = FreightAttachment.objects.get()
    client.force_login(li_wei)
    assert client.get(reverse("logistics:freight_attachment", args=[attachment.public_id])).status_code == 200
    client.force_login(carrier[1])
    assert client.get(reverse("logistics:freight_attachment", args=[attachment.public_id])).status_code == 404
    declined = client.post(
        reverse("logistics:freight_decline", args=[theirs.public_id]), {"reason": "Нет вагонов"}
    )
    assert declined.status_code == 302
    assert FreightInquiry.objects.get(pk=theirs.pk).status == "declined"


def test_pages_render_in_russian_and_chinese(client, li_wei, cn_org, forwarder):
    actions.publish_service_offer(
        forwarder[1], forwarder[0],
        {"kind": "customs_brokerage", "title": "Брокер", "description": "Таможня", "language": "ru"},
        countries=["RU"],
    )  # fmt: skip
    send_request(li_wei, cn_org, forwarder[0])
    for user, language, names in (
        (
            li_wei,
            "zh-hans",
            ["logistics:freight_requests", "logistics:freight_request_new", "logistics:freight_providers"],
        ),
        (
            forwarder[1],
            "ru",
            ["logistics:freight_inbox", "logistics:lane_rates_mine", "logistics:service_offer_new"],
        ),
    ):
        client.force_login(user)
        for name in names:
            response = client.get(reverse(name))
            assert response.status_code == 200, name
            assert response.wsgi_request.LANGUAGE_CODE == language


def test_request_from_a_deal_is_prefilled_and_kept(client, li_wei, cn_org, aigerim, kz_org, forwarder):
    from scotemp.deals.tests.helpers import open_deal

    deal = open_deal(li_wei, cn_org, aigerim, kz_org)  # FCA Almaty: the named place is the origin
    client.force_login(li_wei)
    page = client.get(reverse("logistics:freight_request_new") + f"?deal={deal.public_id}")
    initial = page.context["form"].initial
    assert page.status_code == 200
    assert (initial["origin"], initial["hs_code"], initial["goods"]) == (
        "KZALA",
        "100199",
        deal.current_terms.goods,
    )
    data = {
        **{k: v for k, v in initial.items() if k not in ("deal", "incoterm") and v not in (None, "")},
        "destination": "CNCKG", "equipment": "wagon_hopper", "units": "8",
        "ready_date": (TODAY + datetime.timedelta(days=5)).isoformat(),
        "providers": [str(forwarder[0].public_id)], "deal": str(deal.public_id),
    }  # fmt: skip
    response = client.post(reverse("logistics:freight_request_new") + f"?deal={deal.public_id}", data)
    assert response.status_code == 302, response.context["form"].errors
    assert FreightRequest.objects.get().deal == deal
    # Another organization cannot start a request from this deal.
    client.force_login(forwarder[1])
    assert client.get(reverse("logistics:freight_request_new") + f"?deal={deal.public_id}").status_code == 404


def test_service_offers_filtered_by_country_and_kind(client, forwarder):
    offer = actions.publish_service_offer(
        forwarder[1],
        forwarder[0],
        {"kind": "customs_brokerage", "title": "Брокер", "description": "Таможня", "language": "ru"},
        countries=["RU"],
    )
    url = reverse("logistics:freight_providers")
    assert str(offer.public_id) in client.get(url + "?country=ru").content.decode()
    assert str(offer.public_id) not in client.get(url + "?country=KZ").content.decode()
    assert str(offer.public_id) not in client.get(url + "?kind=cargo_insurance").content.decode()
    assert client.get(url + "?country=1x").status_code == 200
