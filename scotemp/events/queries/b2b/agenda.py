"""Agendas: a participant's meetings in time order (with the counterpart, table, interpreter), and
the organizer's per-table agenda; as plain rows for pages and PDFs, calendar items for ``.ics``
files and text lines for e-mails, in the reader's time zone."""

import zoneinfo
from dataclasses import dataclass

from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

from ...choices import B2BPhase, MeetingStatus
from ...ics import CalendarItem
from ...models import Meeting, Participant


@dataclass
class AgendaRow:
    meeting: Meeting
    starts_at: object  # aware, in the reader's zone
    ends_at: object
    other: Participant | None  # the counterpart (None in the per-table agenda)
    sides: tuple  # (requester, recipient)
    table: str
    interpreter: str
    status: str
    status_label: str
    locked: bool


def zone_of(participant: Participant | None, session) -> zoneinfo.ZoneInfo:
    name = (participant.time_zone if participant else "") or session.event.time_zone
    return zoneinfo.ZoneInfo(name)


def is_final(session) -> bool:
    return session.phase == B2BPhase.FINAL


def _live(session):
    return (
        Meeting.objects.filter(session=session)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related(
            "slot",
            "table",
            "interpreter",
            "request__requester__organization__country",
            "request__recipient__organization__country",
            "request__requester__registration__user",
            "request__recipient__registration__user",
        )
        .order_by("slot__starts_at", "table__label")
    )


def _row(meeting, zone, other=None) -> AgendaRow:
    return AgendaRow(
        meeting=meeting,
        starts_at=meeting.slot.starts_at.astimezone(zone),
        ends_at=meeting.slot.ends_at.astimezone(zone),
        other=other,
        sides=(meeting.request.requester, meeting.request.recipient),
        table=meeting.table.label,
        interpreter=meeting.interpreter.name if meeting.interpreter_id else "",
        status=meeting.status,
        status_label=str(meeting.get_status_display()),
        locked=meeting.locked,
    )


def participant_agenda(participant: Participant) -> list[AgendaRow]:
    session = participant.session
    zone = zone_of(participant, session)
    rows = []
    for meeting in _live(session).filter(
        Q(request__requester=participant) | Q(request__recipient=participant)
    ):
        request = meeting.request
        other = request.recipient if request.requester_id == participant.pk else request.requester
        rows.append(_row(meeting, zone, other))
    return rows


def table_agendas(session) -> list[tuple[object, list[AgendaRow]]]:
    """Every table with its meetings in time order (in the event's time zone)."""
    zone = zone_of(None, session)
    by_table: dict[int, list] = {t.pk: [] for t in session.tables.all()}
    for meeting in _live(session):
        by_table.setdefault(meeting.table_id, []).append(_row(meeting, zone))
    tables = {t.pk: t for t in session.tables.all()}
    return [(tables[pk], rows) for pk, rows in by_table.items() if pk in tables]


def org_name(participant: Participant) -> str:
    return participant.organization.name


def calendar_items(participant: Participant, base_url: str = "") -> list[CalendarItem]:
    event = participant.session.event
    items = []
    for row in participant_agenda(participant):
        meeting = row.meeting
        summary = _("B2B meeting with %(other)s") % {"other": org_name(row.other)}
        details = [
            _("Table: %(table)s") % {"table": row.table},
            _("Status: %(status)s") % {"status": row.status_label},
        ]
        if row.interpreter:
            details.append(_("Interpreter: %(name)s") % {"name": row.interpreter})
        items.append(
            CalendarItem(
                uid=f"meeting-{meeting.public_id}@scotemp",
                starts_at=meeting.slot.starts_at,
                ends_at=meeting.slot.ends_at,
                summary=summary,
                description="\n".join(details),
                location=", ".join(x for x in (str(event.venue or ""), row.table) if x),
                url=base_url,
            )
        )
    return items


def agenda_lines(participant: Participant, rows=None) -> list[str]:
    """One line per meeting, for an e-mail: ``14:20–14:40 · Table 3 · Counterpart (interpreter)``,
    in the active language; ``rows`` (the participant's agenda) when already read."""
    lines = []
    for row in participant_agenda(participant) if rows is None else rows:
        when = f"{formats.date_format(row.starts_at, 'Y-m-d H:i')}–{formats.date_format(row.ends_at, 'H:i')}"
        line = f"{when} · {row.table} · {org_name(row.other)}"
        if row.interpreter:
            line += " · " + _("interpreter %(name)s") % {"name": row.interpreter}
        lines.append(line)
    return lines
