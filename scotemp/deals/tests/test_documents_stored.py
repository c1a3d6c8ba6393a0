"""Rendered documents come from the shared cache only while nothing they print has changed."""

import pytest

from scotemp.deals.choices import DocumentType, TermsStatus
from scotemp.deals.documents import content, render_document
from scotemp.deals.models import Deal, TermSheet

from .test_documents import pdf_text

pytestmark = pytest.mark.django_db


def fresh(deal) -> Deal:
    """The deal as the next request loads it."""
    return Deal.objects.get(pk=deal.pk)


@pytest.fixture
def no_rendering(monkeypatch):
    """From now on, laying a document out fails the test."""

    def refuse(self):
        raise AssertionError("the document was rendered again")

    def forbid():
        monkeypatch.setattr(content.DealDocument, "render", refuse)

    return forbid


@pytest.mark.parametrize("doc_type", DocumentType.values)
def test_same_document_is_served_byte_identical_without_rendering(deal, doc_type, no_rendering):
    first = render_document(fresh(deal), doc_type, "ru")
    no_rendering()
    assert render_document(fresh(deal), doc_type, "ru") == first
    with pytest.raises(AssertionError, match="rendered again"):
        render_document(fresh(deal), doc_type, "en")  # another language is another document


def test_new_term_sheet_version_gives_a_new_document(deal):
    old = render_document(fresh(deal), DocumentType.PROFORMA, "en")
    terms = deal.agreed_terms
    terms.pk, terms.version, terms.status = None, 3, TermsStatus.ACCEPTED
    terms.payment_terms = "100% letter of credit at sight"
    terms.save()
    Deal.objects.filter(pk=deal.pk).update(agreed_terms=terms, current_terms=terms)

    new = render_document(fresh(deal), DocumentType.PROFORMA, "en")
    assert new != old
    text = pdf_text(new)
    assert "100%letterofcreditatsight" in text and "-v3" in text
    assert "70%againstcopies" not in text


def test_renamed_party_is_never_printed_under_its_old_name(deal):
    old = pdf_text(render_document(fresh(deal), DocumentType.CONTRACT_SUMMARY, "zh-hans"))
    assert "AstykExportLLP" in old
    seller = deal.seller
    seller.name_latin = "Astyk Grain Trading LLP"
    seller.save()

    text = pdf_text(render_document(fresh(deal), DocumentType.CONTRACT_SUMMARY, "zh-hans"))
    assert "AstykGrainTradingLLP" in text and "AstykExportLLP" not in text


def test_changed_term_in_place_is_not_served_stale(deal):
    """Term sheets are not edited once agreed; should a row change anyway (an operator's fix in the
    admin), the document follows it."""
    render_document(fresh(deal), DocumentType.PROFORMA, "ru")
    TermSheet.objects.filter(pk=deal.agreed_terms_id).update(inspection="Bureau Veritas at unloading")
    assert "BureauVeritasatunloading" in pdf_text(render_document(fresh(deal), DocumentType.PROFORMA, "ru"))


def test_agreeing_prepares_both_documents_in_the_parties_languages(
    settings, li_wei, cn_org, aigerim, kz_org, client, no_rendering, django_capture_on_commit_callbacks
):
    """The task worker builds the documents when the deal is agreed (the suite runs tasks at once):
    the first download of either party, in its member's language, is read from the cache."""
    from django.urls import reverse

    from scotemp.deals.documents.prepare import document_languages

    from .helpers import open_deal, walk

    settings.SCOTEMP_PREPARE_DOCUMENTS = True
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    assert document_languages(deal) == ["zh-hans", "ru"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        deal = walk(deal, li_wei, aigerim, until="agreed")
    assert callbacks  # the build was enqueued when the agreement committed, and ran (tasks run at once)
    no_rendering()
    client.force_login(li_wei)
    for doc_type in DocumentType.values:
        for language in ("zh-hans", "ru"):
            url = reverse("deals:document", args=[deal.public_id, doc_type, language])
            response = client.get(url)
            assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with pytest.raises(AssertionError, match="rendered again"):
        render_document(fresh(deal), DocumentType.PROFORMA, "en")  # nobody of either party reads English


def test_documents_are_not_prepared_before_terms_are_agreed(settings, li_wei, cn_org, aigerim, kz_org):
    from scotemp.deals.documents.prepare import prepare_documents

    from .helpers import open_deal

    settings.SCOTEMP_PREPARE_DOCUMENTS = True
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    assert deal.agreed_terms_id is None and prepare_documents(deal.pk) == []
