"""The demo freight data: lane rates of three providers labelled as demo, a service offer each, Li
Wei's wheat train request with two quotes and one booked; nothing duplicated on a second run."""

import pytest
from django.core.management import call_command

from scotemp.logistics.models import FreightQuote, FreightRequest, LaneRate, ServiceOffer
from scotemp.logistics.queries.freight import booking_details

pytestmark = pytest.mark.django_db


def test_seed_demo_freight_once():
    call_command("seed_demo", verbosity=0)
    rates = LaneRate.objects.current()
    assert rates.exists() and not rates.filter(is_demo=False).exists()
    providers = set(rates.values_list("provider__name_latin", flat=True))
    assert "SibTransLogistic LLC" in providers and len(providers) == 3
    assert rates.filter(origin_id="KZALA", destination_id="CNCKG", equipment="wagon_hopper").exists()
    assert ServiceOffer.objects.filter(is_demo=True).values("provider").distinct().count() == 3
    request = FreightRequest.objects.get(shipper__name_latin="Chongqing Yuliang Foods Co., Ltd.")
    assert request.status == "booked"
    quotes = FreightQuote.objects.filter(inquiry__request=request)
    assert sorted(quotes.values_list("status", flat=True)) == ["booked", "not_chosen"]
    assert all(q.is_demo for q in quotes)
    details = booking_details(quotes.get(status="booked"))
    assert details["origin"].pk == "KZALA" and details["units"] == 20
    counts = (LaneRate.objects.count(), ServiceOffer.objects.count(), FreightRequest.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (LaneRate.objects.count(), ServiceOffer.objects.count(), FreightRequest.objects.count()) == counts
