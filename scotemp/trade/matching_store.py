"""Stored matches: the top matches of every open lead as Match rows, and their notifications.

Guarantees of :func:`recompute_matches` (one lead, one transaction):
- after it, the lead's top ``TOP`` matches are Match rows (pair sell/buy unique, score and parts
  fresh); rows of pairs that are no longer a match (a lead paused, closed, expired, edited into
  another chapter) are deleted; rows of pairs still matching but outside this lead's top stay with
  a fresh score (they may be in the other lead's top);
- MatchDecision rows are never touched: they are keyed by the lead pair, so a bookmark or a
  dismissal survives any recomputation; a dismissed pair is never notified again;
- both organizations are notified once per new pair (in-app + e-mail outbox row written in the same
  transaction as the Match row, deduplicated by ``match:<sell>:<buy>:<org>``), unless ``notify``
  is False (bulk recomputations).
"""

import datetime
import logging
import time

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from . import matching, scoring
from .choices import MatchAction
from .models import Lead, Match, MatchDecision

log = logging.getLogger(__name__)
TOP = 20
LANGUAGES = {"en": "en", "ru": "ru", "zh-hans": "zh_hans"}


def _pair(q, other_id: int) -> tuple[int, int]:
    return (q.id, other_id) if q.kind == "sell" else (other_id, q.id)


def recompute_matches(lead_id: int, *, notify: bool = True, today: datetime.date | None = None) -> dict:
    """Recompute and store the matches of one lead; returns counts {created, updated, deleted}."""
    today = today or timezone.localdate()
    with transaction.atomic():
        q = matching.load_record(lead_id)
        top = matching.top_matches(q, TOP, today) if q else []
        wanted = {_pair(q, cand): (total, parts) for total, cand, parts in top}
        existing = {
            (m.sell_lead_id, m.buy_lead_id): m
            for m in Match.objects.filter(Q(sell_lead_id=lead_id) | Q(buy_lead_id=lead_id))
        }
        stale = [pair for pair in existing if pair not in wanted]
        deleted, updated = [], []
        if stale:
            others = {
                r.id: r for r in matching.records(_rows_of([b if a == lead_id else a for a, b in stale]))
            }
            verified = matching.verified_org_ids(
                [r.org_id for r in others.values()] + ([q.org_id] if q else [])
            )
            for pair in stale:
                other = others.get(pair[1] if pair[0] == lead_id else pair[0])
                result = (
                    scoring.score(q, other, today=today, verified_org_ids=verified) if q and other else None
                )
                if result is None:
                    deleted.append(existing[pair].pk)
                else:
                    wanted_total, wanted_parts = result
                    m = existing[pair]
                    if m.score != wanted_total or m.parts != wanted_parts:
                        m.score, m.parts = wanted_total, wanted_parts
                        updated.append(m)
        if deleted:
            Match.objects.filter(pk__in=deleted).delete()
        new = []
        for pair, (total, parts) in wanted.items():
            m = existing.get(pair)
            if m is None:
                new.append(Match(sell_lead_id=pair[0], buy_lead_id=pair[1], score=total, parts=parts))
            elif m.score != total or m.parts != parts:
                m.score, m.parts = total, parts
                updated.append(m)
        if updated:
            Match.objects.bulk_update(updated, ["score", "parts", "updated_at"], batch_size=500)
        if new:
            # Another lead's task may insert the same pair at the same time: the unique pair decides,
            # and notify() is idempotent by its key, so nobody is notified twice.
            Match.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
            if notify:
                _notify_new([(m.sell_lead_id, m.buy_lead_id) for m in new])
    return {"created": len(new), "updated": len(updated), "deleted": len(deleted)}


def _rows_of(ids):
    marks, params = matching._in(ids)
    return matching._fetch(f"SELECT {matching.COLUMNS} FROM {matching.FROM} WHERE l.id IN ({marks})", params)


def remove_matches(lead_ids) -> int:
    """Delete every Match row of these leads (decisions stay); returns how many."""
    ids = list(lead_ids)
    if not ids:
        return 0
    count, _ = Match.objects.filter(Q(sell_lead_id__in=ids) | Q(buy_lead_id__in=ids)).delete()
    return count


def _recipient(lead: Lead):
    """Who hears about a lead's new match: its author while a member, else the organization's
    first owner (then admin, then member)."""
    from scotemp.accounts.models import Membership

    members = Membership.objects.filter(organization_id=lead.organization_id).select_related("user")
    if lead.author_id:
        own = members.filter(user_id=lead.author_id).first()
        if own:
            return own.user
    order = {"owner": 0, "admin": 1, "member": 2}
    best = sorted(members, key=lambda m: (order.get(m.role, 9), m.pk))
    return best[0].user if best else None


def _translations(obj, field: str) -> dict:
    values = {code: getattr(obj, f"{field}_{suffix}", "") or "" for code, suffix in LANGUAGES.items()}
    fallback = getattr(obj, field, "") or next((v for v in values.values() if v), "")
    return {code: value or fallback for code, value in values.items()}


def _notify_new(pairs) -> None:
    from django.utils import translation

    from scotemp.notifications.actions import GENERIC_TEMPLATE_PREFIX, notify

    from .explain import explain_text

    matches = Match.objects.filter(
        Q(*[Q(sell_lead_id=s, buy_lead_id=b) for s, b in pairs], _connector=Q.OR)
    ).select_related("sell_lead__organization__country", "buy_lead__organization__country")
    dismissed = set(
        MatchDecision.objects.filter(
            action=MatchAction.DISMISSED,
            sell_lead_id__in=[s for s, _b in pairs],
            buy_lead_id__in=[b for _s, b in pairs],
        ).values_list("organization_id", "sell_lead_id", "buy_lead_id")
    )
    now = timezone.now()
    for match in matches:
        for own, other in ((match.sell_lead, match.buy_lead), (match.buy_lead, match.sell_lead)):
            org_id = own.organization_id
            if (org_id, match.sell_lead_id, match.buy_lead_id) in dismissed:
                continue
            user = _recipient(own)
            if user is None:
                continue
            explanation = {}
            for code in LANGUAGES:
                with translation.override(code):
                    explanation[code] = explain_text(match.parts, own.kind)
            counterpart_country = other.organization.country
            notify(
                user,
                "match.new",
                {
                    "lead_title": _translations(own, "title"),
                    "counterpart_title": _translations(other, "title"),
                    "counterpart_country": _translations(counterpart_country, "name"),
                    "explanation": explanation,
                    "score": round(match.score),
                },
                reverse("trade:lead_detail", args=[own.public_id]) + "#matches",
                dedupe_key=f"match:{match.sell_lead_id}:{match.buy_lead_id}:{org_id}",
                email_template_prefix=GENERIC_TEMPLATE_PREFIX,
            )
        match.notified_at = now
    Match.objects.bulk_update(list(matches), ["notified_at"])


def rematch_all(*, notify: bool = False, batch: int = 200, progress=None, today=None) -> dict:
    """Recompute the matches of every open lead (in id order, one transaction per batch) and delete
    the rows of leads no longer open; ``progress(done, total)`` is called after each batch.

    Notifications are off by default: a full recomputation (after a change of the scoring, or the
    demo seed) should not announce old pairs; matches of newly published leads are announced by
    their own task."""
    today = today or timezone.localdate()
    closed = Lead.objects.exclude(pk__in=Lead.objects.open(today).values("pk")).values("pk")
    removed = Match.objects.filter(Q(sell_lead__in=closed) | Q(buy_lead__in=closed)).delete()[0]
    ids = list(Lead.objects.open(today).order_by("id").values_list("id", flat=True))
    totals = {"leads": len(ids), "created": 0, "updated": 0, "deleted": removed}
    started = time.monotonic()
    for start in range(0, len(ids), batch):
        # One transaction per batch (each lead a savepoint inside): a commit per lead would cost
        # more than computing its matches.
        with transaction.atomic():
            for lead_id in ids[start : start + batch]:
                counts = recompute_matches(lead_id, notify=notify, today=today)
                for key, value in counts.items():
                    totals[key] += value
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    totals["seconds"] = round(time.monotonic() - started, 1)
    log.info("rematch_all: %s", totals)
    return totals
