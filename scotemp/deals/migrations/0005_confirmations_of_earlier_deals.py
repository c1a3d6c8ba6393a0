"""Deals that reached "agreed" or "contract signed" when one side alone could take the step keep their
state. The side that took it is recorded as having confirmed it (from the audit log: who, for which
organization, when), so the confirmations table tells the same history as the timeline; nothing is
invented for the other side, and no deal moves."""

import uuid

from django.db import migrations

STEPS = {"agree", "sign"}


def record_confirmations(apps, schema_editor):
    Deal = apps.get_model("deals", "Deal")
    DealConfirmation = apps.get_model("deals", "DealConfirmation")
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    deal_type = ContentType.objects.filter(app_label="deals", model="deal").first()
    if deal_type is None:
        return
    deals = {d.pk: d for d in Deal.objects.filter(agreed_terms_id__isnull=False)}
    if not deals:
        return
    entries = AuditEntry.objects.filter(
        subject_type=deal_type, subject_id__in=list(deals), verb="deal.status_changed"
    ).order_by("at", "id")
    made = set()
    for entry in entries.iterator():
        step = (entry.data or {}).get("action")
        deal = deals.get(entry.subject_id)
        if step not in STEPS or deal is None:
            continue
        side = "buyer" if entry.organization_id == deal.buyer_id else "seller"
        if (deal.pk, step, side) in made:
            continue
        made.add((deal.pk, step, side))
        confirmation = DealConfirmation.objects.create(
            public_id=uuid.uuid4(),
            deal_id=deal.pk,
            step=step,
            side=side,
            organization_id=deal.buyer_id if side == "buyer" else deal.seller_id,
            terms_id=deal.agreed_terms_id,
            confirmed_by_id=entry.actor_id,
        )
        DealConfirmation.objects.filter(pk=confirmation.pk).update(created_at=entry.at, updated_at=entry.at)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("deals", "0004_offers_and_confirmations"),
    ]

    operations = [migrations.RunPython(record_confirmations, migrations.RunPython.noop)]
