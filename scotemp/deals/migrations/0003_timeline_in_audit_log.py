"""The deal timeline moves to the audit log: every DealEvent row becomes a core.AuditEntry (a status
change or the opening on the deal, a term sheet step on that term sheet), then DealEvent goes."""

from django.db import migrations

# DealEvent.kind -> (audit verb, term sheet status before, after)
KINDS = {
    "opened": ("deal.opened", None, None),
    "transition": ("deal.status_changed", None, None),
    "terms_proposed": ("terms.proposed", "", "proposed"),
    "terms_accepted": ("terms.accepted", "proposed", "accepted"),
    "terms_rejected": ("terms.rejected", "proposed", "rejected"),
}
VERB_KINDS = {verb: kind for kind, (verb, _before, _after) in KINDS.items()}
BATCH = 500


def _types(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    deal_type, _created = ContentType.objects.get_or_create(app_label="deals", model="deal")
    terms_type, _created = ContentType.objects.get_or_create(app_label="deals", model="termsheet")
    return deal_type, terms_type


def events_to_audit(apps, schema_editor):
    DealEvent = apps.get_model("deals", "DealEvent")
    TermSheet = apps.get_model("deals", "TermSheet")
    AuditEntry = apps.get_model("core", "AuditEntry")
    if not DealEvent.objects.exists():
        return
    deal_type, terms_type = _types(apps)
    terms = {(deal_id, version): pk for pk, deal_id, version in TermSheet.objects.values_list("pk", "deal_id", "version")}
    entries = []
    for event in DealEvent.objects.select_related("deal__inquiry__rfq").order_by("at", "id").iterator():
        verb, before, after = KINDS[event.kind]
        data = {"terms_version": event.terms_version}
        if event.action:
            data["action"] = event.action
        terms_pk = terms.get((event.deal_id, event.terms_version))
        if before is not None and terms_pk is not None:
            subject = {
                "subject_type": terms_type,
                "subject_id": terms_pk,
                "subject_repr": f"{event.deal_id} v{event.terms_version}",
                "from_status": before,
                "to_status": after,
            }
        else:
            subject = {
                "subject_type": deal_type,
                "subject_id": event.deal_id,
                "subject_repr": event.deal.inquiry.rfq.goods[:200],
                "from_status": event.from_status,
                "to_status": event.to_status,
            }
        entries.append(
            AuditEntry(
                at=event.at,
                verb=verb,
                actor_id=event.actor_id,
                organization_id=event.actor_org_id,
                reason=event.reason,
                data=data,
                **subject,
            )
        )
        if len(entries) >= BATCH:
            AuditEntry.objects.bulk_create(entries)
            entries = []
    AuditEntry.objects.bulk_create(entries)


def audit_to_events(apps, schema_editor):
    DealEvent = apps.get_model("deals", "DealEvent")
    TermSheet = apps.get_model("deals", "TermSheet")
    AuditEntry = apps.get_model("core", "AuditEntry")
    deal_type, terms_type = _types(apps)
    deal_of_terms = dict(TermSheet.objects.values_list("pk", "deal_id"))
    entries = AuditEntry.objects.filter(
        subject_type__in=[deal_type, terms_type], verb__in=list(VERB_KINDS)
    ).order_by("at", "id")
    events = []
    for entry in entries.iterator():
        on_deal = entry.subject_type_id == deal_type.pk
        deal_id = entry.subject_id if on_deal else deal_of_terms.get(entry.subject_id)
        if deal_id is None:
            continue
        events.append(
            DealEvent(
                deal_id=deal_id,
                kind=VERB_KINDS[entry.verb],
                at=entry.at,
                actor_id=entry.actor_id,
                actor_org_id=entry.organization_id,
                action=entry.data.get("action", ""),
                from_status=entry.from_status if on_deal else "",
                to_status=entry.to_status if on_deal else "",
                reason=entry.reason,
                terms_version=entry.data.get("terms_version"),
            )
        )
    DealEvent.objects.bulk_create(events, batch_size=BATCH)
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("deals", "0002_rfq_submission_key"),
    ]

    operations = [
        migrations.RunPython(events_to_audit, audit_to_events, elidable=False),
        migrations.DeleteModel(name="DealEvent"),
    ]
