"""Creating the demo deals through the actions, then moving their dates into the past."""

import datetime
from decimal import Decimal

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
from scotemp.demo.sectors import SECTORS
from scotemp.reference.fx import DEMO_RATES_CSV
from scotemp.reference.models import Currency, HSCode, Incoterm, Location, Unit
from scotemp.trade.models import Lead

from .scenarios import (
    BOTH_SIDES,
    BUYER_STEPS,
    DEALS,
    DECLINED,
    FORWARD,
    LOCAL,
    OFFER,
    OPEN_RFQ,
    PERSONA_ORGS,
    SIGNED_PDF,
    STEP_DAYS,
    WAITING,
)


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
