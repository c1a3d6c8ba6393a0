"""The committee page's shared part: everything but the membership card, the same for every reader of
a language who is (or is not) its manager and sees (or does not see) its members-only documents.

It is a shared fragment (``core.fragments``) keyed by the committee, those two switches, the day, the
digest of the KPIs as cached (``queries.kpis``) and the fingerprint of every row it shows
(``queries.page``): a write to any of them changes the key, so a reader sees their own change on
their next page. The membership card is the reader's own: the view renders it between the two halves
of the fragment, cut at :data:`MARK` (text a user wrote is escaped, so it can never contain it)."""

import hashlib

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from scotemp.core.fragments import csrf_placeholder, shared_fragment

from .. import queries
from ..queries import kpis as kpi_queries
from ..queries import workspace as ws
from ..queries.page import page_inputs

MARK = "<!--membership-card-->"
VERSION = 1


def _render(committee, kpis, can_manage: bool, members_only: bool) -> str:
    chapters, headings = queries.committee_scope(committee)
    context = {
        "committee": committee,
        "hs_chapters": chapters,
        "hs_headings": headings,
        "members": queries.approved_members(committee),
        "can_manage": can_manage,
        "kpis": kpis,
        "officers": list(ws.officers(committee)),
        "plan": list(ws.work_plan(committee)),
        "news": list(ws.published_news(committee)),
        "documents": list(ws.documents(None, committee, members_only)),
        "sees_members_only": members_only,
        "open_leads": list(ws.open_leads(committee)),
        "csrf_token": csrf_placeholder(),
    }
    return render_to_string("committees/_detail_body.html", context)


def shared_part(request, committee, can_manage: bool, members_only: bool):
    """The page's content before and after the membership card, from the shared cache when drawn
    from the same rows before."""
    kpis = kpi_queries.committee_kpis(committee)
    now = timezone.now()
    today = timezone.localdate(now)
    parts = (
        "committees:detail",
        VERSION,
        committee.pk,
        can_manage,
        members_only,
        today,
        hashlib.sha256(repr(kpis).encode()).hexdigest()[:32],
        page_inputs(committee.pk, today, now),
    )
    html = shared_fragment(request, parts, lambda: _render(committee, kpis, can_manage, members_only))
    before, _mark, after = html.partition(MARK)
    return mark_safe(before), mark_safe(after)
