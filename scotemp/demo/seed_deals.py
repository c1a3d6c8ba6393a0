"""The demo deals pipeline: requests, quotations, threads and deals between the demo organizations, so
every persona finds work on first login and the operator's deals report has most of 2026 to show.

- Li Wei (Chongqing importer) has an open RFQ for wheat sent to three sellers with quotations in USD,
  CNY and RUB (Aigerim's revised once) and a thread with Aigerim, a barley request still waiting for
  Aigerim's quotation, an inquiry for dried apricots declined by an Uzbek seller, and deals with
  Aigerim's grain trader: one completed, one in fulfilment, one negotiating where Aigerim proposed new
  terms that wait for Li Wei's answer;
- Zhang Min's aluminium association has a contract signed for aluminium ingots after a term change;
- Dmitry's forwarder has agreed to buy containers from a Chongqing manufacturer; the manufacturer
  confirmed the signed contract (with its PDF) and waits for Dmitry's confirmation;
- Aigerim's grain trader answered Li Wei's published wheat buy request with an offer, which waits in
  his inquiries ("agreed" and "contract signed" need both sides' confirmations, ADR 0013);
- the operator was asked into the thread of a deal cancelled after agreement;
- other deals between demo organizations (potash, NPK, cotton, dried apricots, barley, motorcycles,
  aluminium) complete the picture: every deal state, four currencies, February to November 2026.

Everything is created through the actions (notifications, timelines and term sheet versions are real);
afterwards the dates are moved into the past with ``.update()`` (the actions stamp ``timezone.now()``),
here only. Idempotent: a scenario whose request (goods + buyer) exists is skipped; deterministic: the
demo organizations are picked by country, the sector that trades the goods, and Latin name.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from scotemp.accounts.models import Membership, Organization
from scotemp.core.models import AuditEntry
from scotemp.deals import actions
from scotemp.deals.choices import DealStatus, RfqOrigin
from scotemp.deals.models import Deal, DealConfirmation, Inquiry, Message, Quotation, Rfq, TermSheet
from scotemp.deals.queries import deal_audit
from scotemp.demo.organizations import sector_by_organization
from scotemp.demo.personas import PERSONAS
from scotemp.demo.sectors import SECTORS
from scotemp.reference.fx import DEMO_RATES_CSV
from scotemp.reference.models import Currency, HSCode, Incoterm, Location, Unit
from scotemp.trade.models import Lead

LOCAL = ZoneInfo("Asia/Shanghai")
PERSONA_ORGS = {p["key"]: (p["org"]["name"], p["org"]["country"]) for p in PERSONAS if p.get("org")}
D = datetime.date

# Parties: ("persona", key) or (country, index among that country's demo organizations whose sector
# sells the goods, or buys them for the buyer).
# Days are the day of agreement (the report's day); steps after it follow at fixed distances.
DEALS = [
    dict(buyer=("persona", "liwei"), seller=("persona", "aigerim"), until=DealStatus.COMPLETED,
         goods="三级食用小麦，蛋白质12.5%", hs="100199", unit="TNE", qty="3000", price="236", cur="USD",
         place=("DAP", "CNAKL"), day=D(2026, 2, 16)),
    dict(buyer=("CN", 0), seller=("BY", 0), until=DealStatus.COMPLETED,
         goods="氯化钾（钾肥，K2O 60%）", hs="310420", unit="TNE", qty="5000", price="285", cur="USD",
         place=("DAP", "CNMLX"), day=D(2026, 3, 18)),
    dict(buyer=("CN", 1), seller=("UZ", 0), until=DealStatus.COMPLETED,
         goods="乌兹别克斯坦原棉，中级", hs="520100", unit="TNE", qty="400", price="12600", cur="CNY",
         place=("CPT", "CNURC"), day=D(2026, 4, 22)),
    dict(buyer=("CN", 2), seller=("RU", 0), until=DealStatus.COMPLETED,
         goods="原铝锭 A7（Al 99.7%）", hs="760110", unit="TNE", qty="1000", price="2380", cur="USD",
         place=("DAP", "CNMLX"), day=D(2026, 5, 6)),
    dict(buyer=("CN", 3), seller=("KZ", 0), until=DealStatus.CANCELLED,
         goods="饲料大麦", hs="100390", unit="TNE", qty="2000", price="205", cur="USD",
         place=("DAP", "CNHRS"), day=D(2026, 5, 19),
         cancel_reason="买方未能按期取得进口配额，双方同意取消合同。", ask_operator=True),
    dict(buyer=("KZ", 1), seller=("CN", 4), until=DealStatus.COMPLETED,
         goods="Мотоциклы 150 куб. см, комплектация CKD", hs="871120", unit="C62", qty="400", price="690",
         cur="USD", place=("DAP", "KZALA"), day=D(2026, 6, 10)),
    dict(buyer=("CN", 5), seller=("TJ", 0), until=DealStatus.IN_FULFILMENT,
         goods="塔吉克斯坦杏干，一级", hs="081310", unit="TNE", qty="60", price="2450", cur="USD",
         place=("CPT", "CNURC"), day=D(2026, 7, 14)),
    dict(buyer=("UZ", 1), seller=("BY", 1), until=DealStatus.COMPLETED,
         goods="Удобрение NPK 16-16-16", hs="310520", unit="TNE", qty="2000", price="345", cur="USD",
         place=("DAP", "UZTAS"), day=D(2026, 8, 5)),
    dict(buyer=("persona", "liwei"), seller=("persona", "aigerim"), until=DealStatus.IN_FULFILMENT,
         goods="四级软质小麦", hs="100199", unit="TNE", qty="2500", price="1720", cur="CNY",
         place=("DAP", "CNHRS"), day=D(2026, 9, 8),
         messages=[("seller", "Первые 50 вагонов отгружены со ст. Алтынколь, документы приложены к счёту."),
                   ("buyer", "收到，谢谢。请告知预计到达霍尔果斯的日期。")]),
    dict(buyer=("RU", 1), seller=("KZ", 2), until=DealStatus.COMPLETED,
         goods="Ячмень пивоваренный, урожай 2026", hs="100390", unit="TNE", qty="1500", price="19500",
         cur="RUB", place=("FCA", "KZAST"), day=D(2026, 10, 2)),
    dict(buyer=("persona", "zhangmin"), seller=("RU", 2), until=DealStatus.CONTRACT_SIGNED,
         goods="A7铝锭集中采购（会员企业）", hs="760110", unit="TNE", qty="500", price="2450", cur="USD",
         place=("DAP", "CNCKG"), day=D(2026, 10, 20), buyer_counter="2410"),
    dict(buyer=("persona", "dmitry"), seller=("CN", 6), until=DealStatus.AGREED,
         goods="Контейнеры 40 футов (40HC), новые", hs="860900", unit="C62", qty="60", price="3150",
         cur="USD", place=("FCA", "CNCKG"), day=D(2026, 11, 16), seller_signed=True),
    dict(buyer=("persona", "liwei"), seller=("persona", "aigerim"), until=DealStatus.NEGOTIATING,
         goods="饲料大麦，2027年一季度交货", hs="100390", unit="TNE", qty="1000", price="198", cur="USD",
         place=("DAP", "CNHRS"), day=D(2026, 11, 20), seller_counter="205"),
]  # fmt: skip

# The open RFQ: Li Wei asks three grain sellers; quotations in three currencies, Aigerim's revised.
OPEN_RFQ = dict(
    buyer=("persona", "liwei"),
    goods="三级食用小麦，2027年一季度交货",
    hs="100199", unit="TNE", qty="5000", target="1700", cur="CNY", place=("DAP", "CNAKL"),
    day=D(2026, 11, 18),
    quotes=[
        (("persona", "aigerim"), [("241", "USD"), ("237", "USD")]),
        (("KZ", 3), [("1710", "CNY")]),
        (("RU", 3), [("20800", "RUB")]),
    ],
    messages=[
        ("buyer", "请问蛋白质和湿面筋含量能保证多少？是否可以提供第三方检验证书？"),
        ("seller", "Протеин не ниже 12,5%, клейковина 23%. Сертификат SGS предоставим, цену пересмотрели."),
        ("buyer", "好的，我们本周内确认。"),
    ],
)  # fmt: skip
WAITING = dict(
    buyer=("persona", "liwei"), seller=("persona", "aigerim"), goods="啤酒大麦，蛋白质≤11.5%",
    hs="100390", unit="TNE", qty="800", target="215", cur="USD", place=("DAP", "CNHRS"), day=D(2026, 11, 24),
)  # fmt: skip
DECLINED = dict(
    buyer=("persona", "liwei"), seller=("UZ", 2), goods="乌兹别克斯坦杏干，去核",
    hs="081310", unit="TNE", qty="40", target="2300", cur="USD", place=("CPT", "CNCKG"), day=D(2026, 10, 27),
    reason="Урожай этого года уже законтрактован; предложим цену на новый урожай в июле.",
)  # fmt: skip

# Distances from the day of agreement to each step of a deal.
STEP_DAYS = {
    "rfq": -18,
    "quote": -14,
    "opened": -9,
    "terms_proposed": -6,
    "terms_decided": -5,
    "agree": 0,
    "sign": 6,
    "start_fulfilment": 20,
    "complete": 50,
    "cancel": 14,
}
FORWARD = ["agree", "sign", "start_fulfilment", "complete"]
BUYER_STEPS = {"agree", "complete", "cancel"}
BOTH_SIDES = {"agree", "sign"}  # each side confirms; the buyer's side goes first for "agree"
# The signed contract a demo seller uploads with its confirmation (a minimal, valid PDF).
SIGNED_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
# Aigerim's offer on Li Wei's published wheat buy request.
OFFER = dict(
    buyer=("persona", "liwei"), seller=("persona", "aigerim"), hs_heading="1001",
    goods="Пшеница мягкая 3 класса, протеин 12,5%, урожай 2026", price="239", cur="USD",
    message="Готовы отгрузить первую партию в январе, сертификат SGS предоставим.", day=D(2026, 11, 27),
)  # fmt: skip


class _Seeder:
    def __init__(self, log):
        self.log = log
        self.now = timezone.now()
        self.created = {"requests": 0, "deals": 0}

    # --- parties --------------------------------------------------------------------------------

    def party(self, ref, hs: str = "", side: str = "seller") -> tuple:
        """(owner user, organization) of a persona's organization or of the n-th demo organization of
        the country whose sector sells (or, for the buyer, buys) the goods of ``hs``."""
        if ref[0] == "persona":
            name, country = PERSONA_ORGS[ref[1]]
            org = Organization.objects.get(name=name, country_id=country)
        else:
            country, index = ref
            trades = [
                key
                for key, sector in SECTORS.items()
                if (sector.sells_code(hs) if side == "seller" else sector.buys_code(hs))
            ]
            names = {
                name for (c, name), key in sector_by_organization().items() if c == country and key in trades
            }
            orgs = list(
                Organization.objects.filter(country_id=country, name__in=names)
                .exclude(name__in=[name for name, _c in PERSONA_ORGS.values()])
                .order_by("name_latin", "pk")
            )
            org = orgs[index % len(orgs)]
        owner = (
            Membership.objects.filter(organization=org, role="owner").select_related("user").order_by("pk")
        ).first()
        return owner.user, org

    # --- dates ----------------------------------------------------------------------------------

    def at(self, day: datetime.date, step: str, hour: int = 10) -> datetime.datetime:
        """The moment of ``step`` for a scenario agreed on ``day``; never later than an hour ago."""
        moment = datetime.datetime.combine(
            day + datetime.timedelta(days=STEP_DAYS[step]), datetime.time(hour, 30), tzinfo=LOCAL
        )
        return min(moment, self.now - datetime.timedelta(hours=1))

    # --- building blocks ------------------------------------------------------------------------

    def rfq_values(self, spec) -> dict:
        incoterm, place = spec["place"]
        return {
            "goods": spec["goods"],
            "hs_code": HSCode.objects.get(code=spec["hs"]),
            "quantity": Decimal(spec["qty"]),
            "unit": Unit.objects.get(code=spec["unit"]),
            "target_price": Decimal(spec["target"]) if spec.get("target") else None,
            "currency": Currency.objects.get(code=spec["cur"]),
            "incoterm": Incoterm.objects.get(code=incoterm),
            "incoterm_place": Location.objects.get(locode=place),
            "delivery_from": None,
            "delivery_until": None,
            "questions": "",
            "respond_by": None,
        }

    def quotation_values(self, spec, price: str, currency: str) -> dict:
        incoterm, place = spec["place"]
        return {
            "unit_price": Decimal(price),
            "currency": Currency.objects.get(code=currency),
            "incoterm": Incoterm.objects.get(code=incoterm),
            "incoterm_place": Location.objects.get(locode=place),
            "quantity": Decimal(spec["qty"]),
            "unit": Unit.objects.get(code=spec["unit"]),
            "min_order": None,
            "lead_time_days": 30,
            "payment_terms": "30% T/T in advance, 70% against shipping documents",
            "valid_until": timezone.localdate() + datetime.timedelta(days=21),
            "note": "",
        }

    def send_request(self, spec, seller_refs) -> tuple[Rfq, object, object] | None:
        buyer_user, buyer = self.party(spec["buyer"], spec["hs"], "buyer")
        if Rfq.objects.filter(buyer=buyer, goods=spec["goods"]).exists():
            return None
        sellers = [self.party(ref, spec["hs"], "seller") for ref in seller_refs]
        rfq = actions.send_rfq(
            buyer_user, buyer, self.rfq_values(spec), [org.public_id for _u, org in sellers]
        )
        self.created["requests"] += 1
        return rfq, buyer_user, sellers

    def post(self, inquiry, buyer_user, seller_user, messages, start: datetime.datetime):
        for i, (side, body) in enumerate(messages):
            message = actions.post_message(buyer_user if side == "buyer" else seller_user, inquiry, body)
            moment = min(
                start + datetime.timedelta(hours=5 * (i + 1)), self.now - datetime.timedelta(minutes=30)
            )
            Message.objects.filter(pk=message.pk).update(created_at=moment, updated_at=moment)
            Inquiry.objects.filter(pk=inquiry.pk).update(last_message_at=moment)

    def backdate_request(self, rfq, day, step="rfq"):
        moment = self.at(day, step)
        Rfq.objects.filter(pk=rfq.pk).update(created_at=moment, updated_at=moment)
        Inquiry.objects.filter(rfq=rfq).update(created_at=moment, updated_at=moment)

    # --- scenarios ------------------------------------------------------------------------------

    def deal(self, spec) -> bool:
        sent = self.send_request(spec, [spec["seller"]])
        if sent is None:
            return False
        rfq, buyer_user, [(seller_user, _seller)] = sent
        day = spec["day"]
        inquiry = rfq.inquiries.get()
        quotation = actions.send_quotation(
            seller_user, inquiry, self.quotation_values(spec, spec["price"], spec["cur"])
        )
        deal = actions.accept_quotation(buyer_user, quotation)
        if spec.get("buyer_counter") or spec.get("seller_counter"):
            proposer = buyer_user if spec.get("buyer_counter") else seller_user
            current = deal.current_terms
            values = {f: getattr(current, f) for f in TermSheet.TERM_FIELDS}
            values["unit_price"] = Decimal(spec.get("buyer_counter") or spec["seller_counter"])
            values["note"] = "Price per the metals exchange average of the month before shipment"
            terms = actions.propose_terms(proposer, deal, values)
            if spec["until"] != DealStatus.NEGOTIATING:
                actions.decide_terms(seller_user if proposer == buyer_user else buyer_user, terms, True)
        target = DealStatus.AGREED if spec["until"] == DealStatus.CANCELLED else spec["until"]
        for action in FORWARD:
            deal.refresh_from_db()
            if deal.status == target:
                break
            first = buyer_user if action in BUYER_STEPS else seller_user
            actions.transition_deal(first, deal, action)
            if action in BOTH_SIDES:
                actions.transition_deal(seller_user if first == buyer_user else buyer_user, deal, action)
        if spec.get("seller_signed"):
            contract = SimpleUploadedFile("contract-signed.pdf", SIGNED_PDF, content_type="application/pdf")
            actions.transition_deal(seller_user, deal, "sign", contract=contract)
        if spec["until"] == DealStatus.CANCELLED:
            actions.transition_deal(buyer_user, deal, "cancel", reason=spec["cancel_reason"])
        if spec.get("ask_operator"):
            actions.request_operator_access(
                buyer_user, inquiry, "请平台协助确认合同取消的条款和预付款退还安排。"
            )
        if spec.get("messages"):
            self.post(inquiry, buyer_user, seller_user, spec["messages"], self.at(day, "quote"))
        self.backdate_deal(deal, rfq, quotation, day)
        self.created["deals"] += 1
        return True

    def backdate_deal(self, deal, rfq, quotation, day):
        self.backdate_request(rfq, day)
        quoted = self.at(day, "quote")
        Quotation.objects.filter(inquiry__rfq=rfq).update(
            created_at=quoted, updated_at=quoted, valid_until=quoted.date() + datetime.timedelta(days=21)
        )
        opened = self.at(day, "opened")
        last = opened
        confirmed = {}
        for entry in deal_audit(deal):
            if entry.verb in ("deal.opened", "terms.created"):
                moment = opened
            elif entry.verb == "deal.status_changed":
                moment = self.at(day, entry.data["action"], hour=15)
            elif entry.verb in ("deal.terms_confirmed", "deal.signature_confirmed"):
                # The first side confirms in the morning, the second when the deal moves.
                step = entry.data["step"]
                confirmed[step] = confirmed.get(step, 0) + 1
                moment = self.at(day, step, hour=11 if confirmed[step] == 1 else 15)
                DealConfirmation.objects.filter(deal=deal, public_id=entry.data["confirmation"]).update(
                    created_at=moment, updated_at=moment
                )
            else:
                moment = self.at(day, "terms_decided")
            AuditEntry.objects.filter(pk=entry.pk).update(at=moment)
            last = max(last, moment)
        # The term sheets' delivery window was counted from today: move it with the deal.
        shift = opened.date() - timezone.localdate()
        for terms in TermSheet.objects.filter(deal=deal):
            decided = self.at(day, "opened" if terms.version == 1 else "terms_decided")
            TermSheet.objects.filter(pk=terms.pk).update(
                created_at=self.at(day, "opened" if terms.version == 1 else "terms_proposed"),
                updated_at=decided,
                decided_at=decided if terms.decided_at else None,
                delivery_from=terms.delivery_from + shift,
                delivery_until=terms.delivery_until + shift,
            )
        deal.refresh_from_db()
        changes = {"created_at": opened, "status_changed_at": last, "updated_at": last}
        if deal.agreed_at is not None:
            changes["agreed_at"] = self.at(day, "agree", hour=15)
        Deal.objects.filter(pk=deal.pk).update(**changes)

    def open_rfq(self, spec) -> bool:
        sent = self.send_request(spec, [ref for ref, _prices in spec["quotes"]])
        if sent is None:
            return False
        rfq, buyer_user, sellers = sent
        day = spec["day"]
        self.backdate_request(rfq, day, step="agree")
        for hours, ((seller_user, seller), (_ref, prices)) in enumerate(
            zip(sellers, spec["quotes"], strict=True)
        ):
            inquiry = rfq.inquiries.get(seller=seller)
            for version, (price, currency) in enumerate(prices):
                quotation = actions.send_quotation(
                    seller_user, inquiry, self.quotation_values(spec, price, currency)
                )
                moment = self.at(day, "agree", hour=11 + hours) + datetime.timedelta(days=1 + version)
                moment = min(moment, self.now - datetime.timedelta(hours=1))
                Quotation.objects.filter(pk=quotation.pk).update(created_at=moment, updated_at=moment)
        first_user, first_seller = sellers[0]
        self.post(rfq.inquiries.get(seller=first_seller), buyer_user, first_user, spec["messages"],
                  self.at(day, "agree") + datetime.timedelta(days=2))  # fmt: skip
        return True

    def waiting(self, spec) -> bool:
        sent = self.send_request(spec, [spec["seller"]])
        if sent is None:
            return False
        self.backdate_request(sent[0], spec["day"], step="agree")
        return True

    def declined(self, spec) -> bool:
        sent = self.send_request(spec, [spec["seller"]])
        if sent is None:
            return False
        rfq, _buyer_user, [(seller_user, _seller)] = sent
        actions.decline_inquiry(seller_user, rfq.inquiries.get(), spec["reason"])
        self.backdate_request(rfq, spec["day"], step="agree")
        return True

    def offer(self, spec) -> bool:
        """A seller's offer on the buyer's published buy request (none found: nothing to do)."""
        _buyer_user, buyer = self.party(spec["buyer"])
        lead = (
            Lead.objects.open()
            .filter(organization=buyer, kind="buy", hs_heading=spec["hs_heading"])
            .order_by("pk")
            .first()
        )
        if lead is None or Rfq.objects.filter(lead=lead, origin=RfqOrigin.OFFERS).exists():
            return False
        seller_user, seller = self.party(spec["seller"])
        values = self.quotation_values(
            {
                "place": (lead.incoterm_id, lead.incoterm_place_id),
                "qty": str(lead.quantity),
                "unit": lead.unit_id,
            },
            spec["price"],
            spec["cur"],
        )
        values.update(goods=spec["goods"], note="")
        quotation = actions.send_offer(seller_user, seller, lead, values, spec["message"])
        moment = self.at(spec["day"], "agree")
        Rfq.objects.filter(pk=quotation.inquiry.rfq_id).update(created_at=moment, updated_at=moment)
        Inquiry.objects.filter(pk=quotation.inquiry_id).update(created_at=moment, updated_at=moment)
        Quotation.objects.filter(pk=quotation.pk).update(created_at=moment, updated_at=moment)
        Message.objects.filter(inquiry_id=quotation.inquiry_id).update(created_at=moment, updated_at=moment)
        Inquiry.objects.filter(pk=quotation.inquiry_id).update(last_message_at=moment)
        self.created["requests"] += 1
        return True

    def run(self) -> dict:
        scenarios = [(self.deal, spec) for spec in DEALS]
        scenarios += [(self.open_rfq, OPEN_RFQ), (self.waiting, WAITING), (self.declined, DECLINED)]
        scenarios += [(self.offer, OFFER)]
        for i, (build, spec) in enumerate(scenarios, start=1):
            with transaction.atomic():
                made = build(spec)
            self.log(f"  deals {i}/{len(scenarios)}: {spec['goods']}{'' if made else ' (already there)'}")
        return self.created


def seed_deals(log=None) -> dict:
    """Load the demo FX rates, then create the missing demo requests and deals (see the module
    docstring). Returns how many requests and deals were created; a second run creates none."""
    log = log or (lambda message: None)
    log("Deals: demo exchange rates…")
    call_command("load_fx", str(DEMO_RATES_CSV), demo=True, verbosity=0)
    log("Deals: requests, quotations, threads and deals…")
    created = _Seeder(log).run()
    log(f"Deals: created {created['requests']} requests and {created['deals']} deals.")
    return created
