"""What the committee page's shared part is made of, read cheaply: the key of its fragment.

Most of a committee's page is the same for every reader of a language (its scope, charter,
officers, figures, news, leads, events, projects, delegations, plan, documents and members); only
the header's buttons, the membership card and two switches (manager or not, members-only documents
or not) depend on the reader. The view keeps that part in the shared cache
(``core.fragments.shared_fragment``) under a key naming every input it shows, read here in one
statement of plain SQL (no model instances, no query compiled by the ORM):

- per list, how many rows it draws from and when the latest of them (and of the organizations it
  names) changed: every action saves ``updated_at``; a row added, removed or moved out of a list
  changes its count or its latest time;
- the upcoming events and delegations counted apart (one moving into the past changes the count);
- the people the page names (secretary, officers, owners of plan items), with their names: a user
  row has no time of change;
- the five latest open leads themselves (ids and times): the list changes exactly when they do.

The KPIs come from their own cache (``kpis.committee_kpis``): the view adds their digest."""

import datetime
from functools import lru_cache

from django.db import connection

from scotemp.accounts.models import Organization, User
from scotemp.core.prepared import prepared_cursor
from scotemp.delegations.models import Delegation
from scotemp.events.models import Event
from scotemp.events.queries.events import PUBLIC_STATUSES
from scotemp.projects.models import Project
from scotemp.trade.choices import LeadStatus
from scotemp.trade.models import Lead

from ..choices import CommitteeMembershipStatus, NewsStatus
from ..models import (
    Committee,
    CommitteeDocument,
    CommitteeMembership,
    CommitteeOfficer,
    NewsPost,
    WorkPlanItem,
)

OPEN_LEADS = 5


def _text(sql: str) -> str:
    return f"CAST({sql} AS TEXT)"


@lru_cache(maxsize=4)
def _statement(vendor: str) -> str:
    """One ``UNION ALL`` of rows of five text columns (a name and four values), the same SQL on both
    databases."""
    q = connection.ops.quote_name

    def t(model) -> str:
        return q(model._meta.db_table)

    chapters = t(Committee.hs_chapters.through)
    headings = t(Committee.hs_headings.through)
    org = t(Organization)
    statuses = ", ".join(f"'{s}'" for s in PUBLIC_STATUSES)
    n, latest = _text("COUNT(*)"), _text("MAX(updated_at)")
    rows = [
        # name, secretary, latest change
        f"SELECT 'committee', {_text('secretary_id')}, {_text('updated_at')}, NULL, NULL"
        f" FROM {t(Committee)} WHERE id = %(c)s",
        # name, count, latest change, latest change of the organizations it names, a further number
        f"SELECT 'chapters', {n}, NULL, NULL, {_text('MAX(id)')} FROM {chapters} WHERE committee_id = %(c)s",
        f"SELECT 'headings', {n}, NULL, NULL, {_text('MAX(id)')} FROM {headings} WHERE committee_id = %(c)s",
        f"SELECT 'officers', {n}, {latest}, NULL, NULL FROM {t(CommitteeOfficer)} WHERE committee_id = %(c)s",
        f"SELECT 'plan', {n}, {_text('MAX(p.updated_at)')}, {_text('MAX(o.updated_at)')}, NULL"
        f" FROM {t(WorkPlanItem)} p LEFT JOIN {org} o ON o.id = p.owner_organization_id"
        f" WHERE p.committee_id = %(c)s AND p.year = %(year)s",
        f"SELECT 'news', {n}, {latest}, NULL, NULL FROM {t(NewsPost)}"
        f" WHERE committee_id = %(c)s AND status = '{NewsStatus.PUBLISHED}'",
        f"SELECT 'documents', {n}, {latest}, NULL, NULL FROM {t(CommitteeDocument)}"
        f" WHERE committee_id = %(c)s",
        f"SELECT 'members', {n}, {_text('MAX(m.updated_at)')}, {_text('MAX(o.updated_at)')}, NULL"
        f" FROM {t(CommitteeMembership)} m JOIN {org} o ON o.id = m.organization_id"
        f" WHERE m.committee_id = %(c)s AND m.status = '{CommitteeMembershipStatus.APPROVED}'",
        f"SELECT 'events', {n}, {latest}, NULL,"
        f" {_text('SUM(CASE WHEN ends_at >= %(now)s THEN 1 ELSE 0 END)')}"
        f" FROM {t(Event)} WHERE committee_id = %(c)s AND status IN ({statuses})",
        f"SELECT 'projects', {n}, {_text('MAX(p.updated_at)')}, {_text('MAX(o.updated_at)')}, NULL"
        f" FROM {t(Project)} p JOIN {org} o ON o.id = p.owner_id"
        f" WHERE p.committee_id = %(c)s AND p.published = %(yes)s",
        f"SELECT 'delegations', {n}, {latest}, NULL,"
        f" {_text('SUM(CASE WHEN ends_on >= %(today)s THEN 1 ELSE 0 END)')}"
        f" FROM {t(Delegation)} WHERE committee_id = %(c)s AND published = %(yes)s",
        # the people named: id, name, e-mail (a user row has no time of change)
        f"SELECT 'person', {_text('id')}, full_name, email, NULL FROM {t(User)}"
        f" WHERE id IN (SELECT secretary_id FROM {t(Committee)} WHERE id = %(c)s)"
        f" OR id IN (SELECT user_id FROM {t(CommitteeOfficer)} WHERE committee_id = %(c)s)"
        f" OR id IN (SELECT owner_user_id FROM {t(WorkPlanItem)}"
        f" WHERE committee_id = %(c)s AND year = %(year)s)",
        # the latest open leads: id, latest change, latest change of its organization
        f"SELECT 'lead', a, b, c, NULL FROM (SELECT {_text('l.id')} AS a, {_text('l.updated_at')} AS b,"
        f" {_text('o.updated_at')} AS c FROM {t(Lead)} l JOIN {org} o ON o.id = l.organization_id"
        f" WHERE l.committee_id = %(c)s AND l.status = '{LeadStatus.PUBLISHED}'"
        f" AND l.valid_until >= %(today)s"
        f" ORDER BY l.published_at DESC LIMIT {OPEN_LEADS}) AS latest_leads",
    ]
    return "\nUNION ALL ".join(rows)


def page_inputs(committee_id: int, today: datetime.date, now: datetime.datetime) -> tuple:
    """Everything the shared part of the committee's page shows, as a fingerprint (see the module's
    docstring): equal fingerprints, equal content. One statement, whatever the row counts (the
    leads read the ``(committee, -published_at)`` index and stop after five)."""
    ops = connection.ops
    params = {
        "c": committee_id,
        "year": today.year,
        "today": ops.adapt_datefield_value(today),
        "now": ops.adapt_datetimefield_value(now),
        "yes": True,
    }
    with prepared_cursor(connection) as cursor:  # planned once per connection on PostgreSQL
        cursor.execute(_statement(connection.vendor), params)
        rows = cursor.fetchall()
    return tuple(sorted(tuple(value or "" for value in row) for row in rows))
