"""Stored matches: the top matches of every open lead as Match rows, and their announcement.

Guarantees of :func:`recompute_matches` (one lead, one transaction):
- after it, the lead's top ``TOP`` matches are Match rows (pair sell/buy unique, score and parts
  fresh); rows of pairs that are no longer a match (a lead paused, closed, expired, edited into
  another chapter) are deleted; rows of pairs still matching but outside this lead's top stay with
  a fresh score (they may be in the other lead's top);
- MatchDecision rows are never touched: they are keyed by the lead pair, so a bookmark or a
  dismissal survives any recomputation; a dismissed pair is never notified again;
- each new pair is announced once (``match.found``; the pairs of one job in one batch by
  :func:`scotemp.notifications.bulk.announce_many`, in the same transaction as the Match rows):
  both organizations' members are told, unless their organization dismissed the pair, and the
  notices are keyed by the pair, so a retried or concurrent task tells nobody twice; a member told
  of several new matches at once gets one e-mail listing them; ``notify=False`` (bulk
  recomputations) announces nothing.
"""

import datetime
import json
import logging
import time

import numpy as np
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from scotemp.core.effects import Notice
from scotemp.notifications.bulk import Announcement, announce_many

from ..choices import LANGUAGE_SUFFIX, MatchAction
from ..models import Lead, Match, MatchDecision
from . import engine, index, scoring
from .explain import explain_text
from .records import load_record, records, rows_of, verified_all, verified_org_ids

log = logging.getLogger(__name__)
TOP = 20


def _pair(q, other_id: int) -> tuple[int, int]:
    return (q.id, other_id) if q.kind == "sell" else (other_id, q.id)


def recompute_matches(lead_id: int, *, notify: bool = True, today: datetime.date | None = None) -> dict:
    """Recompute and store the matches of one lead; returns counts {created, updated, deleted}."""
    today = today or timezone.localdate()
    with transaction.atomic():
        q = load_record(lead_id)
        top = engine.top_matches(q, TOP, today) if q else []
        wanted = {_pair(q, cand): (total, parts) for total, cand, parts in top}
        existing = {
            (m.sell_lead_id, m.buy_lead_id): m
            for m in Match.objects.filter(Q(sell_lead_id=lead_id) | Q(buy_lead_id=lead_id))
        }
        stale = [pair for pair in existing if pair not in wanted]
        deleted, updated = [], []
        if stale:
            others = {r.id: r for r in records(rows_of([b if a == lead_id else a for a, b in stale]))}
            verified = verified_org_ids([r.org_id for r in others.values()] + ([q.org_id] if q else []))
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
        missing = [pair for pair in wanted if pair not in existing]
        org_of = dict(
            Lead.objects.filter(pk__in={lead for pair in missing for lead in pair}).values_list(
                "pk", "organization_id"
            )
            if missing
            else ()
        )
        for pair, (total, parts) in wanted.items():
            m = existing.get(pair)
            if m is None:
                new.append(
                    Match(
                        sell_lead_id=pair[0],
                        buy_lead_id=pair[1],
                        sell_organization_id=org_of[pair[0]],
                        buy_organization_id=org_of[pair[1]],
                        score=total,
                        parts=parts,
                    )
                )
            elif m.score != total or m.parts != parts:
                m.score, m.parts = total, parts
                updated.append(m)
        if updated:
            Match.objects.bulk_update(updated, ["score", "parts", "updated_at"], batch_size=500)
        if new:
            # Another lead's task may insert the same pair at the same time: the unique pair decides,
            # and the notices are keyed by the pair, so nobody is notified twice.
            Match.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
            if notify:
                _announce_new([(m.sell_lead_id, m.buy_lead_id) for m in new])
    return {"created": len(new), "updated": len(updated), "deleted": len(deleted)}


def remove_matches(lead_ids) -> int:
    """Delete every Match row of these leads (decisions stay); returns how many."""
    ids = list(lead_ids)
    if not ids:
        return 0
    count, _ = Match.objects.filter(Q(sell_lead_id__in=ids) | Q(buy_lead_id__in=ids)).delete()
    return count


def _names(country) -> dict:
    """The country's name in each language (English where not translated)."""
    values = {code: getattr(country, f"name_{suffix}", "") or "" for code, suffix in LANGUAGE_SUFFIX.items()}
    fallback = values.get("en") or country.name
    return {code: value or fallback for code, value in values.items()}


def _notice(match: Match, own: Lead, other: Lead) -> Notice:
    """``match.new`` for the members of ``own``'s organization, in each reader's language."""
    explanation = {}
    for code in LANGUAGE_SUFFIX:
        with translation.override(code):
            explanation[code] = explain_text(match.parts, own.kind)
    return Notice(
        "match.new",
        {
            "lead_title": own.titles(),
            "counterpart_title": other.titles(),
            "counterpart_country": _names(other.organization.country),
            "explanation": explanation,
            "score": round(match.score),
        },
        reverse("trade:lead_detail", args=[own.public_id]) + "#matches",
        organization_id=own.organization_id,
    )


def _announce_new(pairs) -> None:
    """Announce each new pair once (``match.found``), telling each side that did not dismiss it, all
    pairs of the job in one batch (``notifications.bulk.announce_many``: one INSERT of audit rows,
    one of notifications, one of e-mails, a recipient told of several matches getting one digest)."""
    matches = list(
        Match.objects.filter(Q(*[Q(sell_lead_id=s, buy_lead_id=b) for s, b in pairs], _connector=Q.OR))
        .select_related("sell_lead__organization__country", "buy_lead__organization__country")
        .order_by("pk")
    )
    dismissed = set(
        MatchDecision.objects.filter(
            action=MatchAction.DISMISSED,
            sell_lead_id__in=[s for s, _b in pairs],
            buy_lead_id__in=[b for _s, b in pairs],
        ).values_list("organization_id", "sell_lead_id", "buy_lead_id")
    )
    now = timezone.now()
    announcements = []
    for match in matches:
        notices = tuple(
            _notice(match, own, other)
            for own, other in ((match.sell_lead, match.buy_lead), (match.buy_lead, match.sell_lead))
            if (own.organization_id, match.sell_lead_id, match.buy_lead_id) not in dismissed
        )
        announcements.append(
            Announcement(
                "match.found",
                key=f"match:{match.sell_lead_id}:{match.buy_lead_id}",
                subject=match,
                data={
                    "sell_lead": match.sell_lead_id,
                    "buy_lead": match.buy_lead_id,
                    "score": round(match.score, 2),
                },
                notices=notices,
            )
        )
        match.notified_at = now
    announce_many(announcements, at=now, once_per_subject=True)
    Match.objects.filter(pk__in=[m.pk for m in matches]).update(notified_at=now)


def _chapter_pairs(sells, buys, today, verified: set, top: int):
    """The union of every lead's top ``top`` in one chapter, as sorted unique int64 keys
    ``sell row * len(buys) + buy row`` (compact: a few bytes per pair)."""
    keys = []
    for own, other in ((sells, buys), (buys, sells)):
        if not len(own) or not len(other):
            continue
        for i in range(len(own)):
            q = own.record(i)
            if not scoring.is_open(q, today):
                continue
            totals = index.score_many(q, other, today=today, q_verified=q.org_id in verified)
            rows = index.top_rows(totals, other.ids, top).astype(np.int64)
            keys.append(i * len(buys) + rows if q.kind == "sell" else rows * len(buys) + i)
    return np.unique(np.concatenate(keys)) if keys else np.zeros(0, dtype=np.int64)


def rematch_all(*, notify: bool = False, batch: int = 2000, progress=None, today=None) -> dict:
    """Recompute the matches of every open lead, one HS chapter at a time (one transaction each),
    with the same guarantees as :func:`recompute_matches` for every lead: each open lead's top
    ``TOP`` are Match rows with fresh scores and parts, rows of pairs still matching keep a fresh
    score, rows of pairs no longer matching (or of leads no longer open) are deleted, decisions are
    untouched. ``progress(done, total)`` is called after each chapter (leads done so far).

    Each chapter's sell offers and buy requests are read once (``index.load_group``) and every
    lead is scored against the other side with ``score_many``; Match rows are written in batches of
    ``batch``. Notifications are off by default: a full recomputation (after a change of the
    scoring, or the demo seed) should not announce old pairs; matches of newly published leads are
    announced by their own task."""
    today = today or timezone.localdate()
    started = time.monotonic()
    closed = Lead.objects.exclude(pk__in=Lead.objects.open(today).values("pk")).values("pk")
    removed = Match.objects.filter(Q(sell_lead__in=closed) | Q(buy_lead__in=closed)).delete()[0]
    chapters = list(
        Lead.objects.open(today).values_list("hs_chapter", flat=True).distinct().order_by("hs_chapter")
    )
    total_leads = Lead.objects.open(today).count()
    totals = {"leads": total_leads, "created": 0, "updated": 0, "deleted": removed}
    verified = verified_all()
    done = 0
    for chapter in chapters:
        with transaction.atomic():
            sells = index.load_group("sell", chapter, token=(), verified=verified)
            buys = index.load_group("buy", chapter, token=(), verified=verified)
            wanted = _chapter_pairs(sells, buys, today, verified, TOP)
            counts = _store_chapter(chapter, sells, buys, wanted, today, verified, notify, batch)
            for key, value in counts.items():
                totals[key] += value
        day = today.toordinal()
        done += int((sells.valid_until >= day).sum() + (buys.valid_until >= day).sum())
        if progress:
            progress(done, total_leads)
    totals["seconds"] = round(time.monotonic() - started, 1)
    log.info("rematch_all: %s", totals)
    return totals


def _store_chapter(chapter, sells, buys, wanted, today, verified, notify, batch) -> dict:
    """Write one chapter's Match rows (see ``rematch_all``) in batches; returns counts."""
    sell_row = {int(v): i for i, v in enumerate(sells.ids)}
    buy_row = {int(v): i for i, v in enumerate(buys.ids)}
    records: dict = {}

    def record(g, i):
        key = (g.kind, i)
        if key not in records:
            records[key] = g.record(i)
        return records[key]

    def scored(s, b):
        return scoring.score(record(sells, s), record(buys, b), today=today, verified_org_ids=verified)

    existing = Match.objects.filter(sell_lead__hs_chapter=chapter).values_list(
        "pk", "sell_lead_id", "buy_lead_id", "score", "parts"
    )
    deleted, updated, seen, n_updated = [], [], [], 0
    now = timezone.now()
    for pk, sell_id, buy_id, old_score, old_parts in existing.iterator(chunk_size=batch):
        s, b = sell_row.get(sell_id), buy_row.get(buy_id)
        result = scored(s, b) if s is not None and b is not None else None
        if result is None:
            deleted.append(pk)
            continue
        seen.append(s * len(buys) + b)
        if result[0] != old_score or result[1] != old_parts:
            updated.append(Match(pk=pk, score=result[0], parts=result[1], updated_at=now))
        if len(updated) >= batch:
            Match.objects.bulk_update(updated, ["score", "parts", "updated_at"])
            n_updated += len(updated)
            updated.clear()
    if updated:
        Match.objects.bulk_update(updated, ["score", "parts", "updated_at"])
    n_updated += len(updated)
    for start in range(0, len(deleted), batch):
        Match.objects.filter(pk__in=deleted[start : start + batch]).delete()
    new_keys = np.setdiff1d(wanted, np.array(seen, dtype=np.int64), assume_unique=True) if seen else wanted
    for start in range(0, len(new_keys), batch):
        chunk = []
        for key in new_keys[start : start + batch]:
            s, b = divmod(int(key), len(buys))
            total, parts = scored(s, b)
            sell_org, buy_org = int(sells.org[s]), int(buys.org[b])
            chunk.append((int(sells.ids[s]), int(buys.ids[b]), total, parts, sell_org, buy_org))
        _insert_matches(chunk)
        for at in range(0, len(chunk) if notify else 0, 200):
            _announce_new([(row[0], row[1]) for row in chunk[at : at + 200]])
    return {"created": len(new_keys), "updated": n_updated, "deleted": len(deleted)}


def _insert_matches(rows) -> None:
    """Insert ``(sell id, buy id, score, parts, sell organization id, buy organization id)`` Match
    rows, skipping pairs that exist (a per-lead task may have written one meanwhile). PostgreSQL:
    COPY into a temporary table, then one INSERT … ON CONFLICT DO NOTHING (``bulk_create`` spent
    most of its time escaping the JSON for its UNNEST arrays); SQLite: one executemany."""
    if not rows:
        return
    now = timezone.now()
    columns = (
        "created_at, updated_at, sell_lead_id, buy_lead_id, score, parts, "
        "sell_organization_id, buy_organization_id"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TEMPORARY TABLE IF NOT EXISTS trade_match_load (created_at timestamptz, "
                "updated_at timestamptz, sell_lead_id bigint, buy_lead_id bigint, score double precision, "
                "parts jsonb, sell_organization_id bigint, buy_organization_id bigint) ON COMMIT DELETE ROWS"
            )
            with cursor.cursor.copy(f"COPY trade_match_load ({columns}) FROM STDIN") as copy:
                for sell, buy, total, parts, sell_org, buy_org in rows:
                    copy.write_row((now, now, sell, buy, total, json.dumps(parts), sell_org, buy_org))
            cursor.execute(
                f"INSERT INTO trade_match ({columns}) SELECT {columns} FROM trade_match_load "
                "ON CONFLICT (sell_lead_id, buy_lead_id) DO NOTHING"
            )
            cursor.execute("TRUNCATE trade_match_load")
        else:
            stamp = connection.ops.adapt_datetimefield_value(now)
            cursor.executemany(
                f"INSERT INTO trade_match ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (sell_lead_id, buy_lead_id) DO NOTHING",
                [
                    (stamp, stamp, sell, buy, total, json.dumps(parts), sell_org, buy_org)
                    for sell, buy, total, parts, sell_org, buy_org in rows
                ],
            )
