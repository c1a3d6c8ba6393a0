"""B2B meetings of an event: the :class:`B2BSession` (its phases, slots, tables and interpreters), its
:class:`Participant` profiles, the :class:`MeetingRequest` one participant sends another, the
:class:`Meeting` that puts an accepted request in a slot at a table (with an interpreter when the two
sides share no language), and each side's :class:`MeetingOutcome`.

No double booking, on any database and under concurrent requests: every scheduled meeting holds its
slot for each participant, its table and its interpreter through :class:`SlotHold` rows, and unique
constraints on those rows refuse a second hold; a cancelled meeting releases its holds.

Who sees what: a participant sees their own profile, requests and meetings (and the public profile
list of their session); the event's organizers see everything of their sessions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel, TimeStampedModel
from scotemp.core.permissions import OrgScopedQuerySet

from ..choices import (
    B2BPhase,
    MeetingSource,
    MeetingStatus,
    Outcome,
    Priority,
    RequestStatus,
    UnscheduledReason,
)
from .events import validate_time_zone


class B2BSession(TimeStampedModel):
    """The B2B meetings of one event: slot length, per-participant cap, phase."""

    event = models.OneToOneField(
        "events.Event", verbose_name=_("event"), related_name="b2b", on_delete=models.CASCADE
    )
    phase = models.CharField(_("phase"), max_length=16, choices=B2BPhase.choices, default=B2BPhase.PROFILE)
    slot_minutes = models.PositiveSmallIntegerField(_("slot length, minutes"), default=20)
    meeting_cap = models.PositiveSmallIntegerField(_("meetings per participant, at most"), default=8)
    request_cap = models.PositiveSmallIntegerField(_("requests per participant, at most"), default=20)
    scheduled_at = models.DateTimeField(_("schedule computed"), null=True, blank=True)
    schedule_stats = models.JSONField(_("schedule figures"), default=dict, blank=True)

    class Meta:
        verbose_name = _("B2B session")
        verbose_name_plural = _("B2B sessions")

    def __str__(self):
        return f"B2B: {self.event}"


class MeetingSlot(models.Model):
    session = models.ForeignKey(
        B2BSession, verbose_name=_("B2B session"), related_name="slots", on_delete=models.CASCADE
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["session", "starts_at", "id"]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        constraints = [models.UniqueConstraint(fields=["session", "starts_at"], name="one_slot_per_start")]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class Participant(TimeStampedModel):
    """A registered attendee's B2B profile: what they offer and seek, the languages they negotiate
    in, their free slots (none marked: free in every slot) and their cap (empty: the session's)."""

    org_field = "organization"

    session = models.ForeignKey(
        B2BSession, verbose_name=_("B2B session"), related_name="participants", on_delete=models.CASCADE
    )
    registration = models.OneToOneField(
        "events.Registration",
        verbose_name=_("registration"),
        related_name="b2b_participant",
        on_delete=models.CASCADE,
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        related_name="b2b_participations",
        on_delete=models.CASCADE,
    )
    offers = models.TextField(_("what we offer"), blank=True)
    seeks = models.TextField(_("what we seek"), blank=True)
    offer_hs = models.JSONField(_("HS codes offered"), default=list, blank=True)
    seek_hs = models.JSONField(_("HS codes sought"), default=list, blank=True)
    countries = models.JSONField(_("countries of interest"), default=list, blank=True)
    languages = models.JSONField(_("working languages"), default=list, help_text=_("ISO 639-1 codes."))
    cap = models.PositiveSmallIntegerField(_("meetings, at most"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Agendas are shown in this time zone; empty: the event's."),
    )
    available_slots = models.ManyToManyField(
        MeetingSlot, verbose_name=_("free slots"), blank=True, related_name="+"
    )
    booth = models.ForeignKey(
        "events.MeetingTable",
        verbose_name=_("fixed booth"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["session", "id"]
        verbose_name = _("B2B participant")
        verbose_name_plural = _("B2B participants")
        constraints = [
            models.UniqueConstraint(fields=["session", "organization"], name="one_participant_per_org")
        ]

    def __str__(self):
        return str(self.organization)


class MeetingTable(models.Model):
    session = models.ForeignKey(
        B2BSession, verbose_name=_("B2B session"), related_name="tables", on_delete=models.CASCADE
    )
    label = models.CharField(_("table"), max_length=40)

    class Meta:
        ordering = ["session", "id"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [models.UniqueConstraint(fields=["session", "label"], name="unique_table_label")]

    def __str__(self):
        return self.label


class Interpreter(models.Model):
    """An interpreter of the session, for the language pairs listed (e.g. ``["zh-ru", "zh-en"]``)."""

    session = models.ForeignKey(
        B2BSession, verbose_name=_("B2B session"), related_name="interpreters", on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    pairs = models.JSONField(
        _("language pairs"), default=list, help_text=_("Such as zh-ru: ISO 639-1 codes.")
    )
    available_slots = models.ManyToManyField(
        MeetingSlot, verbose_name=_("free slots"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["session", "name"]
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")

    def __str__(self):
        return self.name


class MeetingRequest(PublicIdModel):
    """``requester`` asks to meet ``recipient``; the recipient accepts or declines. Only accepted
    requests are scheduled; one that the scheduler left out says why in ``unscheduled_reason``."""

    session = models.ForeignKey(
        B2BSession, verbose_name=_("B2B session"), related_name="requests", on_delete=models.CASCADE
    )
    requester = models.ForeignKey(
        Participant, verbose_name=_("from"), related_name="sent_requests", on_delete=models.CASCADE
    )
    recipient = models.ForeignKey(
        Participant, verbose_name=_("to"), related_name="received_requests", on_delete=models.CASCADE
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.WOULD_LIKE
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    unscheduled_reason = models.CharField(
        _("why not scheduled"), max_length=20, choices=UnscheduledReason.choices, blank=True
    )

    class Meta:
        ordering = ["session", "-priority", "created_at", "id"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(fields=["requester", "recipient"], name="one_request_per_pair"),
            models.CheckConstraint(condition=~Q(requester=models.F("recipient")), name="request_not_to_self"),
        ]

    def __str__(self):
        return f"{self.requester} → {self.recipient}"


class Meeting(PublicIdModel):
    """An accepted request placed in a slot at a table, with an interpreter when needed. ``locked``:
    the organizer fixed it, and re-running the scheduler keeps it (as it keeps confirmed ones)."""

    session = models.ForeignKey(
        B2BSession, verbose_name=_("B2B session"), related_name="meetings", on_delete=models.CASCADE
    )
    request = models.ForeignKey(
        MeetingRequest, verbose_name=_("request"), related_name="meetings", on_delete=models.CASCADE
    )
    slot = models.ForeignKey(
        MeetingSlot, verbose_name=_("slot"), related_name="meetings", on_delete=models.PROTECT
    )
    table = models.ForeignKey(
        MeetingTable, verbose_name=_("table"), related_name="meetings", on_delete=models.PROTECT
    )
    interpreter = models.ForeignKey(
        Interpreter,
        verbose_name=_("interpreter"),
        null=True,
        blank=True,
        related_name="meetings",
        on_delete=models.PROTECT,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PROVISIONAL
    )
    source = models.CharField(_("source"), max_length=10, choices=MeetingSource.choices)
    locked = models.BooleanField(_("locked by the organizer"), default=False)

    class Meta:
        ordering = ["session", "slot__starts_at", "table_id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            # At most one live meeting per request.
            models.UniqueConstraint(
                fields=["request"], condition=~Q(status="cancelled"), name="one_live_meeting_per_request"
            )
        ]

    def __str__(self):
        return f"{self.request} at {self.slot}"


class SlotHold(models.Model):
    """What a live meeting occupies in its slot: each participant, the table, the interpreter (one
    row each). The unique constraints make a double booking impossible, whoever books first."""

    meeting = models.ForeignKey(Meeting, related_name="holds", on_delete=models.CASCADE)
    slot = models.ForeignKey(MeetingSlot, related_name="+", on_delete=models.CASCADE)
    participant = models.ForeignKey(
        Participant, null=True, blank=True, related_name="+", on_delete=models.CASCADE
    )
    table = models.ForeignKey(MeetingTable, null=True, blank=True, related_name="+", on_delete=models.CASCADE)
    interpreter = models.ForeignKey(
        Interpreter, null=True, blank=True, related_name="+", on_delete=models.CASCADE
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "participant"],
                condition=Q(participant__isnull=False),
                name="hold_participant_once",
            ),
            models.UniqueConstraint(
                fields=["slot", "table"], condition=Q(table__isnull=False), name="hold_table_once"
            ),
            models.UniqueConstraint(
                fields=["slot", "interpreter"],
                condition=Q(interpreter__isnull=False),
                name="hold_interpreter_once",
            ),
            models.CheckConstraint(
                condition=(
                    Q(participant__isnull=False, table__isnull=True, interpreter__isnull=True)
                    | Q(participant__isnull=True, table__isnull=False, interpreter__isnull=True)
                    | Q(participant__isnull=True, table__isnull=True, interpreter__isnull=False)
                ),
                name="hold_one_thing",
            ),
        ]

    def __str__(self):
        return f"hold {self.participant_id or self.table_id or self.interpreter_id} in slot {self.slot_id}"


class MeetingOutcome(TimeStampedModel):
    """One side's record of what came of a meeting; an RFQ, a deal started from it link back here."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), related_name="outcomes", on_delete=models.CASCADE
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("side"), related_name="outcomes", on_delete=models.CASCADE
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    rfq = models.ForeignKey(
        "deals.Rfq",
        verbose_name=_("RFQ"),
        null=True,
        blank=True,
        related_name="meeting_outcomes",
        on_delete=models.SET_NULL,
    )
    deal = models.ForeignKey(
        "deals.Deal",
        verbose_name=_("deal"),
        null=True,
        blank=True,
        related_name="meeting_outcomes",
        on_delete=models.SET_NULL,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    class Meta:
        ordering = ["meeting", "participant"]
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="one_outcome_per_side")
        ]

    def __str__(self):
        return f"{self.meeting}: {self.outcome}"
