"""The committee page's shared part (``views.detail_page``, kept in the shared cache): the same page
with and without it, for every kind of reader; every write to what it shows is on the next page at
once; and a page from the cache reads a fixed, small number of queries."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scotemp.accounts.actions.profile import update_profile
from scotemp.committees import actions
from scotemp.events.models import Event
from scotemp.reference.models import HSCode
from scotemp.trade.models import Lead
from scotemp.trade.tests.lead_data import make_lead, wheat_request

from .conftest import SLUG

URL = reverse("committees:detail", args=[SLUG])
TODAY = timezone.localdate()


@pytest.fixture
def shared(settings):
    """Shared fragments (and the visitors' page cache) on, as in production."""
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value="X"', body)
    return re.sub(r'"X-CSRFToken": "[^"]+"', '"X-CSRFToken": "X"', body)


@pytest.fixture
def furnished(committee, secretary, member_org, aigerim):
    """A plan item, an officer, a heading and an upcoming event: every part of the page shows something."""
    actions.save_plan_item(secretary, SLUG, {"title": "Зерновой форум", "due_date": TODAY})
    actions.add_officer(secretary, SLUG, aigerim.email, "deputy", "Astyk Export")
    committee.hs_headings.add(HSCode.objects.filter(level=4).order_by("code").first())
    starts = timezone.now() + datetime.timedelta(days=3)
    Event.objects.create(
        kind="forum",
        status="published",
        title="Форум зерна",
        committee=committee,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
    )


@pytest.mark.parametrize("who", ["secretary", "aigerim", "li_wei", "anonymous"])
@pytest.mark.parametrize("language", ["zh-hans", "ru"])
def test_the_same_page_with_the_shared_part(request, client, settings, furnished, who, language):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    client.cookies["django_language"] = language
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 0
    drawn = _page(client)
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 60
    cache.clear()
    assert _page(client) == drawn  # the shared part drawn and kept
    assert _page(client) == drawn  # and read from the cache
    assert "Зерновой форум" in drawn and "Форум зерна" in drawn and "Айгерим Сейткали" in drawn


def _section(page: str, name: str) -> str:
    return re.search(rf'<section class="card" id="{name}".*?</section>', page, re.S).group(0)


def _members_figure(page: str) -> str:
    row = re.search(r'<li data-metric="members">(.*?)</li>', page, re.S).group(1)
    return re.search(r'class="num status-count">([^<]*)<', row).group(1)


def test_the_secretary_sees_each_own_change_at_once(
    client, shared, committee, secretary, kz_org, aigerim, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    page = _page(client)
    assert _page(client) == page  # from the cache

    def committed(action, *args):  # the action, and what it does once its transaction commits
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args)

    committed(actions.save_plan_item, secretary, SLUG, {"title": "Выставка в Алматы", "due_date": TODAY})
    assert "Выставка в Алматы" in _page(client)

    committed(actions.add_officer, secretary, SLUG, aigerim.email, "deputy")
    assert "Айгерим Сейткали" in _page(client)

    committed(actions.set_kpi_targets, secretary, SLUG, TODAY.year, {"members": "7"})
    assert _members_figure(_page(client)).strip() == "0 / 7"

    application = committed(actions.apply_to_committee, aigerim, SLUG, kz_org.public_id, "Экспорт зерна")
    assert "ТОО «Астык Экспорт»" not in _section(_page(client), "members")
    committed(actions.decide_application, secretary, SLUG, application.pk, "approve")
    page = _page(client)
    assert "ТОО «Астык Экспорт»" in _section(page, "members")
    assert _members_figure(page).strip() == "1 / 7"  # the figure too, not two minutes later

    committed(actions.update_charter, secretary, SLUG, {"charter_ru": "Новый устав комитета"})
    assert "Новый устав комитета" in _page(client)


def test_the_page_follows_writes_elsewhere(
    client, shared, committee, secretary, member_org, aigerim, li_wei, cn_org
):
    """Other people's writes that the page shows: names, events, leads, the scope."""
    actions.add_officer(secretary, SLUG, aigerim.email, "deputy")
    client.force_login(secretary)
    _page(client)

    update_profile(aigerim, full_name="Айгерим Нурланкызы", language="ru")
    assert "Айгерим Нурланкызы" in _page(client)

    member_org.name = "ТОО «Астык Трейд»"
    member_org.save()
    assert "ТОО «Астык Трейд»" in _page(client)

    starts = timezone.now() + datetime.timedelta(days=5)
    event = Event.objects.create(
        kind="forum",
        status="published",
        title="Форум пшеницы",
        committee=committee,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
    )
    page = _page(client)
    assert "Форум пшеницы" in _section(page, "events")
    # the event is over: it moves to the past ones, though its row's time of change stays the same
    past = timezone.now() - datetime.timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(starts_at=past - datetime.timedelta(hours=3), ends_at=past)
    events = _section(_page(client), "events")
    assert "Форум пшеницы" in events.split("<h3>")[-1] and events.count("<h3>") == 1

    lead = make_lead(li_wei, cn_org, wheat_request())
    Lead.objects.filter(pk=lead.pk).update(committee=committee)
    assert str(lead.public_id) in _section(_page(client), "leads")

    heading = HSCode.objects.filter(level=4).order_by("-code").first()
    committee.hs_headings.add(heading)
    assert f'<span class="badge">{heading.code}</span>' in _page(client)


def test_a_page_from_the_cache_reads_little(client, shared, furnished, secretary):
    client.force_login(secretary)
    _page(client)
    with CaptureQueriesContext(connection) as ctx:
        _page(client)
    # session, user, memberships; the committee, the fingerprint of the shared part, the reader's
    # membership and organizations; the header's two unread counts
    assert len(ctx.captured_queries) <= CACHED_BUDGET, [q["sql"][:80] for q in ctx.captured_queries]


CACHED_BUDGET = 9
