"""Two operators deciding the same review at the same moment: exactly one decision wins."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from scotemp.directory.choices import VerificationStatus
from scotemp.directory.models import OrganizationProfile
from scotemp.verification import actions
from scotemp.verification.models import Decision, VerificationEvent
from tests.factories import MembershipFactory, UserFactory

from .conftest import PDF

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real row locks and concurrent connections (PostgreSQL)"
)


def _decide(barrier, outcomes, operator, review_id, decision):
    try:
        barrier.wait()
        actions.decide_review(operator, review_id, decision, "reason given")
        outcomes.append(decision)
    except ValidationError as exc:
        outcomes.append(exc.code)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_two_operators_deciding_at_once_one_wins():
    first = UserFactory(is_operator=True)
    second = UserFactory(is_operator=True)
    for _attempt in range(5):
        owner = MembershipFactory(role="owner")
        org = owner.organization
        actions.upload_document(
            owner.user, org.public_id, kind="registration", uploaded=SimpleUploadedFile("r.pdf", PDF)
        )
        review = actions.submit_for_review(owner.user, org.public_id)
        barrier = threading.Barrier(2)
        outcomes = []
        threads = [
            threading.Thread(target=_decide, args=(barrier, outcomes, first, review.public_id, "approve")),
            threading.Thread(target=_decide, args=(barrier, outcomes, second, review.public_id, "reject")),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) in (["approve", "conflict"], ["conflict", "reject"]), outcomes
        winner = "approve" if "approve" in outcomes else "reject"
        status = OrganizationProfile.objects.get(organization=org).verification_status
        assert status == (VerificationStatus.VERIFIED if winner == "approve" else VerificationStatus.REJECTED)
        decided = VerificationEvent.objects.filter(
            organization=org, decision__in=[Decision.APPROVED, Decision.REJECTED]
        )
        assert decided.count() == 1
