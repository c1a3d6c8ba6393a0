"""The B2B agenda as a PDF (A4), for a participant or for every table, in Chinese, Russian or English,
laid out with the deals documents' machinery (:class:`scotemp.deals.documents.layout.Layout`: the Noto
font chain that prints Chinese, Cyrillic and the other scripts of the parties' names)."""

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from scotemp.deals.documents.layout import Layout

from .queries.b2b.agenda import is_final, participant_agenda, table_agendas, zone_of

LANGUAGES = ("zh-hans", "ru", "en")


def _when(row) -> str:
    return f"{formats.date_format(row.starts_at, 'Y-m-d H:i')}–{formats.date_format(row.ends_at, 'H:i')}"


def _header(layout: Layout, session, title: str, zone_name: str) -> None:
    event = session.event
    layout.text(str(settings.SCOTEMP_PLATFORM_NAME), size=9, grey=True)
    layout.text(title, size=16, bold=True, height=8)
    layout.text(str(event.title), size=11)
    state = _("Final schedule") if is_final(session) else _("Provisional schedule: times may still change.")
    layout.text(state, size=9, grey=True)
    layout.text(_("Times in %(zone)s") % {"zone": zone_name}, size=9, grey=True)
    layout.pdf.ln(3)


def participant_pdf(participant, language: str) -> bytes:
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}")
    session = participant.session
    with translation.override(language):
        layout = Layout(_("B2B agenda"))
        pdf = layout.pdf
        title = _("B2B agenda of %(name)s") % {"name": participant.organization.name}
        pdf.set_title(title)
        pdf.set_lang(language)
        pdf.set_creator(str(settings.SCOTEMP_PLATFORM_NAME))
        pdf.add_page()
        zone = zone_of(participant, session)
        _header(layout, session, title, str(zone))
        rows = participant_agenda(participant)
        if not rows:
            layout.text(_("No meetings yet."))
        else:
            table = [(_("Time"), _("Table"), _("Meeting with"), _("Interpreter"), _("Status"))]
            for row in rows:
                table.append(
                    (
                        _when(row),
                        row.table,
                        row.other.organization.name,
                        row.interpreter or "—",
                        row.status_label,
                    )
                )
            layout.table(table, col_widths=(26, 14, 34, 16, 14))
        return bytes(pdf.output())


def tables_pdf(session, language: str) -> bytes:
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}")
    with translation.override(language):
        layout = Layout(_("B2B agenda per table"))
        pdf = layout.pdf
        title = _("B2B agenda per table")
        pdf.set_title(title)
        pdf.set_lang(language)
        pdf.add_page()
        _header(layout, session, title, str(zone_of(None, session)))
        for table, rows in table_agendas(session):
            layout.heading(table.label)
            if not rows:
                layout.text(_("No meetings at this table."), grey=True)
                continue
            lines = [(_("Time"), _("Participants"), _("Interpreter"))]
            for row in rows:
                names = " — ".join(p.organization.name for p in row.sides)
                lines.append((_when(row), names, row.interpreter or "—"))
            layout.table(lines, col_widths=(28, 56, 20))
        return bytes(pdf.output())
