"""Who a notice reaches: its one user or the active members of its organization, less the one it
excludes (read by a prepared query per form of notice; the ORM's answer is the reference)."""

import pytest

from scotemp.core.effects import Notice
from scotemp.notifications.sink import recipients
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_form_of_notice_reaches_its_people(kz_org, aigerim):
    colleague = MembershipFactory(organization=kz_org).user
    retired = MembershipFactory(organization=kz_org, user=UserFactory(is_active=False)).user
    elsewhere = MembershipFactory().user
    cases = [
        (Notice("k", {}, user_id=elsewhere.pk), [elsewhere]),
        (Notice("k", {}, user_id=retired.pk), []),
        (Notice("k", {}, user_id=aigerim.pk, exclude_user_id=aigerim.pk), []),
        (Notice("k", {}, user_id=aigerim.pk, exclude_user_id=colleague.pk), [aigerim]),
        (Notice("k", {}, organization_id=kz_org.pk), sorted([aigerim, colleague], key=lambda u: u.pk)),
        (Notice("k", {}, organization_id=kz_org.pk, exclude_user_id=aigerim.pk), [colleague]),
    ]
    for _round in range(2):  # compiled, then reused
        for notice, expected in cases:
            assert recipients(notice) == expected, notice
