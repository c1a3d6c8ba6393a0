"""Saved searches: API with owner-only access, and the digest sent at most once a day."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from scotemp.notifications.actions import deliver_outbox
from scotemp.notifications.models import Notification, OutboxEmail
from scotemp.trade.actions import create_saved_search, send_digests
from scotemp.trade.models import SavedSearch

from .search_fixtures import make_lead

pytestmark = pytest.mark.django_db


def test_api_create_list_delete_and_privacy(client, aigerim, outsider):
    client.force_login(aigerim)
    response = client.post(
        "/api/v1/saved-searches",
        {"name": "Wheat", "params": {"q": "пшеница", "kind": "buy"}},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    public_id = response.json()["id"]
    listed = client.get("/api/v1/saved-searches").json()
    assert listed["total"] == 1 and listed["results"][0]["params"] == {"q": "пшеница", "kind": "buy"}
    client.force_login(outsider)
    assert client.get("/api/v1/saved-searches").json()["results"] == []
    assert client.delete(f"/api/v1/saved-searches/{public_id}").status_code == 404
    client.force_login(aigerim)
    assert client.delete(f"/api/v1/saved-searches/{public_id}").status_code == 204
    assert not SavedSearch.objects.exists()


def test_api_rejects_price_range_without_currency(client, aigerim):
    client.force_login(aigerim)
    response = client.post(
        "/api/v1/saved-searches",
        {"name": "x", "params": {"price_min": "10"}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "currency" in response.json()["errors"]


def test_api_requires_authentication(client):
    assert client.get("/api/v1/saved-searches").status_code == 401


def test_digest_at_most_once_a_day(aigerim, cn_org, django_capture_on_commit_callbacks):
    aigerim.language = "en"
    aigerim.save()
    search = create_saved_search(aigerim, "Wheat buyers", {"q": "wheat", "kind": "buy"})
    now = timezone.now()
    assert send_digests(now) == 0  # nothing new yet
    make_lead(cn_org, "采购优质小麦", language="zh-hans", kind="buy", origin=None, place="CNCKG")
    make_lead(cn_org, "Cotton yarn", hs="5205", kind="buy", origin=None, place="CNCKG")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(now + datetime.timedelta(minutes=1)) == 1
    assert Notification.objects.filter(user=aigerim, kind="saved_search.new_leads").count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "1 new lead for “Wheat buyers”"
    assert "采购优质小麦" in mail.outbox[0].body  # no English title: the author's language is used
    assert "Cotton" not in mail.outbox[0].body
    # Another lead the same day: no second alert today...
    make_lead(
        cn_org,
        "Wheat, milling quality",
        kind="buy",
        origin=None,
        place="CNCKG",
        published_at=now + datetime.timedelta(minutes=1, seconds=30),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(now + datetime.timedelta(minutes=2)) == 0
    assert len(mail.outbox) == 1 and OutboxEmail.objects.count() == 1
    # ...it comes in the next day's digest.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(now + datetime.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2
    assert "Wheat, milling quality" in mail.outbox[1].body
    assert "采购优质小麦" not in mail.outbox[1].body
    search.refresh_from_db()
    assert search.last_digest_at is not None
    assert deliver_outbox() == 0


def test_digest_without_email_writes_only_the_notification(aigerim, cn_org):
    create_saved_search(aigerim, "Wheat", {"q": "wheat"}, email_digest=False)
    make_lead(cn_org, "Wheat", kind="buy", origin=None, place="CNCKG")
    assert send_digests(timezone.now() + datetime.timedelta(minutes=1)) == 1
    assert Notification.objects.filter(user=aigerim).count() == 1
    assert not OutboxEmail.objects.exists()


def test_saved_search_digests_command(aigerim, cn_org):
    from django.core.management import call_command

    create_saved_search(aigerim, "Wheat", {"q": "wheat"})
    search = SavedSearch.objects.get()
    SavedSearch.objects.filter(pk=search.pk).update(
        last_checked_at=timezone.now() - datetime.timedelta(hours=1)
    )
    make_lead(cn_org, "Wheat", kind="buy", origin=None, place="CNCKG")
    call_command("saved_search_digests", verbosity=0)
    assert Notification.objects.filter(user=aigerim).count() == 1
