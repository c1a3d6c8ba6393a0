"""The organizer's writes: the B2B session of an event, its time slots (from a time range and a
slot length), tables and booths, interpreters, and its phase."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import announce, per_language

from ...choices import B2BPhase, MeetingStatus
from ...models import B2BSession, Interpreter, MeetingSlot, MeetingTable, Participant
from .common import check_event_open, conflict, refuse, require_organizer

MIN_SLOT, MAX_SLOT = 15, 30
MAX_SLOTS = 64
MAX_TABLES = 200
LANGUAGE_CODES = ("zh", "ru", "en", "kk", "ky", "tg", "uz", "fa", "hi", "ur", "be", "mn", "tr", "az", "hy")


def create_session(user, event, *, slot_minutes=20, meeting_cap=8, request_cap=20) -> B2BSession:
    """Open the B2B meetings of ``event`` (one session per event), in the profile phase."""
    require_organizer(user, event_session_stub(event))
    _check_numbers(slot_minutes, meeting_cap, request_cap)
    if B2BSession.objects.filter(event=event).exists():
        raise conflict(_("This event already has its B2B session."))
    try:
        with transaction.atomic():
            session = B2BSession.objects.create(
                event=event, slot_minutes=slot_minutes, meeting_cap=meeting_cap, request_cap=request_cap
            )
            announce("b2b_session.created", subject=session, actor=user, to_status=session.phase)
    except IntegrityError:
        raise conflict(_("This event already has its B2B session.")) from None
    return session


def event_session_stub(event):
    """Something with an ``event`` for the organizer check, before the session exists."""
    return type("Stub", (), {"event": event})()


def _check_numbers(slot_minutes, meeting_cap, request_cap) -> None:
    if not (MIN_SLOT <= int(slot_minutes) <= MAX_SLOT):
        raise refuse(
            "slot_minutes",
            _("Slot length: from %(min)d to %(max)d minutes.") % {"min": MIN_SLOT, "max": MAX_SLOT},
        )
    if not (1 <= int(meeting_cap) <= MAX_SLOTS):
        raise refuse("meeting_cap", _("Meetings per participant: from 1 to %(max)d.") % {"max": MAX_SLOTS})
    if not (1 <= int(request_cap) <= 200):
        raise refuse("request_cap", _("Requests per participant: from 1 to %(max)d.") % {"max": 200})


def update_session(user, session, *, meeting_cap=None, request_cap=None) -> B2BSession:
    require_organizer(user, session)
    check_event_open(session)
    _check_numbers(
        session.slot_minutes, meeting_cap or session.meeting_cap, request_cap or session.request_cap
    )
    with transaction.atomic():
        if meeting_cap:
            session.meeting_cap = meeting_cap
        if request_cap:
            session.request_cap = request_cap
        session.save(update_fields=["meeting_cap", "request_cap", "updated_at"])
        announce(
            "b2b_session.changed", subject=session, actor=user, data={"caps": [meeting_cap, request_cap]}
        )
    return session


def add_slots(
    user, session, starts_at: datetime.datetime, ends_at: datetime.datetime, minutes: int | None = None
) -> list[MeetingSlot]:
    """Time slots of ``minutes`` (the session's length by default) back to back from ``starts_at``
    until ``ends_at`` (aware times); refused when they overlap existing slots or leave the event."""
    require_organizer(user, session)
    check_event_open(session)
    minutes = int(minutes or session.slot_minutes)
    if not (MIN_SLOT <= minutes <= MAX_SLOT):
        raise refuse(
            "minutes", _("Slot length: from %(min)d to %(max)d minutes.") % {"min": MIN_SLOT, "max": MAX_SLOT}
        )
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise refuse("starts_at", _("Start and end: give times with their time zone."))
    if ends_at <= starts_at:
        raise refuse("ends_at", _("End: choose a time after the start."))
    event = session.event
    if starts_at < event.starts_at or ends_at > event.ends_at:
        raise refuse("starts_at", _("The slots must lie within the event's dates."))
    step = datetime.timedelta(minutes=minutes)
    count = int((ends_at - starts_at) / step)
    if count < 1:
        raise refuse("ends_at", _("The range is shorter than one slot."))
    existing = session.slots.count()
    if existing + count > MAX_SLOTS:
        raise refuse("ends_at", _("A session has at most %(max)d time slots.") % {"max": MAX_SLOTS})
    last = starts_at + count * step
    if session.slots.filter(starts_at__lt=last, ends_at__gt=starts_at).exists():
        raise refuse("starts_at", _("These slots overlap slots the session already has."))
    with transaction.atomic():
        MeetingSlot.objects.bulk_create(
            MeetingSlot(session=session, starts_at=starts_at + i * step, ends_at=starts_at + (i + 1) * step)
            for i in range(count)
        )
        announce("b2b_session.slots_added", subject=session, actor=user, data={"count": count})
    return list(session.slots.filter(starts_at__gte=starts_at, starts_at__lt=last))


def remove_slot(user, session, slot) -> None:
    require_organizer(user, session)
    if slot.meetings.exclude(status=MeetingStatus.CANCELLED).exists():
        raise conflict(_("This slot has meetings: cancel or move them first."))
    with transaction.atomic():
        slot.delete()
        announce("b2b_session.slot_removed", subject=session, actor=user, data={"slot": str(slot)})


def add_tables(user, session, count: int = 0, labels=(), booth_for=None) -> list[MeetingTable]:
    """``count`` numbered tables (continuing the numbering), or the tables named in ``labels``; with
    ``booth_for`` (a participant) one table that becomes their fixed booth."""
    require_organizer(user, session)
    check_event_open(session)
    labels = [str(label).strip()[:40] for label in labels if str(label).strip()]
    if not labels:
        if not (1 <= int(count) <= MAX_TABLES):
            raise refuse("count", _("Tables: from 1 to %(max)d at once.") % {"max": MAX_TABLES})
        start = session.tables.count() + 1
        taken = set(session.tables.values_list("label", flat=True))
        labels, number = [], start
        while len(labels) < int(count):
            label = _("Table %(number)d") % {"number": number}
            if label not in taken:
                labels.append(label)
            number += 1
    if session.tables.count() + len(labels) > MAX_TABLES:
        raise refuse("count", _("A session has at most %(max)d tables.") % {"max": MAX_TABLES})
    if session.tables.filter(label__in=labels).exists() or len(set(labels)) != len(labels):
        raise refuse("labels", _("Each table needs a label of its own."))
    if booth_for is not None and booth_for.session_id != session.pk:
        raise refuse("booth_for", _("This participant is not in this session."))
    with transaction.atomic():
        tables = [MeetingTable.objects.create(session=session, label=label) for label in labels]
        if booth_for is not None:
            Participant.objects.filter(pk=booth_for.pk).update(booth=tables[0])
        announce("b2b_session.tables_added", subject=session, actor=user, data={"labels": labels})
    return tables


def add_interpreter(user, session, name: str, pairs, slots=None, interpreter_user=None) -> Interpreter:
    """An interpreter for ``pairs`` (``["zh-ru", …]``), free in ``slots`` (all when none given)."""
    require_organizer(user, session)
    check_event_open(session)
    name = (name or "").strip()[:200]
    if not name:
        raise refuse("name", _("Name: say who interprets."))
    clean = normalize_pairs(pairs)
    with transaction.atomic():
        interpreter = Interpreter.objects.create(
            session=session, name=name, pairs=clean, user=interpreter_user
        )
        if slots:
            interpreter.available_slots.set([s for s in slots if s.session_id == session.pk])
        announce("b2b_session.interpreter_added", subject=session, actor=user, data={"pairs": clean})
    return interpreter


def normalize_pairs(pairs) -> list[str]:
    out = []
    for pair in pairs or []:
        parts = sorted({p.strip().lower() for p in str(pair).replace("/", "-").split("-") if p.strip()})
        if len(parts) != 2 or any(p not in LANGUAGE_CODES for p in parts):
            raise refuse(
                "pairs",
                _("Language pairs: two ISO 639-1 codes joined by a hyphen, such as zh-ru (not “%(pair)s”).")
                % {"pair": str(pair)[:20]},
            )
        out.append("-".join(parts))
    if not out:
        raise refuse("pairs", _("Language pairs: give at least one, such as zh-ru."))
    return sorted(set(out))


def set_phase(user, session, phase: str) -> B2BSession:
    """Move the session to ``phase`` (any phase: the organizer may also step back, e.g. to reopen
    requests); moving to the final phase confirms every live meeting, and publishing a provisional or
    final schedule mails each participant their agenda."""
    require_organizer(user, session)
    check_event_open(session)
    if phase not in B2BPhase.values:
        raise refuse("phase", _("Phase: choose one of the listed phases."))
    if phase == session.phase:
        return session
    if not session.slots.exists() and phase != B2BPhase.PROFILE:
        raise refuse("phase", _("Add the time slots before opening the requests."), "no_slots")
    with transaction.atomic():
        locked = B2BSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
        before = locked.phase
        locked.phase = phase
        locked.save(update_fields=["phase", "updated_at"])
        if phase == B2BPhase.FINAL:
            # The final schedule: every live meeting is confirmed.
            locked.meetings.filter(status=MeetingStatus.PROVISIONAL).update(status=MeetingStatus.CONFIRMED)
        notices = _agenda_notices(locked, phase) if phase in (B2BPhase.PROVISIONAL, B2BPhase.FINAL) else []
        announce(
            "b2b_session.phase",
            subject=locked,
            actor=user,
            from_status=before,
            to_status=phase,
            notices=notices,
        )
    session.phase = phase
    return session


def _agenda_notices(session, phase) -> list:
    """Each participant's agenda, by e-mail and in the app, when a schedule is published."""
    from django.urls import reverse

    from ...queries.b2b.agenda import agenda_lines, participant_agenda
    from ..common import event_names
    from .common import notice_to

    # Each reader gets the notice in their own language, whoever publishes the schedule.
    which = per_language(lambda: _("final") if phase == B2BPhase.FINAL else _("provisional"))
    event = event_names(session.event)
    url = reverse("events:b2b_agenda", args=[session.event.public_id])
    notices = []
    for participant in session.participants.select_related("registration", "organization"):
        rows = list(participant_agenda(participant))
        params = {
            "which": which,
            "event": event,
            "count": len(rows),
            "lines": per_language(lambda p=participant, rows=rows: "\n".join(agenda_lines(p, rows)) or "—"),
        }
        notices.append(notice_to(participant, "events.b2b_agenda", params, url))
    return notices


def set_participant_cap(user, participant, cap) -> Participant:
    """The organizer's cap of meetings for one participant (empty: the session's)."""
    session = participant.session
    require_organizer(user, session)
    check_event_open(session)
    if cap is not None and not (0 <= int(cap) <= MAX_SLOTS):
        raise refuse(
            "cap", _("Meetings, at most: from 0 to %(max)d, or empty for the session's.") % {"max": MAX_SLOTS}
        )
    with transaction.atomic():
        participant.cap = None if cap is None else int(cap)
        participant.save(update_fields=["cap", "updated_at"])
        announce("b2b_participant.cap", subject=participant, actor=user, data={"cap": participant.cap})
    return participant
