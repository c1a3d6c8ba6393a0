"""Loads the 12 working committees from ``data/committees.json``. Re-runnable: rows are matched by
slug, only differences are written, and the report says what was added or changed."""

import json
from pathlib import Path

from django.db import transaction

from .models import Committee

DATA_FILE = Path(__file__).resolve().parent / "data" / "committees.json"
LANGUAGE_FIELDS = {"en": "en", "zh-hans": "zh_hans", "ru": "ru"}


def _wanted_fields(entry: dict, position: int) -> dict:
    fields = {"position": position}
    for lang, suffix in LANGUAGE_FIELDS.items():
        fields[f"name_{suffix}"] = entry["name"][lang]
        fields[f"description_{suffix}"] = entry["description"][lang]
    return fields


@transaction.atomic
def load_committees(stdout=None, verbosity: int = 1, path: Path = DATA_FILE) -> dict:
    """Create or update the committees and their HS scope (chapters and headings).

    Returns the counts ``added``, ``changed`` and ``unchanged``; secretaries are left alone."""
    from scotemp.reference.models import HSCode

    data = json.loads(path.read_text(encoding="utf-8"))
    chapters = {c.code: c for c in HSCode.objects.filter(level__in=(2, 4))}
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    missing: set[str] = set()
    for position, entry in enumerate(data["committees"], start=1):
        wanted = _wanted_fields(entry, position)
        committee = Committee.objects.filter(slug=entry["slug"]).first()
        status = "unchanged"
        if committee is None:
            committee = Committee.objects.create(slug=entry["slug"], **wanted)
            status = "added"
        else:
            diff = {k: v for k, v in wanted.items() if getattr(committee, k) != v}
            if diff:
                for key, value in diff.items():
                    setattr(committee, key, value)
                committee.save(update_fields=[*diff, "updated_at"])
                status = "changed"
        for field in ("hs_chapters", "hs_headings"):
            codes = [c for c in entry.get(field, []) if c in chapters]
            missing.update(c for c in entry.get(field, []) if c not in chapters)
            relation = getattr(committee, field)
            if set(relation.values_list("code", flat=True)) != set(codes):
                relation.set([chapters[c] for c in codes])
                status = "changed" if status == "unchanged" else status
        counts[status] += 1
    if stdout is not None and verbosity >= 1:
        stdout.write("Committees: {added} added, {changed} changed, {unchanged} unchanged.".format(**counts))
        if missing:
            stdout.write(f"  HS codes not in the reference data (skipped): {', '.join(sorted(missing))}")
    return counts
