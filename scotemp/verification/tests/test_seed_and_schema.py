"""The demo seeding is deterministic and idempotent, and its generated documents pass the upload
check; the API is described in the OpenAPI schema."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scotemp.demo.seed_verification import minimal_pdf, minimal_png, seed_verification
from scotemp.directory.models import OrganizationProfile
from scotemp.verification.models import VerificationDocument, VerificationEvent, VerificationReview
from scotemp.verification.uploads import check_upload
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_generated_documents_are_what_they_claim():
    assert check_upload(SimpleUploadedFile("a.pdf", minimal_pdf("Certificate (test)"))).content_type == (
        "application/pdf"
    )
    assert check_upload(SimpleUploadedFile("a.png", minimal_png(7))).content_type == "image/png"


def test_seed_is_deterministic_and_idempotent(private_media):
    for i in range(60):
        MembershipFactory(organization=OrganizationFactory(name=f"Demo Org {i}"), role="owner")
    first = seed_verification(log=lambda message: None)
    assert first["verified"] > 0 and sum(first.values()) < 60
    statuses = dict(OrganizationProfile.objects.values_list("organization__name", "verification_status"))
    counts = (
        VerificationDocument.objects.count(),
        VerificationReview.objects.count(),
        VerificationEvent.objects.count(),
    )
    files = sorted(p.name for p in private_media.rglob("*") if p.is_file())
    assert len(files) == counts[0]
    # files removed from disk are written again; nothing else changes
    for p in private_media.rglob("*"):
        if p.is_file():
            p.unlink()
    assert seed_verification(log=lambda message: None) == {k: 0 for k in first}
    assert (
        dict(OrganizationProfile.objects.values_list("organization__name", "verification_status")) == statuses
    )
    assert (
        VerificationDocument.objects.count(),
        VerificationReview.objects.count(),
        VerificationEvent.objects.count(),
    ) == counts
    assert sorted(p.name for p in private_media.rglob("*") if p.is_file()) == files


def test_openapi_schema_describes_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/organizations/{public_id}/documents",
        "/api/v1/organizations/{public_id}/documents/{document_id}",
        "/api/v1/organizations/{public_id}/verification",
        "/api/v1/verification/reviews",
        "/api/v1/verification/reviews/{review_id}/decision",
    ):
        assert path in paths, path
    upload = paths["/api/v1/organizations/{public_id}/documents"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
