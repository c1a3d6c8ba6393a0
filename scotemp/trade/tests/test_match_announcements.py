"""New matches are announced in one batch per job: each side told once per match in its language,
dismissed pairs not at all, a recipient told of several matches gets one e-mail listing them, and a
job run again (or the other lead's job) announces nothing twice."""

import pytest
from django.db import transaction
from django.test import override_settings

from scotemp.core.models import AuditEntry
from scotemp.notifications.models import Notification, OutboxEmail
from scotemp.trade.matching import store
from scotemp.trade.matching.store import recompute_matches
from scotemp.trade.models import Match, MatchDecision
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .test_matching import lead

pytestmark = pytest.mark.django_db


def member(org, email, language):
    user = UserFactory(email=email, language=language)
    MembershipFactory(user=user, organization=org, role="owner")
    return user


def counts():
    return (
        Notification.objects.count(),
        OutboxEmail.objects.count(),
        AuditEntry.objects.filter(verb="match.found").count(),
    )


@pytest.fixture
def market(aigerim, kz_org, li_wei, cn_org):
    """An offer of kz_org (aigerim, Russian) and four requests: two of cn_org (li_wei, Chinese), one
    of an English-speaking organization, one of an organization that dismissed the pair before."""
    offer = lead(kz_org, "sell", author=aigerim)
    r1 = lead(cn_org, "buy", author=li_wei)
    r2 = lead(cn_org, "buy", author=li_wei, hs_code_id="1001")
    org_en, org_dismissing = OrganizationFactory(), OrganizationFactory()
    bob = member(org_en, "bob@example.org", "en")
    carol = member(org_dismissing, "carol@example.org", "en")
    r3 = lead(org_en, "buy", author=bob)
    r4 = lead(org_dismissing, "buy", author=carol)
    MatchDecision.objects.create(
        organization=org_dismissing, sell_lead=offer, buy_lead=r4, action="dismissed"
    )
    return {"offer": offer, "requests": [r1, r2, r3, r4], "bob": bob, "carol": carol}


def test_each_side_is_told_once_per_new_match_in_its_language(market, aigerim, li_wei):
    offer, requests, bob, carol = market["offer"], market["requests"], market["bob"], market["carol"]
    assert recompute_matches(offer.id)["created"] == 4
    pairs = {(offer.id, r.id) for r in requests}
    assert set(Match.objects.values_list("sell_lead_id", "buy_lead_id")) == pairs
    assert not Match.objects.filter(notified_at__isnull=True).exists()
    assert AuditEntry.objects.filter(verb="match.found").count() == 4

    told = sorted(Notification.objects.filter(kind="match.new").values_list("user_id", "dedupe_key"))
    expected = sorted(
        [(aigerim.pk, f"match:{offer.id}:{r.id}:match.new:{aigerim.pk}") for r in requests]
        + [(li_wei.pk, f"match:{offer.id}:{r.id}:match.new:{li_wei.pk}") for r in requests[:2]]
        + [(bob.pk, f"match:{offer.id}:{requests[2].id}:match.new:{bob.pk}")]
    )
    assert told == expected  # carol's organization dismissed the pair: not told
    assert not Notification.objects.filter(user=carol).exists()

    # E-mails: one per recipient, in the recipient's language; several matches make one digest.
    mails = {m.user_id: m for m in OutboxEmail.objects.all()}
    assert set(mails) == {aigerim.pk, li_wei.pk, bob.pk}
    assert mails[aigerim.pk].language == "ru" and "и ещё 3" in mails[aigerim.pk].subject
    assert mails[aigerim.pk].body.count(f"/leads/{offer.public_id}/#matches") == 4
    assert "У вас 4 новых уведомления" in mails[aigerim.pk].body
    assert mails[li_wei.pk].language == "zh-hans" and "另有 1 条" in mails[li_wei.pk].subject
    # Told once: exactly the e-mail a single notification writes, keyed like it.
    single = mails[bob.pk]
    assert single.language == "en" and single.template_prefix == "notifications/email/notification"
    assert single.dedupe_key == f"match:{offer.id}:{requests[2].id}:match.new:{bob.pk}"
    assert single.subject.startswith("New match for")


def test_a_job_run_again_announces_nothing_twice(market):
    offer, requests = market["offer"], market["requests"]
    recompute_matches(offer.id)
    before = counts()
    assert recompute_matches(offer.id)["created"] == 0
    for r in requests:  # the other side's jobs find the same pairs
        recompute_matches(r.id)
    # A retried job whose Match rows exist already (e.g. the worker died after the commit).
    with transaction.atomic():
        store._announce_new([(offer.id, r.id) for r in requests])
    assert counts() == before


def test_a_pair_announced_one_by_one_before_is_not_announced_again(market, aigerim):
    """Notifications written by ``announce`` (one event at a time) and by the batch share keys."""
    from scotemp.core.effects import announce

    offer, r1 = market["offer"], market["requests"][0]
    with transaction.atomic():
        announce(
            "match.found",
            notices=[store.Notice("match.new", {}, "/x", organization_id=offer.organization_id)],
            key=f"match:{offer.id}:{r1.id}",
        )
    assert Notification.objects.filter(user=aigerim).count() == 1
    recompute_matches(offer.id)
    assert Notification.objects.filter(user=aigerim).count() == 4


def test_delivery_goes_to_the_mail_queue(market, django_capture_on_commit_callbacks):
    from django_tasks import default_task_backend

    tasks = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "mail"]}
    }
    with override_settings(TASKS=tasks):
        with django_capture_on_commit_callbacks(execute=True):
            recompute_matches(market["offer"].id)
        queued = [(r.task.name, r.task.queue_name) for r in default_task_backend.results]
        default_task_backend.clear()
    assert queued == [("deliver_outbox_task", "mail")]  # once per transaction, not per e-mail
