"""The day-before reminder: every confirmed attendee of an event that starts within the next day is
reminded once (``reminded_at`` marks it, and the notice's key makes a retry notify nobody twice), in
their language and time zone."""

import datetime

from django.db import transaction
from django.utils import timezone

from scotemp.core.effects import Notice, announce

from ..choices import EventStatus, RegistrationStatus
from ..models import Registration
from ..queries.events import when_in_languages
from .common import event_names

AHEAD = datetime.timedelta(hours=24)


def _place(event) -> dict[str, str]:
    names = {}
    for code, suffix in (("en", "en"), ("ru", "ru"), ("zh-hans", "zh_hans")):
        venue = getattr(event, f"venue_{suffix}", "") or event.venue
        names[code] = venue or event.online_url or ""
    return names


def send_reminders(now=None) -> int:
    """Remind the confirmed attendees of the events starting within 24 hours; returns how many."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminded_at__isnull=True,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + AHEAD,
        )
        .select_related("event")
        .order_by("pk")
    )
    sent = 0
    for registration_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update(of=("self",))
                .select_related("event")
                .filter(pk=registration_id, reminded_at__isnull=True)
                .first()
            )
            if registration is None:  # another run reminded them meanwhile
                continue
            event = registration.event
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at", "updated_at"])
            announce(
                "registration.reminded",
                subject=registration,
                organization=registration.organization_id,
                notices=[
                    Notice(
                        "events.event_reminder",
                        {
                            "event": event_names(event),
                            "when": when_in_languages(event.starts_at, registration.zone),
                            "place": _place(event),
                        },
                        url=event.get_absolute_url(),
                        user_id=registration.user_id,
                    )
                ],
                key=f"registration:{registration.pk}:reminder:{event.starts_at.isoformat()}",
            )
            sent += 1
    return sent
