"""Batched announcements (scotemp.notifications.bulk) against what announce() and the sink give."""

from unittest import mock

import pytest
from django.db import transaction

from scotemp.core.effects import Notice, announce
from scotemp.notifications import bulk
from scotemp.notifications.models import Notification, OutboxEmail
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_members():
    org = OrganizationFactory()
    users = [UserFactory(email=f"m{i}@example.org", language=lang) for i, lang in enumerate(("ru", "en"))]
    for user in users:
        MembershipFactory(user=user, organization=org, role="member")
    inactive = UserFactory(email="gone@example.org", is_active=False)
    MembershipFactory(user=inactive, organization=org, role="member")
    return org, users


def notice(org, title):
    return Notice("message", {"title": title, "body": "b"}, "/n", organization_id=org.pk)


def test_the_batch_writes_what_announce_writes(org_members):
    org, users = org_members
    with transaction.atomic():
        announce("thing.done", notices=[notice(org, "one")], key="k:1")
        bulk.announce_many([bulk.Announcement("thing.done", key="k:2", notices=(notice(org, "two"),))])
    one_by_one = Notification.objects.filter(dedupe_key__startswith="k:1:")
    batched = Notification.objects.filter(dedupe_key__startswith="k:2:")
    assert (
        sorted(n.user_id for n in one_by_one) == sorted(n.user_id for n in batched) == [u.pk for u in users]
    )
    for user in users:  # the same e-mail, but for the title
        a = OutboxEmail.objects.get(dedupe_key=f"k:1:message:{user.pk}")
        b = OutboxEmail.objects.get(dedupe_key=f"k:2:message:{user.pk}")
        assert (a.language, a.template_prefix, a.to) == (b.language, b.template_prefix, b.to)
        assert a.body.replace("one", "two") == b.body and a.subject.replace("one", "two") == b.subject


def test_keys_written_meanwhile_by_another_transaction_are_skipped(org_members):
    org, users = org_members
    with transaction.atomic():
        announce("thing.done", notices=[notice(org, "one")], key="k:1")
    # The batch does not see them when it looks (a concurrent commit): the unique key decides.
    with mock.patch.object(bulk, "_existing", return_value=set()), transaction.atomic():
        created = bulk.announce_many(
            [
                bulk.Announcement("thing.done", key="k:1", notices=(notice(org, "one"),)),
                bulk.Announcement("thing.done", key="k:3", notices=(notice(org, "three"),)),
            ]
        )
    assert sorted(n.dedupe_key for n in created) == sorted(f"k:3:message:{u.pk}" for u in users)
    assert Notification.objects.count() == 4 and OutboxEmail.objects.count() == 4


def test_several_notices_to_one_user_make_one_digest_in_their_language(org_members):
    org, users = org_members
    with transaction.atomic():
        bulk.announce_many(
            [bulk.Announcement("x", key=f"d:{i}", notices=(notice(org, f"t{i}"),)) for i in range(3)]
        )
    assert Notification.objects.count() == 6
    ru = OutboxEmail.objects.get(user=users[0])
    assert ru.template_prefix == bulk.DIGEST_TEMPLATE_PREFIX and "и ещё 2" in ru.subject
    assert all(f"t{i}" in ru.body for i in range(3))
    en = OutboxEmail.objects.get(user=users[1])
    assert en.subject == "t0 and 2 more" and "You have 3 new notifications:" in en.body
