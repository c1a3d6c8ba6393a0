"""Test personas shared by every app's tests (see ARCHITECTURE.md, "Test personas").

- ``aigerim``: export manager of a grain trader in Almaty, works in Russian, owner of ``kz_org``;
- ``li_wei``: purchasing lead of a food processor in Chongqing, works in Chinese, owner of ``cn_org``;
- ``operator``: platform operator staff;
- ``outsider``: signed up, belongs to no organization.

The reference data is loaded once per test database by ``load_reference``, with the curated places
only; tests that need the whole UN/LOCODE list ask for ``unlocode_places``.
"""

import pytest
from django.core.management import call_command

from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0, curated_places_only=True)


@pytest.fixture(scope="session")
def unlocode_places(django_db_setup, django_db_blocker):
    """The whole UN/LOCODE list (51,000 places beside the curated ones), for the tests that search
    or count it: loaded on first use, once per session (about two seconds)."""
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Transactional tests end by emptying every table, reference data included: reload it for the
    next one (the other tests roll back and keep the copy loaded at session start). pytest-django
    runs the transactional tests after the others, so only they see this copy: the curated places
    without the 51,000 of the UN/LOCODE list, which would cost about two seconds per test."""
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        from scotemp.reference.models import Country

        if not Country.objects.exists():
            call_command("load_reference", verbosity=0, curated_places_only=True)
    yield


@pytest.fixture
def kz_org(db):
    from scotemp.reference.models import Country

    return OrganizationFactory(
        name="ТОО «Астык Экспорт»", name_latin="Astyk Export LLP", country=Country.objects.get(iso2="KZ")
    )


@pytest.fixture
def cn_org(db):
    from scotemp.reference.models import Country

    return OrganizationFactory(
        name="重庆粮油食品有限公司",
        name_latin="Chongqing Grain & Oil Foods Co.",
        country=Country.objects.get(iso2="CN"),
    )


@pytest.fixture
def aigerim(kz_org):
    user = UserFactory(email="aigerim@astyk.kz", full_name="Айгерим Сейткали", language="ru")
    MembershipFactory(user=user, organization=kz_org, role="owner")
    return user


@pytest.fixture
def li_wei(cn_org):
    user = UserFactory(email="liwei@cqgrain.cn", full_name="李伟", language="zh-hans")
    MembershipFactory(user=user, organization=cn_org, role="owner")
    return user


@pytest.fixture
def operator(db):
    return UserFactory(email="operator@scotemp.org", full_name="Operator", is_operator=True, is_staff=True)


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.test", full_name="Outsider")


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English: an activated language must not leak from one test to the next."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached pages must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
