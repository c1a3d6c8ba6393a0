"""Submission, the operators' queue and decisions: allowed transitions only, one winner of two
decisions, every decision recorded, the owners told in their language."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from scotemp.directory.choices import VerificationStatus
from scotemp.directory.models import OrganizationProfile
from scotemp.verification import actions
from scotemp.verification.models import Decision, ReviewStatus, VerificationEvent, VerificationReview
from tests.factories import MembershipFactory

from .conftest import PDF, org_of

pytestmark = pytest.mark.django_db


def _submitted(user, org):
    actions.upload_document(
        user, org.public_id, kind="registration", uploaded=SimpleUploadedFile("r.pdf", PDF)
    )
    return actions.submit_for_review(user, org.public_id, note="please")


def _status(org):
    return OrganizationProfile.objects.get(organization=org).verification_status


def test_submit_needs_a_document(aigerim, kz_org):
    with pytest.raises(ValidationError) as exc:
        actions.submit_for_review(aigerim, kz_org.public_id)
    assert "file" in exc.value.message_dict
    assert not VerificationReview.objects.exists()


def test_submit_opens_one_review(aigerim, kz_org):
    review = _submitted(aigerim, kz_org)
    assert review.status == ReviewStatus.PENDING
    assert _status(kz_org) == VerificationStatus.PENDING
    event = VerificationEvent.objects.get()
    assert (event.decision, event.actor, event.note) == (Decision.SUBMITTED, aigerim, "please")
    with pytest.raises(ValidationError) as exc:
        actions.submit_for_review(aigerim, kz_org.public_id)
    assert exc.value.code == "conflict"


def test_plain_member_cannot_submit_outsider_gets_404(kz_org, aigerim, outsider):
    _submitted(aigerim, kz_org)
    member = MembershipFactory(organization=kz_org, role="member").user
    with pytest.raises(PermissionDenied):
        actions.submit_for_review(member, kz_org.public_id)
    with pytest.raises(Http404):
        actions.submit_for_review(outsider, kz_org.public_id)


def test_approve_sets_the_badge_and_tells_the_owner(
    aigerim, kz_org, operator, django_capture_on_commit_callbacks
):
    review = _submitted(aigerim, kz_org)
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_review(operator, review.public_id, "approve")
    profile = OrganizationProfile.objects.get(organization=kz_org)
    assert profile.verification_status == VerificationStatus.VERIFIED
    assert profile.verified_at is not None
    assert profile.verified_until == timezone.localdate() + datetime.timedelta(days=365)
    review.refresh_from_db()
    assert (review.status, review.reviewer) == (ReviewStatus.APPROVED, operator)
    event = VerificationEvent.objects.filter(decision=Decision.APPROVED).get()
    assert event.actor == operator and event.review == review
    [message] = mail.outbox
    assert message.to == [aigerim.email]
    assert kz_org.name in message.subject
    assert reverse("verification:status", args=[kz_org.public_id]) in message.body


def test_reject_needs_a_reason_and_records_it(en_owner, operator, django_capture_on_commit_callbacks):
    org = org_of(en_owner)
    review = _submitted(en_owner, org)
    with pytest.raises(ValidationError) as exc:
        actions.decide_review(operator, review.public_id, "reject", "  ")
    assert "reason" in exc.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_review(operator, review.public_id, "reject", "The certificate is not legible.")
    assert _status(org) == VerificationStatus.REJECTED
    event = VerificationEvent.objects.get(decision=Decision.REJECTED)
    assert event.note == "The certificate is not legible."
    [message] = mail.outbox
    assert message.subject == "Verification of Caspian Steel LLP was declined"
    assert "The certificate is not legible." in message.body


def test_needs_info_then_resubmit_returns_to_the_queue(
    en_owner, operator, client, django_capture_on_commit_callbacks
):
    org = org_of(en_owner)
    review = _submitted(en_owner, org)
    with pytest.raises(ValidationError):
        actions.decide_review(operator, review.public_id, "needs_info", "")
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_review(operator, review.public_id, "needs_info", "Please add the charter.")
    assert _status(org) == VerificationStatus.NEEDS_INFO
    assert "more information needed" in mail.outbox[0].subject
    client.force_login(en_owner)
    page = client.get(reverse("verification:status", args=[org.public_id])).content.decode()
    assert "Please add the charter." in page
    again = actions.submit_for_review(en_owner, org.public_id)
    assert again.pk == review.pk and again.status == ReviewStatus.PENDING
    assert _status(org) == VerificationStatus.PENDING
    assert list(
        VerificationEvent.objects.order_by("created_at", "pk").values_list("decision", flat=True)
    ) == [
        Decision.SUBMITTED,
        Decision.NEEDS_INFO,
        Decision.SUBMITTED,
    ]


def test_owners_are_told_each_in_their_language(
    kz_org, aigerim, operator, django_capture_on_commit_callbacks
):
    """Two owners, one Russian, one English: each message is rendered under its owner's language
    (checked on the validity date, which Babel writes per locale whatever the catalogues hold)."""
    from django.utils import translation

    from scotemp.core.formatting import format_date

    english = MembershipFactory(organization=kz_org, role="owner", user__language="en").user
    review = _submitted(aigerim, kz_org)
    translation.activate("zh-hans")  # the operator's own language must not leak into the e-mails
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_review(operator, review.public_id, "approve")
    until = OrganizationProfile.objects.get(organization=kz_org).verified_until
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {aigerim.email, english.email}
    assert by_recipient[english.email].subject == f"{kz_org.name} is verified"
    assert format_date(until, format="medium", locale="en") in by_recipient[english.email].body
    with translation.override("ru"):
        russian_date = format_date(until, format="medium")
    assert russian_date != format_date(until, format="medium", locale="en")
    assert russian_date in by_recipient[aigerim.email].body


def test_second_decision_on_the_same_review_is_refused(aigerim, kz_org, operator):
    second_operator = MembershipFactory(user__is_operator=True).user
    review = _submitted(aigerim, kz_org)
    actions.decide_review(operator, review.public_id, "approve")
    for decision, reason in (("reject", "no"), ("approve", ""), ("needs_info", "more")):
        with pytest.raises(ValidationError) as exc:
            actions.decide_review(second_operator, review.public_id, decision, reason)
        assert exc.value.code == "conflict"
    assert _status(kz_org) == VerificationStatus.VERIFIED
    assert VerificationEvent.objects.filter(decision=Decision.APPROVED).count() == 1
    assert not VerificationEvent.objects.filter(decision=Decision.REJECTED).exists()


def test_only_operators_decide(aigerim, kz_org, li_wei):
    review = _submitted(aigerim, kz_org)
    for user in (aigerim, li_wei):
        with pytest.raises(Http404):
            actions.decide_review(user, review.public_id, "approve")
    assert _status(kz_org) == VerificationStatus.PENDING


# --- pages ---------------------------------------------------------------------------------------------


def test_queue_lists_pending_reviews_oldest_first_for_operators_only(
    client, aigerim, kz_org, li_wei, cn_org, operator, outsider, django_assert_max_num_queries
):
    first = _submitted(li_wei, cn_org)
    _submitted(aigerim, kz_org)
    VerificationReview.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    client.force_login(operator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("verification:queue"))
    assert response.status_code == 200
    assert [r.organization for r in response.context["reviews"]] == [cn_org, kz_org]
    page = response.content.decode()
    assert "r.pdf" in page and str(cn_org.public_id) in page
    for user in (aigerim, outsider):
        client.force_login(user)
        assert client.get(reverse("verification:queue")).status_code == 404
    client.logout()
    assert client.get(reverse("verification:queue")).status_code == 404


def test_decide_from_the_queue_page(client, aigerim, kz_org, operator):
    review = _submitted(aigerim, kz_org)
    client.force_login(operator)
    url = reverse("verification:decide", args=[review.public_id])
    response = client.post(url, {"decision": "reject", "reason": "", "next": "queue"})
    assert response.status_code == 400
    assert "reason" in response.context["decision_form"].errors
    response = client.post(url, {"decision": "approve", "reason": "", "next": "queue"})
    assert response.status_code == 302 and response.url == reverse("verification:queue")
    assert _status(kz_org) == VerificationStatus.VERIFIED
    # a second click (stale page) gets a clear message, not a second decision
    response = client.post(url, {"decision": "reject", "reason": "late", "next": "queue"}, follow=True)
    assert "already" in response.content.decode()
    assert _status(kz_org) == VerificationStatus.VERIFIED
    client.force_login(aigerim)
    assert client.post(url, {"decision": "approve"}).status_code == 404


def test_upload_and_submit_through_the_pages(client, en_owner):
    org = org_of(en_owner)
    client.force_login(en_owner)
    status_url = reverse("verification:status", args=[org.public_id])
    response = client.post(reverse("verification:submit", args=[org.public_id]), {"note": ""})
    assert response.status_code == 400
    client.post(
        reverse("verification:document_upload", args=[org.public_id]),
        {"kind": "registration", "file": SimpleUploadedFile("reg.pdf", PDF)},
    )
    response = client.post(reverse("verification:submit", args=[org.public_id]), {"note": "thanks"})
    assert response.status_code == 302 and response.url == status_url
    assert _status(org) == VerificationStatus.PENDING
    page = client.get(status_url).content.decode()
    assert "waiting for the operator" in page


# --- API -----------------------------------------------------------------------------------------------


def test_api_review_flow_with_conflict(client, aigerim, kz_org, operator, li_wei):
    actions.upload_document(aigerim, kz_org.public_id, kind="tax", uploaded=SimpleUploadedFile("t.pdf", PDF))
    client.force_login(aigerim)
    response = client.post(
        f"/api/v1/organizations/{kz_org.public_id}/verification",
        {"note": "hi"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    review_id = response.json()["public_id"]
    response = client.post(
        f"/api/v1/organizations/{kz_org.public_id}/verification", content_type="application/json"
    )
    assert response.status_code == 409
    assert client.get("/api/v1/verification/reviews").status_code == 404
    client.force_login(li_wei)
    url = f"/api/v1/organizations/{kz_org.public_id}/verification"
    assert client.post(url, content_type="application/json").status_code == 404
    client.force_login(operator)
    queue = client.get("/api/v1/verification/reviews").json()
    assert [r["public_id"] for r in queue["results"]] == [review_id] and queue["total"] == 1
    assert queue["results"][0]["documents"][0]["original_name"] == "t.pdf"
    decide = f"/api/v1/verification/reviews/{review_id}/decision"
    response = client.post(decide, {"decision": "reject"}, content_type="application/json")
    assert response.status_code == 422 and list(response.json()["errors"]) == ["reason"]
    response = client.post(decide, {"decision": "approve"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    response = client.post(decide, {"decision": "reject", "reason": "late"}, content_type="application/json")
    assert response.status_code == 409
    assert client.post(decide, {"decision": "maybe"}, content_type="application/json").status_code == 422


# --- audit trail and notifications ------------------------------------------------------------------


def test_each_status_change_has_one_audit_row_and_the_members_are_told(
    aigerim, kz_org, operator, django_capture_on_commit_callbacks
):
    from scotemp.core.effects import history

    member = MembershipFactory(organization=kz_org, role="member", user__language="en").user
    with django_capture_on_commit_callbacks(execute=True):
        review = _submitted(aigerim, kz_org)
        actions.decide_review(operator, review.public_id, "needs_info", "Add the charter.")
        actions.submit_for_review(aigerim, kz_org.public_id)
        actions.decide_review(operator, review.public_id, "approve")
    assert [(e.verb, e.from_status, e.to_status) for e in history(review)] == [
        ("verification.review_submitted", "", "pending"),
        ("verification.review_decided", "pending", "needs_info"),
        ("verification.review_submitted", "needs_info", "pending"),
        ("verification.review_decided", "pending", "approved"),
    ]
    profile = OrganizationProfile.objects.get(organization=kz_org)
    assert [(e.from_status, e.to_status) for e in history(profile)] == [
        ("unverified", "pending"),
        ("pending", "needs_info"),
        ("needs_info", "pending"),
        ("pending", "verified"),
    ]
    assert {e.actor for e in history(review)} == {aigerim, operator}
    kinds = list(member.notifications.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["verification.needs_info", "verification.approved"]  # every member, not only owners
    to_member = [m.subject for m in mail.outbox if m.to == [member.email]]
    assert to_member == [
        f"Verification of {kz_org.name}: more information needed",
        f"{kz_org.name} is verified",
    ]


def test_api_decision_body_is_an_object_with_a_known_decision(client, aigerim, kz_org, operator):
    review = _submitted(aigerim, kz_org)
    client.force_login(operator)
    decide = f"/api/v1/verification/reviews/{review.public_id}/decision"
    for body in ("[null, null]", "{}", '{"decision": "maybe"}'):
        response = client.post(decide, body, content_type="application/json")
        assert response.status_code == 422, body
        assert list(response.json()["errors"]) == ["decision"], body
    review.refresh_from_db()
    assert review.status == ReviewStatus.PENDING
