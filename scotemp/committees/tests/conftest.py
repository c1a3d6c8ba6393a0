"""The committee's people: its secretary (Zhang Min), a secretary of another committee, members."""

import pytest

from scotemp.committees.models import Committee, CommitteeMembership
from tests.factories import UserFactory

SLUG = "agri-supply-chain"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def committee(db):
    return Committee.objects.get(slug=SLUG)


@pytest.fixture
def secretary(committee):
    user = UserFactory(email="zhangmin@scotemp.org", full_name="张敏", language="zh-hans")
    committee.secretary = user
    committee.save()
    return user


@pytest.fixture
def other_secretary(db):
    user = UserFactory(email="s.kuznetsov@scotemp.org", full_name="Сергей Кузнецов", language="ru")
    Committee.objects.filter(slug="mining").update(secretary=user)
    return user


@pytest.fixture
def member_org(committee, kz_org, aigerim):
    """kz_org (Aigerim's) is an approved member of the committee."""
    CommitteeMembership.objects.create(committee=committee, organization=kz_org, status="approved")
    return kz_org
