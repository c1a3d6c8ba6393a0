"""Every status change of a lead is one audit row (announce, with the status before and after), in
the action's transaction; an expired lead's organization is told once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from scotemp.core.effects import history
from scotemp.core.models import AuditEntry
from scotemp.notifications.models import Notification
from scotemp.trade import actions
from scotemp.trade.models import Lead
from tests.factories import MembershipFactory

from .lead_data import make_lead

pytestmark = pytest.mark.django_db


def steps(lead):
    return [(e.verb, e.from_status, e.to_status) for e in history(lead)]


def test_lifecycle_writes_one_row_per_change(aigerim, kz_org):
    lead = make_lead(aigerim, kz_org, publish=False)
    actions.publish_lead(aigerim, lead)
    actions.pause_lead(aigerim, lead)
    actions.publish_lead(aigerim, lead)
    actions.renew_lead(aigerim, lead, timezone.localdate() + datetime.timedelta(days=60))
    actions.close_lead(aigerim, lead)
    assert steps(lead) == [
        ("lead.created", "", "draft"),
        ("lead.published", "draft", "published"),
        ("lead.paused", "published", "paused"),
        ("lead.published", "paused", "published"),
        ("lead.renewed", "published", "published"),
        ("lead.closed", "published", "closed"),
    ]
    entries = list(history(lead))
    assert {e.actor_id for e in entries} == {aigerim.pk}
    assert {e.organization_id for e in entries} == {kz_org.pk}
    assert (
        entries[4].data["valid_until"][1] == (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    )
    # Refused transitions write nothing.
    with pytest.raises(ValidationError):
        actions.pause_lead(aigerim, lead)
    assert len(steps(lead)) == 6


def test_created_published_and_duplicated(aigerim, kz_org):
    lead = make_lead(aigerim, kz_org, publish=True)
    assert steps(lead) == [("lead.created", "", "published")]
    copy = actions.duplicate_lead(aigerim, lead)
    assert steps(copy) == [("lead.created", "", "draft")]
    assert history(copy).get().data == {"copy_of": str(lead.public_id)}


def test_expiry_is_audited_and_told_once(aigerim, kz_org, django_capture_on_commit_callbacks):
    colleague = MembershipFactory(organization=kz_org, role="member").user
    lead = make_lead(aigerim, kz_org, publish=True)
    Lead.objects.filter(pk=lead.pk).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.expire_leads() == [lead.pk]
        assert actions.expire_leads() == []
    assert steps(lead)[-1] == ("lead.expired", "published", "expired")
    entry = history(lead).last()
    assert entry.actor_id is None and entry.organization_id == kz_org.pk
    told = Notification.objects.filter(kind="lead.expired")
    assert sorted(told.values_list("user_id", flat=True)) == sorted([aigerim.pk, colleague.pk])
    # Renewed, expired again later: a new expiry, a new notice.
    actions.renew_lead(aigerim, Lead.objects.get(pk=lead.pk))
    assert steps(lead)[-1] == ("lead.renewed", "expired", "published")
    Lead.objects.filter(pk=lead.pk).update(valid_until=timezone.localdate() - datetime.timedelta(days=2))
    actions.expire_leads()
    assert Notification.objects.filter(kind="lead.expired").count() == 4


def test_a_failed_action_leaves_no_audit_row(aigerim, kz_org):
    lead = make_lead(aigerim, kz_org, publish=False)
    Lead.objects.filter(pk=lead.pk).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        actions.publish_lead(aigerim, Lead.objects.get(pk=lead.pk))
    assert AuditEntry.objects.count() == before
