""" "Agreed" and "contract signed" need both sides: each side's confirmation is recorded for a term sheet
version and the deal moves when the other side confirms the same version; a new proposal withdraws
pending confirmations; "agree" is disabled while a proposal waits; each side may upload its signed
contract (a PDF). Through the actions, the deal page and the data migration for earlier deals."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from scotemp.deals import actions
from scotemp.deals.choices import DealEventKind, DealStatus, TermsStatus
from scotemp.deals.models import DealConfirmation, TermSheet
from scotemp.deals.queries import timeline_of

from .helpers import open_deal, walk

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20


def kinds(deal):
    return [e.kind for e in timeline_of(deal)]


def test_both_sides_confirm_the_same_version_and_a_proposal_withdraws(li_wei, cn_org, aigerim, kz_org):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    deal = actions.transition_deal(li_wei, deal, "agree", expected_status="negotiating")
    assert deal.status == DealStatus.NEGOTIATING and deal.agreed_terms_id is None
    [mine] = DealConfirmation.objects.filter(deal=deal)
    assert (mine.step, mine.side, mine.terms.version, mine.organization) == ("agree", "buyer", 1, cn_org)
    event = timeline_of(deal)[-1]
    assert (event.kind, event.actor_org, event.terms_version) == (DealEventKind.TERMS_CONFIRMED, cn_org, 1)

    # The seller proposes a new price: the buyer's confirmation of version 1 is withdrawn.
    values = {f: getattr(deal.current_terms, f) for f in TermSheet.TERM_FIELDS}
    proposal = actions.propose_terms(aigerim, deal, {**values, "unit_price": Decimal("250")})
    mine.refresh_from_db()
    assert mine.withdrawn_at is not None
    assert kinds(deal)[-2:] == [DealEventKind.TERMS_PROPOSED, DealEventKind.CONFIRMATION_WITHDRAWN]
    for user in (li_wei, aigerim):  # refused while the proposal waits, whoever made it
        with pytest.raises(ValidationError) as exc:
            actions.transition_deal(user, deal, "agree")
        assert exc.value.code == "conflict"
    actions.decide_terms(li_wei, proposal, accept=True)
    deal.refresh_from_db()
    deal = actions.transition_deal(aigerim, deal, "agree")
    assert deal.status == DealStatus.NEGOTIATING
    deal = actions.transition_deal(li_wei, deal, "agree")
    assert deal.status == DealStatus.AGREED and deal.agreed_terms == proposal
    assert kinds(deal)[-3:] == [
        DealEventKind.TERMS_CONFIRMED,
        DealEventKind.TERMS_CONFIRMED,
        DealEventKind.TRANSITION,
    ]
    # Confirming a step that is done is refused like any step the state does not allow.
    with pytest.raises(ValidationError):
        actions.transition_deal(li_wei, deal, "agree")


def test_signed_contracts_are_pdfs_for_the_two_parties(client, li_wei, cn_org, aigerim, kz_org, outsider):
    deal = walk(open_deal(li_wei, cn_org, aigerim, kz_org), li_wei, aigerim, DealStatus.AGREED)
    url = reverse("deals:transition", args=[deal.public_id])
    seller = Client()
    seller.force_login(aigerim)
    image = SimpleUploadedFile("contract.pdf", PNG, content_type="application/pdf")
    refused = seller.post(url, {"action": "sign", "expected_status": "agreed", "contract": image})
    assert refused.status_code == 400
    [sign] = [t for t in refused.context["transitions"] if t["action"] == "sign"]
    with translation.override("ru"):
        assert sign["contract_error"] == [gettext("Upload the signed contract as a PDF file.")]
    assert not DealConfirmation.objects.filter(step="sign").exists()

    pdf = SimpleUploadedFile("Договор подписан.pdf", PDF, content_type="application/pdf")
    assert (
        seller.post(url, {"action": "sign", "expected_status": "agreed", "contract": pdf}).status_code == 302
    )
    deal.refresh_from_db()
    assert deal.status == DealStatus.AGREED
    confirmation = DealConfirmation.objects.get(step="sign")
    assert confirmation.side == "seller" and confirmation.extension == "pdf"
    event = timeline_of(deal)[-1]
    assert event.kind == DealEventKind.SIGNATURE_CONFIRMED and event.contract

    buyer = Client()
    buyer.force_login(li_wei)
    page = buyer.get(reverse("deals:deal", args=[deal.public_id]))
    contract_url = reverse("deals:contract", args=[confirmation.public_id])
    assert contract_url.encode() in page.content
    download = buyer.get(contract_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.get(contract_url).status_code == 404

    assert buyer.post(url, {"action": "sign", "expected_status": "agreed"}).status_code == 302
    deal.refresh_from_db()
    assert deal.status == DealStatus.CONTRACT_SIGNED


def test_agree_is_disabled_with_the_reason_while_a_proposal_waits(client, li_wei, cn_org, aigerim, kz_org):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    values = {f: getattr(deal.current_terms, f) for f in TermSheet.TERM_FIELDS}
    actions.propose_terms(li_wei, deal, {**values, "unit_price": Decimal("200")})
    client.force_login(li_wei)  # the proposer's own proposal blocks agreeing too
    page = client.get(reverse("deals:deal", args=[deal.public_id]))
    [agree] = [t for t in page.context["transitions"] if t["action"] == "agree"]
    assert not agree["enabled"]
    with translation.override("zh-hans"):
        reason = gettext("New terms are waiting for an answer: accept or reject them before agreeing.")
    assert agree["reason"] == reason
    html = page.content.decode()
    assert 'data-action="agree" disabled' in html and reason in html
    refused = client.post(
        reverse("deals:transition", args=[deal.public_id]),
        {"action": "agree", "expected_status": "negotiating"},
    )
    assert refused.status_code == 302
    assert not DealConfirmation.objects.exists()
    assert deal.term_sheets.filter(status=TermsStatus.PROPOSED).count() == 1


def test_earlier_deals_keep_their_state(li_wei, cn_org, aigerim, kz_org):
    deal = walk(open_deal(li_wei, cn_org, aigerim, kz_org), li_wei, aigerim, DealStatus.CONTRACT_SIGNED)
    # As before this change: no confirmation rows, only the audit log of the one-sided steps.
    DealConfirmation.objects.all().delete()
    migration = importlib.import_module("scotemp.deals.migrations.0005_confirmations_of_earlier_deals")
    migration.record_confirmations(apps, None)
    deal.refresh_from_db()
    assert deal.status == DealStatus.CONTRACT_SIGNED
    recorded = sorted(DealConfirmation.objects.values_list("step", "side", "terms_id", "confirmed_by"))
    # walk() confirms "agree" buyer first (the seller's step moved the deal), "sign" seller first.
    assert recorded == [
        ("agree", "seller", deal.agreed_terms_id, aigerim.pk),
        ("sign", "buyer", deal.agreed_terms_id, li_wei.pk),
    ]
