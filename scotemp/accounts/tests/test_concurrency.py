"""The last-owner rule holds under concurrency: two owners demoting each other at the same moment."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.http import Http404

from scotemp.accounts import actions
from scotemp.accounts.choices import Role
from scotemp.accounts.models import Membership
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real row locks and concurrent connections (PostgreSQL)"
)


def _demote(barrier, outcomes, actor, org, target):
    try:
        barrier.wait()
        actions.change_role(actor.user, org.public_id, target.pk, Role.MEMBER)
        outcomes.append("ok")
    except (ValidationError, PermissionDenied, Http404):
        # Refused by the lock (last owner), or the other side committed first and this actor is no
        # longer an owner, so the organization is not theirs to edit any more (404).
        outcomes.append("refused")
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_two_owners_demoting_each_other_leave_one_owner():
    for _attempt in range(5):
        org = OrganizationFactory()
        a = MembershipFactory(organization=org, role=Role.OWNER)
        b = MembershipFactory(organization=org, role=Role.OWNER)
        barrier = threading.Barrier(2)
        outcomes = []
        threads = [
            threading.Thread(target=_demote, args=(barrier, outcomes, a, org, b)),
            threading.Thread(target=_demote, args=(barrier, outcomes, b, org, a)),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["ok", "refused"]
        assert Membership.objects.filter(organization=org, role=Role.OWNER).count() == 1
