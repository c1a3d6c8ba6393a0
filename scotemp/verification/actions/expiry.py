"""The badge's expiry: one reminder 30 days before, removal after the last valid day.

Each profile is handled in its own transaction under a row lock, re-checked after locking, so
running this twice (or on two machines) reminds and expires each profile once; each announcement is
keyed by the occasion, so a repeated run notifies nobody twice."""

import datetime

from django.db import transaction
from django.utils import timezone

from scotemp.core.effects import announce
from scotemp.directory.choices import VerificationStatus
from scotemp.directory.models import OrganizationProfile

from ..choices import Decision
from .common import badge_changed, date_param, owners_notice, record_event

REMINDER_BEFORE = datetime.timedelta(days=30)


def process_expiry(today: datetime.date | None = None) -> dict[str, int]:
    """Remind the members once, 30 days before their badge expires; remove badges whose last valid
    day (``verified_until``) has passed (status expired, an EXPIRED event, members told)."""
    today = today or timezone.localdate()
    now = timezone.now()
    counts = {"reminded": 0, "expired": 0}
    verified = OrganizationProfile.objects.filter(verification_status=VerificationStatus.VERIFIED)
    for profile_id in verified.filter(verified_until__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            profile = (
                OrganizationProfile.objects.select_for_update()
                .select_related("organization")
                .get(pk=profile_id)
            )
            if profile.verification_status != VerificationStatus.VERIFIED or not (
                profile.verified_until and profile.verified_until < today
            ):
                continue
            organization = profile.organization
            expired_on = profile.verified_until
            profile.verification_status = VerificationStatus.EXPIRED
            profile.save(update_fields=["verification_status", "updated_at"])
            event = record_event(organization, Decision.EXPIRED, note=expired_on.isoformat())
            badge_changed(
                profile,
                VerificationStatus.VERIFIED,
                reason=expired_on.isoformat(),
                notices=[owners_notice("verification.expired", organization, until=date_param(expired_on))],
                key=f"verification:{organization.pk}:event:{event.pk}",
            )
            counts["expired"] += 1
    due = verified.filter(
        verified_until__gte=today,
        verified_until__lte=today + REMINDER_BEFORE,
        expiry_reminder_sent_at__isnull=True,
    )
    for profile_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            profile = (
                OrganizationProfile.objects.select_for_update()
                .select_related("organization")
                .get(pk=profile_id)
            )
            if profile.verification_status != VerificationStatus.VERIFIED or profile.expiry_reminder_sent_at:
                continue
            profile.expiry_reminder_sent_at = now
            profile.save(update_fields=["expiry_reminder_sent_at", "updated_at"])
            until = profile.verified_until
            announce(
                "verification.expiry_reminded",
                subject=profile,
                organization=profile.organization_id,
                data={"verified_until": until.isoformat()},
                notices=[
                    owners_notice("verification.expiring", profile.organization, until=date_param(until))
                ],
                key=f"verification:{profile.organization_id}:expiring:{until.isoformat()}",
            )
            counts["reminded"] += 1
    return counts
