import pytest

from tests.factories import UserFactory


@pytest.fixture
def committee(db):
    from scotemp.committees.models import Committee

    committee = Committee.objects.order_by("position").first()
    committee.secretary = UserFactory(email="secretary@example.test", full_name="Secretary", language="ru")
    committee.save()
    return committee


@pytest.fixture
def secretary(committee):
    return committee.secretary
