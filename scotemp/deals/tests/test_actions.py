"""The negotiation from request to completed deal, through the actions: states, versions, refusals,
timeline and the notifications each step sends (once)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from scotemp.deals import actions
from scotemp.deals.choices import DealStatus, InquiryStatus, QuotationStatus, TermsStatus
from scotemp.deals.models import Attachment, Message, TermSheet
from scotemp.deals.queries import timeline_of
from scotemp.notifications.models import Notification, OutboxEmail
from scotemp.verification.tests.conftest import PDF
from tests.factories import MembershipFactory, OrganizationFactory

from .helpers import open_deal, quotation_values, quoted_inquiry, send_rfq, status_changes, walk

pytestmark = pytest.mark.django_db


def test_rfq_to_several_sellers_each_sees_only_their_inquiry(li_wei, cn_org, aigerim, kz_org):
    other = OrganizationFactory()
    rfq = send_rfq(li_wei, cn_org, kz_org, other)
    assert rfq.inquiries.count() == 2
    assert rfq.committee is not None  # suggested from HS chapter 10
    from scotemp.deals.models import Inquiry, Rfq

    assert list(Inquiry.objects.visible_to(aigerim)) == [rfq.inquiries.get(seller=kz_org)]
    assert not Rfq.objects.visible_to(aigerim).exists()  # the seller never sees who else was asked
    assert Notification.objects.filter(user=aigerim, kind="deals.inquiry_received").count() == 1


def test_rfq_rules(li_wei, cn_org, kz_org):
    with pytest.raises(ValidationError) as exc:
        send_rfq(li_wei, cn_org, cn_org)
    assert "sellers" in exc.value.message_dict
    sellers = [OrganizationFactory() for _ in range(21)]
    with pytest.raises(ValidationError) as exc:
        send_rfq(li_wei, cn_org, *sellers)
    assert "at most 20" in exc.value.message_dict["sellers"][0]
    with pytest.raises(PermissionDenied):
        send_rfq(MembershipFactory().user, cn_org, kz_org)


def test_quotation_revisions_keep_earlier_versions(li_wei, cn_org, aigerim, kz_org):
    inquiry, first = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    second = actions.send_quotation(aigerim, inquiry, quotation_values(unit_price=Decimal("239")))
    first.refresh_from_db()
    assert (first.version, first.status) == (1, QuotationStatus.SUPERSEDED)
    assert (second.version, second.status) == (2, QuotationStatus.CURRENT)
    with pytest.raises(ValidationError) as exc:
        actions.accept_quotation(li_wei, first)
    assert exc.value.code == "conflict"
    with pytest.raises(PermissionDenied):
        actions.send_quotation(li_wei, inquiry, quotation_values())  # the buyer does not quote
    assert Notification.objects.filter(user=li_wei, kind="deals.quotation_received").count() == 2


def test_accepting_opens_a_deal_once(li_wei, cn_org, aigerim, kz_org):
    inquiry, quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    deal = actions.accept_quotation(li_wei, quotation)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ACCEPTED
    assert deal.status == DealStatus.NEGOTIATING
    terms = deal.current_terms
    assert (terms.version, terms.status, terms.unit_price, terms.hs_code_id) == (
        1,
        TermsStatus.ACCEPTED,
        Decimal("245.50"),
        "100199",
    )
    with pytest.raises(ValidationError) as exc:
        actions.accept_quotation(li_wei, quotation)
    assert exc.value.code == "conflict"
    assert [e.kind for e in timeline_of(deal)] == ["opened"]


def test_terms_versions_need_the_other_side(li_wei, cn_org, aigerim, kz_org):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    values = {f: getattr(deal.current_terms, f) for f in TermSheet.TERM_FIELDS}
    with pytest.raises(ValidationError) as exc:
        actions.propose_terms(li_wei, deal, values)
    assert exc.value.code == "unchanged"
    proposal = actions.propose_terms(li_wei, deal, {**values, "unit_price": Decimal("240")})
    assert proposal.version == 2
    with pytest.raises(ValidationError):  # the seller must answer before proposing its own
        actions.propose_terms(aigerim, deal, {**values, "unit_price": Decimal("250")})
    with pytest.raises(PermissionDenied):
        actions.decide_terms(li_wei, proposal, accept=True)  # not one's own proposal
    with pytest.raises(ValidationError):  # agreeing with an open proposal is refused
        actions.transition_deal(aigerim, deal, "agree")
    actions.decide_terms(aigerim, proposal, accept=True)
    deal.refresh_from_db()
    assert deal.current_terms == proposal
    deal = actions.transition_deal(aigerim, deal, "agree")
    assert deal.status == DealStatus.NEGOTIATING  # one side's confirmation
    deal = actions.transition_deal(li_wei, deal, "agree")
    assert deal.agreed_terms_id == proposal.pk
    with pytest.raises(ValidationError) as exc:
        actions.propose_terms(li_wei, deal, {**values, "unit_price": Decimal("1")})
    assert exc.value.code == "conflict"


def test_transition_table_and_timeline(li_wei, cn_org, aigerim, kz_org):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    with pytest.raises(ValidationError) as exc:
        actions.transition_deal(li_wei, deal, "sign")  # not from negotiating
    assert exc.value.code == "conflict"
    deal = walk(deal, li_wei, aigerim, until=DealStatus.IN_FULFILMENT)
    with pytest.raises(PermissionDenied):
        actions.transition_deal(aigerim, deal, "complete")  # the buyer confirms receipt
    deal = actions.transition_deal(li_wei, deal, "complete")
    assert deal.status == DealStatus.COMPLETED
    with pytest.raises(ValidationError):
        actions.transition_deal(li_wei, deal, "cancel", reason="too late")
    events = list(status_changes(deal).values_list("from_status", "to_status"))
    assert events == [
        ("negotiating", "agreed"),
        ("agreed", "signed"),
        ("signed", "fulfilment"),
        ("fulfilment", "completed"),
    ]


def test_cancel_needs_a_reason_and_stale_state_is_refused(li_wei, cn_org, aigerim, kz_org):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    with pytest.raises(ValidationError) as exc:
        actions.transition_deal(li_wei, deal, "cancel")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        actions.transition_deal(li_wei, deal, "agree", expected_status="negotiation")  # a typo
    assert "expected_status" in exc.value.message_dict
    actions.transition_deal(aigerim, deal, "agree", expected_status="negotiating")
    actions.transition_deal(li_wei, deal, "agree", expected_status="negotiating")
    with pytest.raises(ValidationError) as exc:
        actions.transition_deal(li_wei, deal, "cancel", reason="price", expected_status="negotiating")
    assert exc.value.code == "conflict"
    deal.refresh_from_db()
    assert deal.status == DealStatus.AGREED and deal.cancel_reason == ""


def test_each_step_notifies_the_other_side_once(
    li_wei, cn_org, aigerim, kz_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        deal = open_deal(li_wei, cn_org, aigerim, kz_org)
        actions.transition_deal(aigerim, deal, "agree")
        actions.transition_deal(aigerim, deal, "agree")  # confirming twice tells nobody twice
        actions.transition_deal(li_wei, deal, "agree")
    seller_kinds = sorted(Notification.objects.filter(user=aigerim).values_list("kind", flat=True))
    assert seller_kinds == ["deals.inquiry_received", "deals.quotation_accepted", "deals.status"]
    buyer_kinds = sorted(Notification.objects.filter(user=li_wei).values_list("kind", flat=True))
    assert buyer_kinds == ["deals.confirmation_wanted", "deals.quotation_received"]
    assert OutboxEmail.objects.filter(user=aigerim).count() == 3
    # The e-mail reads in the recipient's language (Russian for aigerim).
    from django.utils import translation

    from scotemp.notifications.kinds import render

    title, _body = render(
        "deals.status", Notification.objects.get(user=aigerim, kind="deals.status").params, "ru"
    )
    with translation.override("ru"):
        assert str(DealStatus.AGREED.label) in title


def test_thread_messages_attachments_and_operator_access(li_wei, cn_org, aigerim, kz_org, operator, outsider):
    from scotemp.deals import queries
    from scotemp.deals.models import Inquiry

    inquiry, _q = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    message = actions.post_message(
        aigerim, inquiry, "Specification attached", [SimpleUploadedFile("spec.pdf", PDF, "application/pdf")]
    )
    assert message.organization == kz_org
    assert Attachment.objects.filter(message=message).count() == 1
    with pytest.raises(ValidationError) as exc:
        actions.post_message(
            li_wei, inquiry, "x", [SimpleUploadedFile("a.pdf", b"<html>", "application/pdf")]
        )
    assert "file" in exc.value.message_dict
    assert Message.objects.filter(inquiry=inquiry).count() == 1  # nothing half-written
    with pytest.raises(PermissionDenied):
        actions.post_message(outsider, inquiry, "hello")
    assert queries.inquiries_for(li_wei).get(pk=inquiry.pk).unread == 1
    actions.mark_thread_read(li_wei, inquiry)
    assert queries.inquiries_for(li_wei).get(pk=inquiry.pk).unread == 0
    from scotemp.deals.models import Quotation, Rfq

    private = (Inquiry, Message, Attachment, Quotation, Rfq)
    assert not any(model.objects.visible_to(operator).exists() for model in private)  # until a party asks
    actions.request_operator_access(li_wei, inquiry, "The seller stopped answering")
    assert Inquiry.objects.visible_to(operator).get() == inquiry
    assert all(model.objects.visible_to(operator).count() == 1 for model in private)
    assert Notification.objects.filter(user=operator, kind="deals.operator_access").count() == 1
    # The other side learns that its correspondence is now read by the operator too.
    assert Notification.objects.filter(user=aigerim, kind="deals.operator_asked_in").count() == 1
    assert not Notification.objects.filter(user=li_wei, kind="deals.operator_asked_in").exists()
    assert not Inquiry.objects.editable_by(operator).exists()  # reading, not acting for a party


def test_a_form_submitted_twice_sends_once(li_wei, cn_org, aigerim, kz_org):
    """A double click or a reload: the same request form, the same quotation, sent again."""
    from scotemp.deals.models import Inquiry, Quotation, Rfq

    from .helpers import rfq_values

    first = actions.send_rfq(li_wei, cn_org, rfq_values(), [kz_org.public_id], submission_key="form-1")
    again = actions.send_rfq(li_wei, cn_org, rfq_values(), [kz_org.public_id], submission_key="form-1")
    assert again == first
    assert (Rfq.objects.count(), Inquiry.objects.count()) == (1, 1)
    assert Notification.objects.filter(user=aigerim, kind="deals.inquiry_received").count() == 1
    inquiry = first.inquiries.get()
    quotation = actions.send_quotation(aigerim, inquiry, quotation_values())
    assert actions.send_quotation(aigerim, inquiry, quotation_values()) == quotation
    assert Quotation.objects.filter(inquiry=inquiry).count() == 1
    revised = actions.send_quotation(aigerim, inquiry, quotation_values(unit_price=Decimal("240")))
    assert revised.version == 2


def test_closing_an_inquiry_tells_the_seller(li_wei, cn_org, aigerim, kz_org):
    inquiry, quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    actions.close_inquiry(li_wei, inquiry)
    quotation.refresh_from_db()
    assert quotation.status == QuotationStatus.NOT_CHOSEN
    assert Notification.objects.filter(user=aigerim, kind="deals.inquiry_closed").count() == 1
    with pytest.raises(ValidationError) as exc:
        actions.close_inquiry(li_wei, inquiry)
    assert exc.value.code == "conflict"


def test_awarding_an_rfq_closes_the_other_inquiries(li_wei, cn_org, aigerim, kz_org):
    from scotemp.deals.choices import InquiryStatus

    other, third = OrganizationFactory(), OrganizationFactory()
    rfq = send_rfq(li_wei, cn_org, kz_org, other, third)
    quotation = actions.send_quotation(aigerim, rfq.inquiries.get(seller=kz_org), quotation_values())
    other_user = MembershipFactory(organization=other, role="owner").user
    other_quote = actions.send_quotation(other_user, rfq.inquiries.get(seller=other), quotation_values())
    actions.accept_quotation(li_wei, quotation, close_others=True)
    statuses = dict(rfq.inquiries.values_list("seller_id", "status"))
    assert statuses == {
        kz_org.pk: InquiryStatus.ACCEPTED,
        other.pk: InquiryStatus.CLOSED,
        third.pk: InquiryStatus.CLOSED,
    }
    other_quote.refresh_from_db()
    assert other_quote.status == QuotationStatus.NOT_CHOSEN
    assert Notification.objects.filter(user=other_user, kind="deals.inquiry_closed").count() == 1


def test_a_message_that_does_not_commit_leaves_no_file(
    li_wei, cn_org, aigerim, kz_org, settings, tmp_path, monkeypatch
):
    """The files are written before the notification; if that step fails, the rows roll back and the
    files written meanwhile are deleted too."""
    settings.MEDIA_ROOT = tmp_path / "private"
    inquiry, _q = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)

    def broken(*args, **kwargs):
        raise RuntimeError("mail server down")

    monkeypatch.setattr("scotemp.core.effects._SINKS", [broken])
    with pytest.raises(RuntimeError):
        actions.post_message(
            aigerim, inquiry, "Spec", [SimpleUploadedFile("spec.pdf", PDF, "application/pdf")]
        )
    assert not Message.objects.filter(inquiry=inquiry).exists()
    assert not [p for p in (tmp_path / "private").rglob("*") if p.is_file()]


def test_every_status_change_is_one_audit_row(li_wei, cn_org, aigerim, kz_org):
    from scotemp.core.effects import history

    def changes(row):
        return [(e.verb, e.from_status, e.to_status) for e in history(row).exclude(to_status="")]

    other_org = OrganizationFactory()
    other_user = MembershipFactory(organization=other_org, role="owner").user
    rfq = send_rfq(li_wei, cn_org, kz_org, other_org)
    won, lost = rfq.inquiries.get(seller=kz_org), rfq.inquiries.get(seller=other_org)
    first = actions.send_quotation(aigerim, won, quotation_values())
    second = actions.send_quotation(aigerim, won, quotation_values(unit_price=Decimal("239")))
    lost_quote = actions.send_quotation(other_user, lost, quotation_values(unit_price=Decimal("250")))
    actions.post_message(li_wei, won, "Protein?")
    deal = actions.accept_quotation(li_wei, second, close_others=True)
    values = {f: getattr(deal.current_terms, f) for f in TermSheet.TERM_FIELDS}
    proposal = actions.propose_terms(aigerim, deal, {**values, "unit_price": Decimal("241")})
    actions.decide_terms(li_wei, proposal, accept=True)
    deal = walk(deal, li_wei, aigerim, "completed")

    assert changes(won) == [
        ("inquiry.sent", "", "open"),
        ("inquiry.quoted", "open", "quoted"),
        ("inquiry.accepted", "quoted", "accepted"),
    ]
    assert changes(lost) == [
        ("inquiry.sent", "", "open"),
        ("inquiry.quoted", "open", "quoted"),
        ("inquiry.closed", "quoted", "closed"),
    ]
    assert changes(first) == [
        ("quotation.sent", "", "current"),
        ("quotation.superseded", "current", "superseded"),
    ]
    assert changes(second) == [
        ("quotation.sent", "", "current"),
        ("quotation.accepted", "current", "accepted"),
    ]
    assert changes(lost_quote) == [
        ("quotation.sent", "", "current"),
        ("quotation.not_chosen", "current", "not_chosen"),
    ]
    version_1 = TermSheet.objects.get(deal=deal, version=1)
    assert changes(version_1) == [
        ("terms.created", "", "accepted"),
        ("terms.superseded", "accepted", "superseded"),
    ]
    assert changes(proposal) == [
        ("terms.proposed", "", "proposed"),
        ("terms.accepted", "proposed", "accepted"),
    ]
    assert [(f, t) for _verb, f, t in changes(deal)] == [
        ("", "negotiating"),
        ("negotiating", "agreed"),
        ("agreed", "signed"),
        ("signed", "fulfilment"),
        ("fulfilment", "completed"),
    ]
    # Who acted, for which side; the message is on record without its text.
    sent = history(won).get(verb="inquiry.sent")
    assert (sent.actor, sent.organization) == (li_wei, cn_org)
    posted = history(won).get(verb="inquiry.message_posted")
    assert posted.organization == cn_org and "Protein" not in str(posted.data) + posted.subject_repr
