"""A verified organization whose legal name or identifier changes goes back to review."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from scotemp.core.effects import history
from scotemp.directory.choices import VerificationStatus
from scotemp.directory.models import OrganizationProfile
from scotemp.verification import actions
from scotemp.verification.models import Decision, ReviewStatus, VerificationEvent, VerificationReview

pytestmark = pytest.mark.django_db


def _verified(org):
    return OrganizationProfile.objects.create(
        organization=org,
        verification_status=VerificationStatus.VERIFIED,
        verified_at=timezone.now(),
        verified_until=timezone.localdate() + datetime.timedelta(days=200),
    )


def test_identity_change_sends_verified_organization_back_to_review(
    aigerim, kz_org, django_capture_on_commit_callbacks
):
    _verified(kz_org)
    with django_capture_on_commit_callbacks(execute=True):
        review = actions.identity_changed(kz_org, aigerim, ["registry_id", "name"])
    profile = OrganizationProfile.objects.get(organization=kz_org)
    assert profile.verification_status == VerificationStatus.PENDING
    assert profile.verified_until is None and profile.verified_at is None
    assert review.status == ReviewStatus.PENDING
    event = VerificationEvent.objects.get(organization=kz_org)
    assert event.decision == Decision.RESUBMITTED
    assert event.actor == aigerim
    assert event.note == "name, registry_id"
    assert [m.to for m in mail.outbox] == [[aigerim.email]]
    assert "Изменено:" in mail.outbox[0].body and "официальное наименование" in mail.outbox[0].body
    assert [(e.verb, e.from_status, e.to_status) for e in history(review)] == [
        ("verification.review_reopened", "", "pending")
    ]
    assert [(e.verb, e.from_status, e.to_status) for e in history(profile)] == [
        ("verification.badge_changed", "verified", "pending")
    ]


def test_identity_change_reopens_an_open_renewal_instead_of_a_second_review(aigerim, kz_org):
    _verified(kz_org)
    VerificationReview.objects.create(organization=kz_org, status=ReviewStatus.NEEDS_INFO)
    actions.identity_changed(kz_org, aigerim, ["name"])
    assert list(VerificationReview.objects.filter(organization=kz_org).values_list("status", flat=True)) == [
        ReviewStatus.PENDING
    ]


@pytest.mark.parametrize("status", [s for s in VerificationStatus.values if s != VerificationStatus.VERIFIED])
def test_identity_change_is_a_no_op_unless_verified(aigerim, kz_org, status):
    OrganizationProfile.objects.create(organization=kz_org, verification_status=status)
    assert actions.identity_changed(kz_org, aigerim, ["name"]) is None
    assert OrganizationProfile.objects.get(organization=kz_org).verification_status == status
    assert not VerificationEvent.objects.exists()
    assert not mail.outbox


def test_identity_change_creates_a_missing_profile_and_does_nothing(aigerim, kz_org):
    assert actions.identity_changed(kz_org, aigerim, ["name"]) is None
    assert OrganizationProfile.objects.filter(organization=kz_org).exists()
