"""The participant directory of a session, each participant scored against the reader with the
matching engine's own scoring (:mod:`scotemp.trade.matching.scoring`): the best pair of the two
organizations' open complementary leads, or, from the B2B profiles, the HS codes one offers and the
other seeks (same subheading 40, heading 25, chapter 10 points) and the countries each is interested
in (6 points each way). Reasons are phrased in the reader's language (``explain``)."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.trade.matching import records, scoring
from scotemp.trade.matching.explain import explain
from scotemp.trade.models import Lead

from ...choices import RequestStatus
from ...models import MeetingRequest, Participant


@dataclass
class Scored:
    participant: Participant
    score: float = 0.0
    reasons: list = field(default_factory=list)
    shared_languages: list = field(default_factory=list)
    request: MeetingRequest | None = None  # the reader's request to them or theirs to the reader


def _open_leads_by_org(org_ids) -> dict[int, list]:
    ids = list(
        Lead.objects.filter(organization_id__in=org_ids, status="published").values_list("pk", flat=True)
    )
    out: dict[int, list] = {}
    for record in records.records(records.rows_of(ids)) if ids else []:
        out.setdefault(record.org_id, []).append(record)
    return out


def _lead_score(mine, theirs, today, verified) -> tuple[float, list]:
    best, best_parts = 0.0, []
    for a in mine:
        for b in theirs:
            if a.kind == b.kind or a.hs_code[:2] != b.hs_code[:2]:
                continue
            result = scoring.score(a, b, today=today, verified_org_ids=verified)
            if result and result[0] > best:
                best, best_parts = result
    return best, best_parts


RANK = {"hs_chapter": 0, "hs_heading": 1, "hs_subheading": 2}
DIGITS = {"hs_chapter": 2, "hs_heading": 4, "hs_subheading": 6}


def _hs_level(offered, sought) -> tuple[str | None, str]:
    """The closest HS agreement between codes one side offers and the other seeks (any length)."""
    best, shared = None, ""
    for a in offered or []:
        for b in sought or []:
            if a[:2] != b[:2]:
                continue
            if len(a) == 6 and a == b:
                level = "hs_subheading"
            elif len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4]:
                level = "hs_heading"
            else:
                level = "hs_chapter"
            if best is None or RANK[level] > RANK[best]:
                best, shared = level, a[: DIGITS[level]]
    return best, shared


def profile_score(reader: Participant, other: Participant) -> tuple[float, list[str]]:
    points, reasons = 0.0, []
    for offered, sought, phrase in (
        (reader.offer_hs, other.seek_hs, _("they seek what you offer (HS %(code)s)")),
        (reader.seek_hs, other.offer_hs, _("they offer what you seek (HS %(code)s)")),
    ):
        level, shared = _hs_level(offered, sought)
        if level:
            points = max(points, scoring.HS_POINTS[level])
            reasons.append(phrase % {"code": shared})
    if points:
        other_country = other.organization.country_id
        reader_country = reader.organization.country_id
        if other_country and other_country in (reader.countries or []):
            points += scoring.ORIGIN_POINTS
            reasons.append(_("in a country you are interested in"))
        if reader_country and reader_country in (other.countries or []):
            points += scoring.DESTINATION_POINTS
            reasons.append(_("interested in your country"))
    return min(points, 100.0), reasons


def directory(reader: Participant | None, session, q: str = "") -> list[Scored]:
    """Every participant of ``session`` but the reader, best match first (then by name); without a
    reader (the organizer) unscored, by name."""
    rows = list(
        Participant.objects.filter(session=session)
        .select_related("organization__country", "registration")
        .order_by("organization__name", "pk")
    )
    q = (q or "").strip().lower()
    if q:
        rows = [
            p
            for p in rows
            if q in p.organization.name.lower()
            or q in (p.organization.name_latin or "").lower()
            or q in p.offers.lower()
            or q in p.seeks.lower()
            or any(code.startswith(q) for code in (p.offer_hs or []) + (p.seek_hs or []))
        ]
    if reader is None:
        return [Scored(p) for p in rows]
    others = [p for p in rows if p.pk != reader.pk]
    leads = _open_leads_by_org({p.organization_id for p in others} | {reader.organization_id})
    verified = records.verified_org_ids(list(leads))
    today = timezone.localdate()
    mine = leads.get(reader.organization_id, [])
    requests = {}
    for request in MeetingRequest.objects.filter(session=session).exclude(status=RequestStatus.CANCELLED):
        if request.requester_id == reader.pk:
            requests[request.recipient_id] = request
        elif request.recipient_id == reader.pk:
            requests[request.requester_id] = request
    out = []
    for other in others:
        lead_total, parts = _lead_score(mine, leads.get(other.organization_id, []), today, verified)
        total, reasons = profile_score(reader, other)
        if lead_total >= total and parts:
            total, reasons = lead_total, explain(parts, brief=True)
        shared = sorted(set(reader.languages or []) & set(other.languages or []))
        out.append(Scored(other, round(total, 1), reasons, shared, requests.get(other.pk)))
    out.sort(key=lambda s: (-s.score, s.participant.organization.name))
    return out
