"""Badges last 12 months: one reminder 30 days before, removal after the last valid day."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from scotemp.directory.choices import VerificationStatus
from scotemp.directory.models import OrganizationProfile
from scotemp.verification import actions
from scotemp.verification.models import Decision, VerificationEvent
from scotemp.verification.tasks import verification_expiry

pytestmark = pytest.mark.django_db

UNTIL = datetime.date(2026, 9, 30)


@pytest.fixture
def verified(kz_org, aigerim):
    return OrganizationProfile.objects.create(
        organization=kz_org,
        verification_status=VerificationStatus.VERIFIED,
        verified_at=timezone.now(),
        verified_until=UNTIL,
    )


def _run(day, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return actions.process_expiry(day)


def test_reminder_once_30_days_before(verified, aigerim, django_capture_on_commit_callbacks):
    assert _run(UNTIL - datetime.timedelta(days=31), django_capture_on_commit_callbacks) == {
        "reminded": 0,
        "expired": 0,
    }
    assert not mail.outbox
    assert _run(UNTIL - datetime.timedelta(days=30), django_capture_on_commit_callbacks)["reminded"] == 1
    assert [m.to for m in mail.outbox] == [[aigerim.email]]
    verified.refresh_from_db()
    assert verified.expiry_reminder_sent_at is not None
    assert verified.verification_status == VerificationStatus.VERIFIED
    for days_before in (29, 10, 0):
        assert (
            _run(UNTIL - datetime.timedelta(days=days_before), django_capture_on_commit_callbacks)["reminded"]
            == 0
        )
    assert len(mail.outbox) == 1


def test_badge_removed_after_the_last_valid_day(verified, aigerim, django_capture_on_commit_callbacks):
    assert _run(UNTIL, django_capture_on_commit_callbacks)["expired"] == 0
    verified.refresh_from_db()
    assert verified.is_verified
    mail.outbox.clear()
    counts = _run(UNTIL + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert counts["expired"] == 1
    verified.refresh_from_db()
    assert verified.verification_status == VerificationStatus.EXPIRED
    event = VerificationEvent.objects.get()
    assert event.decision == Decision.EXPIRED and event.actor is None
    assert [m.to for m in mail.outbox] == [[aigerim.email]]
    assert "истёк" in mail.outbox[0].subject  # Aigerim reads Russian
    assert _run(UNTIL + datetime.timedelta(days=2), django_capture_on_commit_callbacks)["expired"] == 0
    assert VerificationEvent.objects.count() == 1


def test_approval_restarts_the_reminder(
    verified, aigerim, kz_org, operator, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import PDF

    _run(UNTIL - datetime.timedelta(days=20), django_capture_on_commit_callbacks)
    actions.upload_document(aigerim, kz_org.public_id, kind="tax", uploaded=SimpleUploadedFile("a.pdf", PDF))
    review = actions.submit_for_review(aigerim, kz_org.public_id)
    verified.refresh_from_db()
    assert verified.is_verified  # a renewal keeps the badge meanwhile
    actions.decide_review(operator, review.public_id, "approve")
    verified.refresh_from_db()
    assert verified.expiry_reminder_sent_at is None
    assert verified.verified_until == timezone.localdate() + datetime.timedelta(days=365)


def test_task_and_command(verified, capsys, django_capture_on_commit_callbacks):
    """The task (immediate backend in tests) and the cron command run the same code."""
    with django_capture_on_commit_callbacks(execute=True):
        result = verification_expiry.enqueue(today=(UNTIL - datetime.timedelta(days=5)).isoformat())
    assert result.return_value == {"reminded": 1, "expired": 0}
    call_command("verification_expiry", today=(UNTIL + datetime.timedelta(days=1)).isoformat())
    assert "0 reminded, 1 expired" in capsys.readouterr().out
    verified.refresh_from_db()
    assert verified.verification_status == VerificationStatus.EXPIRED


def test_status_page_warns_when_the_badge_expires_soon(client, verified, aigerim, kz_org):
    from django.urls import reverse

    aigerim.language = "en"
    aigerim.save(update_fields=["language"])
    client.force_login(aigerim)
    url = reverse("verification:status", args=[kz_org.public_id])
    verified.verified_until = timezone.localdate() + datetime.timedelta(days=31)
    verified.save()
    assert 'data-testid="expires-soon"' not in client.get(url).content.decode()
    verified.verified_until = timezone.localdate() + datetime.timedelta(days=12)
    verified.save()
    page = client.get(url).content.decode()
    assert 'data-testid="expires-soon"' in page
    assert "The badge expires in 12 days." in page
