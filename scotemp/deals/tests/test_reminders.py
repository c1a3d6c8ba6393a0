"""Deadline reminders: the seller the day before the buyer's answer date, the buyer two days before a
quotation expires; each once, however often the daily job runs."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from scotemp.deals import actions
from scotemp.notifications.models import Notification
from tests.factories import OrganizationFactory

from .helpers import quotation_values, send_rfq

pytestmark = pytest.mark.django_db


def run(day: datetime.date) -> str:
    out = StringIO()
    call_command("deal_reminders", today=day.isoformat(), stdout=out)
    return out.getvalue()


def test_answer_due_and_expiring_quotation_are_reminded_once(li_wei, cn_org, aigerim, kz_org):
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    waiting = send_rfq(li_wei, cn_org, kz_org, respond_by=tomorrow).inquiries.get()
    send_rfq(li_wei, cn_org, OrganizationFactory(), respond_by=today + datetime.timedelta(days=5))  # not yet
    # Same answer date, but already quoted: no reminder to answer, one to the buyer before expiry.
    quoted = send_rfq(li_wei, cn_org, kz_org, respond_by=tomorrow, goods="Barley").inquiries.get()
    quotation = actions.send_quotation(
        aigerim, quoted, quotation_values(valid_until=today + datetime.timedelta(days=2))
    )

    assert "answers due 1, quotations expiring 1" in run(today)
    assert "answers due 1, quotations expiring 1" in run(today)  # counted again, sent once
    due = Notification.objects.filter(user=aigerim, kind="deals.answer_due")
    assert due.count() == 1 and due.get().params["respond_by"] == tomorrow.isoformat()
    assert waiting.public_id.hex in due.get().url.replace("-", "")
    expiring = Notification.objects.filter(user=li_wei, kind="deals.quotation_expiring")
    assert expiring.count() == 1 and expiring.get().params["version"] == quotation.version

    # Past the answer date and the validity, nothing is due any more.
    assert "answers due 0, quotations expiring 0" in run(today + datetime.timedelta(days=3))


def test_the_job_is_declared_and_each_reminder_is_one_audit_row(li_wei, cn_org, kz_org):
    from scotemp.core.effects import history
    from scotemp.core.registry import JOBS, autodiscover

    autodiscover()
    assert JOBS["deal_reminders"].schedule == "0 8 * * *"
    today = timezone.localdate()
    waiting = send_rfq(li_wei, cn_org, kz_org, respond_by=today + datetime.timedelta(days=1)).inquiries.get()
    run(today)
    run(today + datetime.timedelta(days=1))
    assert history(waiting).filter(verb="inquiry.answer_due").count() == 1
