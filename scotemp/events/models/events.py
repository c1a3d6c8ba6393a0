"""Events (forums, conferences, exhibitions, B2B sessions, webinars), run by the operator or a
committee; their programme of sessions; and the registrations of attendees.

Who sees what: a published event is public; a draft only to its organizers (the operator, and the
secretary of its committee). A registration is seen by the person who made it, members of its
organization and the event's organizers."""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel, TimeStampedModel
from scotemp.core.permissions import OrgScopedQuerySet

from ..choices import AttendeeType, EventKind, EventStatus, RegistrationStatus


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone such as Asia/Shanghai."), params={"value": value}
        )


def new_badge_token() -> str:
    """32 URL-safe characters (192 random bits): the QR badge cannot be guessed or enumerated."""
    return secrets.token_urlsafe(24)


class Event(PublicIdModel):
    """A forum, conference, exhibition, B2B session or webinar. ``committee`` is empty for events of
    the platform operator. Times are stored in UTC and shown in ``time_zone`` (the venue's)."""

    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    committee = models.ForeignKey(
        "committees.Committee",
        verbose_name=_("committee"),
        null=True,
        blank=True,
        related_name="events",
        on_delete=models.PROTECT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", validators=[validate_time_zone]
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.ForeignKey(
        "reference.Location",
        verbose_name=_("city"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    requires_approval = models.BooleanField(_("registrations need the organizer's approval"), default=False)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    cancelled_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.public_id])

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED


class EventSession(TimeStampedModel):
    """One item of an event's programme: a plenary, a parallel session, a panel."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), related_name="sessions", on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    speakers = models.TextField(
        _("speakers"), blank=True, help_text=_("One speaker per line: name, position.")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    language = models.CharField(
        _("language"), max_length=10, help_text=_("ISO 639-1 code of the language spoken.")
    )
    interpretation = models.CharField(
        _("interpretation into"),
        max_length=60,
        blank=True,
        help_text=_("ISO 639-1 codes of the languages interpreted into, separated by commas; empty: none."),
    )

    class Meta:
        ordering = ["event", "starts_at", "id"]
        verbose_name = _("programme session")
        verbose_name_plural = _("programme sessions")

    def __str__(self):
        return self.title


class Registration(PublicIdModel):
    """A person's registration to an event, for their organization (when they have one)."""

    org_field = "organization"

    event = models.ForeignKey(
        Event, verbose_name=_("event"), related_name="registrations", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendee"),
        related_name="event_registrations",
        on_delete=models.CASCADE,
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        related_name="event_registrations",
        on_delete=models.CASCADE,
    )
    attendee_type = models.CharField(_("attendee type"), max_length=20, choices=AttendeeType.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    note = models.TextField(_("note to the organizer"), blank=True)
    badge_token = models.CharField(
        _("badge code"), max_length=40, unique=True, default=new_badge_token, editable=False
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    time_zone = models.CharField(
        _("your time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Times in e-mails and reminders are shown in it; empty: the event's time zone."),
    )
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person")]

    def __str__(self):
        return f"{self.user} at {self.event} ({self.status})"

    def get_absolute_url(self):
        return reverse("events:badge", args=[self.public_id])

    @property
    def zone(self) -> str:
        """The attendee's time zone (the event's when they named none)."""
        return self.time_zone or self.event.time_zone
