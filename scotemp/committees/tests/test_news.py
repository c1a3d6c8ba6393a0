"""News: draft → submitted → published by the operator (or sent back with a reason); drafts exist only
for the secretary and operators; members are notified; the Atom feed speaks the reader's language."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from scotemp.committees import actions
from scotemp.committees.models import NewsPost
from scotemp.notifications.models import Notification

from .conftest import SLUG

TEXTS = {
    "language": "zh-hans",
    "title_zh_hans": "小麦论坛将于十一月举行",
    "body_zh_hans": "欢迎各成员单位参加。",
    "title_ru": "Зерновой форум пройдёт в ноябре",
    "body_ru": "Приглашаем членов комитета.",
}


@pytest.fixture
def draft(secretary):
    return actions.create_post(secretary, SLUG, TEXTS)


def test_publish_workflow_and_notice_to_members(secretary, operator, member_org, aigerim, draft):
    with pytest.raises(ValidationError):
        actions.publish_post(operator, SLUG, draft.public_id)  # not submitted yet: a conflict
    actions.submit_post(secretary, SLUG, draft.public_id)
    with pytest.raises(PermissionDenied):
        actions.publish_post(secretary, SLUG, draft.public_id)  # the secretary sees it, may not publish
    post = actions.return_post(operator, SLUG, draft.public_id, "Добавьте дату")
    assert post.status == "returned" and post.return_reason == "Добавьте дату"
    assert Notification.objects.filter(user=secretary, kind="committees.news_returned").exists()
    actions.update_post(secretary, SLUG, draft.public_id, {**TEXTS, "body_ru": "15 ноября, Чунцин."})
    actions.submit_post(secretary, SLUG, draft.public_id)
    post = actions.publish_post(operator, SLUG, draft.public_id)
    assert post.status == "published" and post.published_at and post.reviewed_by == operator
    notice = Notification.objects.get(user=aigerim, kind="committees.news_published")
    assert notice.url.endswith(f"/news/{post.public_id}/")
    with pytest.raises(ValidationError):
        actions.update_post(secretary, SLUG, draft.public_id, TEXTS)  # published: no more edits


def test_return_needs_a_reason(secretary, operator, draft):
    actions.submit_post(secretary, SLUG, draft.public_id)
    with pytest.raises(ValidationError) as exc:
        actions.return_post(operator, SLUG, draft.public_id, " ")
    assert "reason" in exc.value.message_dict


def test_a_post_needs_title_and_text_in_a_language(secretary):
    with pytest.raises(ValidationError) as exc:
        actions.create_post(secretary, SLUG, {"title_en": "Only a title"})
    assert "body_en" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        actions.create_post(secretary, SLUG, {})
    assert "title_en" in exc.value.message_dict


@pytest.mark.parametrize("who", ["anonymous", "aigerim", "other_secretary", "outsider"])
def test_drafts_are_404_for_others(client, request, who, member_org, draft):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = reverse("committees:news", args=[SLUG, draft.public_id])
    assert client.get(url).status_code == 404
    assert client.get(f"/api/v1/committees/{SLUG}/news/{draft.public_id}").status_code == 404
    assert draft.title_zh_hans not in client.get(reverse("committees:detail", args=[SLUG])).content.decode()
    if who != "anonymous":
        user = request.getfixturevalue(who)
        with pytest.raises(Http404):
            actions.submit_post(user, SLUG, draft.public_id)
        with pytest.raises(Http404):
            actions.publish_post(user, SLUG, draft.public_id)


def test_secretary_and_operator_see_the_draft(client, secretary, operator, draft):
    for user in (secretary, operator):
        client.force_login(user)
        assert client.get(reverse("committees:news", args=[SLUG, draft.public_id])).status_code == 200


def test_pages_run_the_workflow(client, secretary, operator):
    client.force_login(secretary)
    response = client.post(reverse("committees:news_new", args=[SLUG]), {"language": "en", **TEXTS})
    post = NewsPost.objects.get()
    assert response.status_code == 302
    client.post(reverse("committees:news_submit", args=[SLUG, post.public_id]))
    client.force_login(operator)
    queue = client.get(reverse("committees:news_review"))
    assert TEXTS["title_ru"] in queue.content.decode() or TEXTS["title_zh_hans"] in queue.content.decode()
    client.post(reverse("committees:news_publish", args=[SLUG, post.public_id]))
    post.refresh_from_db()
    assert post.status == "published"
    home = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="ru")
    assert post.public_id.hex[:8] in home.content.decode().replace("-", "")


def test_feed_in_the_readers_language(client, secretary, operator, draft):
    english = actions.create_post(
        secretary, SLUG, {"language": "en", "title_en": "Wheat forum", "body_en": "Join."}
    )
    for post in (draft, english):
        actions.submit_post(secretary, SLUG, post.public_id)
        actions.publish_post(operator, SLUG, post.public_id)
    feed = reverse("committees:feed", args=[SLUG])
    russian = client.get(feed, HTTP_ACCEPT_LANGUAGE="ru", HTTP_COOKIE="scotemp_language=ru")
    assert russian["Content-Type"].startswith("application/atom+xml")
    body = russian.content.decode()
    assert "Зерновой форум пройдёт в ноябре" in body and "小麦论坛" not in body
    assert "Wheat forum" in body  # written in English only: the fallback
    assert 'xml:lang="ru"' in body
    client.cookies["scotemp_language"] = "zh-hans"
    chinese = client.get(feed, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "小麦论坛将于十一月举行" in chinese and "Зерновой" not in chinese
    assert client.get(reverse("committees:feed", args=["no-such"])).status_code == 404


def test_each_language_keeps_its_own_text(secretary):
    from django.utils import translation

    with translation.override("en"):
        post = actions.create_post(secretary, SLUG, TEXTS)
    post = NewsPost.objects.get(pk=post.pk)
    assert post.title_en is None and post.language == "zh-hans"
    with translation.override("ru"):
        assert post.title == TEXTS["title_ru"]
    with translation.override("zh-hans"):
        assert post.title == TEXTS["title_zh_hans"]
