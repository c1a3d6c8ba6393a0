"""Every deal document (proforma invoice, contract summary) rendered in Russian and in Chinese holds
no platform-written English: headings, labels, terms, the timeline, signatures and page footers are in
the document's language. What the parties wrote is in Cyrillic or Chinese here, so that every Latin
word left in the text is the platform's (the organizations' Latin names are theirs)."""

import datetime
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from scotemp.core.effects import announce
from scotemp.deals.choices import DealStatus, DocumentType, TermsStatus
from scotemp.deals.documents import DocumentsUnavailable, find_font, render_document
from scotemp.deals.models import Deal, Inquiry, Quotation, Rfq, TermSheet
from tests.english import english_in_text

pytestmark = pytest.mark.django_db

TEMPORARILY_ACCEPTED_IN_OTHER_AREAS: set[str] = set()  # empty: the HS names are in every language


@pytest.fixture
def deal(kz_org, cn_org):
    kz_org.registry_type, kz_org.registry_id = "kz_bin", "180140012345"
    kz_org.save()
    place = {"incoterm_id": "FCA", "incoterm_place_id": "KZHOR", "unit_id": "TNE"}
    rfq = Rfq.objects.create(
        buyer=cn_org, goods="Пшеница", hs_code_id="100199", quantity=Decimal(500), **place
    )
    inquiry = Inquiry.objects.create(rfq=rfq, buyer=cn_org, seller=kz_org, status="accepted")
    quotation = Quotation.objects.create(
        inquiry=inquiry,
        status="accepted",
        unit_price=Decimal("246.5"),
        currency_id="USD",
        quantity=Decimal(500),
        lead_time_days=30,
        payment_terms="预付30%",
        valid_until=datetime.date(2026, 12, 31),
        **place,
    )
    deal = Deal.objects.create(inquiry=inquiry, quotation=quotation, buyer=cn_org, seller=kz_org)
    terms = TermSheet.objects.create(
        deal=deal,
        version=2,
        status=TermsStatus.ACCEPTED,
        proposed_by_org=kz_org,
        goods="Пшеница мягкая 3 класса",
        hs_code_id="100199",
        quantity=Decimal("1250.5"),
        unit_id="TNE",
        unit_price=Decimal("246.5"),
        currency_id="USD",
        incoterm_id="FCA",
        incoterm_place_id="KZHOR",
        payment_terms="预付30%，凭铁路运单付70%",
        delivery_from=datetime.date(2027, 1, 10),
        delivery_until=datetime.date(2027, 2, 28),
        inspection="装货时检验",
        documents_required="发票、装箱单、植物检疫证书",
        note="到站后通知买方",
    )
    now = timezone.now()
    deal.status, deal.agreed_terms, deal.current_terms, deal.agreed_at = DealStatus.AGREED, terms, terms, now
    deal.save()
    with transaction.atomic():
        announce("deal.opened", subject=deal, to_status="negotiating", at=now - datetime.timedelta(days=3))
        announce("deal.status_changed", subject=deal, from_status="negotiating", to_status="agreed", at=now)
    return deal


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
@pytest.mark.parametrize("doc_type", [DocumentType.PROFORMA, DocumentType.CONTRACT_SUMMARY])
def test_documents_have_no_english(deal, kz_org, cn_org, language, doc_type):
    try:
        find_font()
    except DocumentsUnavailable:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    data = render_document(deal, str(doc_type), language)
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages).replace("\x00", "")
    assert "180140012345" in text  # the text was extracted
    findings = [
        finding
        for finding in english_in_text(text, user_texts=[kz_org.name_latin, cn_org.name_latin])
        if not any(line in finding for line in TEMPORARILY_ACCEPTED_IN_OTHER_AREAS)
    ]
    assert not findings, f"English in the {language} {doc_type}:\n" + "\n".join(findings)


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_documents_write_quantities_with_their_unit(deal, language):
    from django.utils import translation

    from scotemp.core.formatting import format_quantity

    try:
        find_font()
    except DocumentsUnavailable:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    data = render_document(deal, str(DocumentType.PROFORMA), language)
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    text = " ".join(text.replace("\x00", "").split())  # any run of spaces (NBSP too) as one
    with translation.override(language):
        expected = " ".join(format_quantity(deal.agreed_terms.quantity, "TNE").split())
    assert re.search(re.escape(expected) + r"(?!\w)", text), expected
