"""Demo: Li Wei's open wheat RFQ gets quotations on other Incoterms rules and in other currencies, so
that its comparison ranks them on delivered cost in yuan (carriage, insurance, duty and VAT added as
each rule leaves them with the buyer) rather than on the quoted prices alone.

The three sellers the deals demo asked all quote DAP Alashankou; three more grain exporters are asked
here and quote CPT Alashankou in euros, FCA Novosibirsk in roubles (carriage is the buyer's: the route
planner's estimate, or "freight not estimated") and DDP Alashankou in yuan. Idempotent."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from scotemp.deals import actions
from scotemp.deals.models import Inquiry, Quotation, Rfq
from scotemp.demo.deals.scenarios import OPEN_RFQ
from scotemp.demo.deals.seeder import _Seeder
from scotemp.reference.models import Currency, Incoterm, Location, Unit

# (seller: country and first index to try, rule, named place, currency, unit price, note)
QUOTES = [
    ("KZ", 5, "CPT", "CNAKL", "EUR", "212", "Перевозка до Алашанькоу включена, страхование за покупателем."),
    ("RU", 5, "FCA", "RUOVB", "RUB", "17400", "Погрузка на ст. Новосибирск, ж/д тариф за покупателем."),
    ("KZ", 7, "DDP", "CNAKL", "CNY", "1850", "Цена с пошлиной и НДС Китая, растаможка нашим брокером."),
]  # fmt: skip


def seed_landed_cost_demo(log=None) -> dict:
    log = log or (lambda message: None)
    seeder = _Seeder(log)
    _buyer_user, buyer = seeder.party(OPEN_RFQ["buyer"], OPEN_RFQ["hs"], "buyer")
    rfq = Rfq.objects.filter(buyer=buyer, goods=OPEN_RFQ["goods"]).first()
    if rfq is None:
        log("Delivered cost: Li Wei's open RFQ is missing (run seed_deals first).")
        return {"delivered_cost_quotations": 0}
    asked = set(rfq.inquiries.values_list("seller_id", flat=True))
    made = 0
    for country, first, rule, place, currency, price, note in QUOTES:
        for index in range(first, first + 10):
            seller_user, seller = seeder.party((country, index), OPEN_RFQ["hs"], "seller")
            if seller.pk not in asked:
                break
            if Quotation.objects.filter(inquiry__rfq=rfq, inquiry__seller=seller, incoterm_id=rule).exists():
                seller = None  # made by an earlier run
                break
        else:
            seller = None
        if seller is None:
            continue
        with transaction.atomic():
            inquiry = Inquiry.objects.create(rfq=rfq, buyer=buyer, seller=seller)
            asked.add(seller.pk)
            quotation = actions.send_quotation(
                seller_user,
                inquiry,
                {
                    "unit_price": Decimal(price),
                    "currency": Currency.objects.get(code=currency),
                    "incoterm": Incoterm.objects.get(code=rule),
                    "incoterm_place": Location.objects.get(locode=place),
                    "quantity": Decimal(OPEN_RFQ["qty"]),
                    "unit": Unit.objects.get(code=OPEN_RFQ["unit"]),
                    "min_order": None,
                    "lead_time_days": 30,
                    "payment_terms": "30% T/T in advance, 70% against shipping documents",
                    "valid_until": timezone.localdate() + datetime.timedelta(days=21),
                    "note": note,
                },
            )
            moment = timezone.now() - datetime.timedelta(hours=2 + made)
            Quotation.objects.filter(pk=quotation.pk).update(created_at=moment, updated_at=moment)
        made += 1
    log(f"Delivered cost: {made} quotations on other Incoterms rules added to Li Wei's wheat RFQ.")
    return {"delivered_cost_quotations": made}
