"""The notification list and its API show and change only the caller's own notifications."""

import pytest
from django.urls import reverse

from scotemp.notifications.actions import notify
from scotemp.notifications.models import Notification


@pytest.fixture
def two_users(aigerim, li_wei):
    for user in (aigerim, li_wei):
        user.language = "en"
        user.save()
    mine = notify(aigerim, "message", {"title": "Mine", "body": "hello"}, "/leads/", "a-1")
    notify(aigerim, "message", {"title": "Mine too"}, "", "a-2")
    theirs = notify(li_wei, "message", {"title": "Theirs"}, "", "l-1")
    return mine, theirs


def test_header_shows_unread_count(client, aigerim, two_users):
    client.force_login(aigerim)
    html = client.get("/").content.decode()
    assert 'data-testid="unread-count"' in html
    assert '<span class="badge" data-testid="unread-count"' in html
    assert ">2</span>" in html


def test_page_lists_only_my_notifications(client, aigerim, two_users):
    client.force_login(aigerim)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "Mine" in html and "hello" in html
    assert "Theirs" not in html


def test_page_requires_sign_in(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302


def test_mark_read_single_and_others_404(client, aigerim, two_users):
    mine, theirs = two_users
    client.force_login(aigerim)
    response = client.post(reverse("notifications:mark_read", args=[mine.pk]), {"open": "1"})
    assert response.status_code == 302 and response.url == "/leads/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read(client, aigerim, two_users):
    client.force_login(aigerim)
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(user=aigerim, read_at__isnull=True).exists()
    assert Notification.objects.filter(user__email="liwei@cqgrain.cn", read_at__isnull=True).count() == 1


def test_api_list_and_mark_read(client, aigerim, two_users, django_assert_max_num_queries):
    mine, theirs = two_users
    client.force_login(aigerim)
    with django_assert_max_num_queries(8):
        data = client.get("/api/v1/notifications").json()
    assert data["total"] == 2 and data["unread"] == 2 and data["next"] is None
    assert {r["title"] for r in data["results"]} == {"Mine", "Mine too"}
    response = client.post(
        "/api/v1/notifications/read", {"ids": [mine.pk, theirs.pk]}, content_type="application/json"
    )
    assert response.json() == {"marked": 1, "unread": 1}
    theirs.refresh_from_db()
    assert theirs.read_at is None
    response = client.post("/api/v1/notifications/read", {"all": True}, content_type="application/json")
    assert response.json() == {"marked": 1, "unread": 0}


def test_api_requires_authentication(client, two_users):
    assert client.get("/api/v1/notifications").status_code == 401


def test_kind_renders_in_users_language(li_wei):
    from django.utils import translation

    from scotemp.notifications.kinds import render

    with translation.override("zh-hans"):
        title, _ = render("message", {"title": {"en": "Wheat", "zh-hans": "小麦"}})
    assert title == "小麦"
    title, body = render("saved_search.new_leads", {"search_name": "Wheat KZ", "count": 3}, "en")
    assert title == "New leads for your search “Wheat KZ”"
    assert body == "3 new leads match your saved search."
    assert render("saved_search.new_leads", {"search_name": "x", "count": 1}, "en")[1] == (
        "1 new lead matches your saved search."
    )
