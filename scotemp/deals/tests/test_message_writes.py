"""Posting to a thread: the reply of the API is the stored message, and the poster's read mark is one
row that moves with each post. The other side's notifications are read and rendered before the
transaction (``effects.prepare``) and still reach each of its members once, in their language; a
retried post or announcement writes nothing twice."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from scotemp.core.effects import Notice, announce, prepare
from scotemp.deals import actions, queries
from scotemp.deals.models import Message, ThreadRead
from scotemp.notifications.actions import GENERIC_TEMPLATE_PREFIX, notify
from scotemp.notifications.models import Notification, OutboxEmail
from tests.factories import MembershipFactory, UserFactory

from .helpers import send_rfq
from .test_api import API, PDF, bearer, get

pytestmark = pytest.mark.django_db


def test_api_reply_is_the_message_as_the_thread_lists_it(client, li_wei, cn_org, aigerim, kz_org):
    inquiry = send_rfq(li_wei, cn_org, kz_org).inquiries.get()
    files = [SimpleUploadedFile(f"{name}.pdf", PDF, content_type="application/pdf") for name in "ba"]
    response = client.post(
        f"{API}/inquiries/{inquiry.public_id}/messages",
        {"body": "Two lab reports", "files": files},
        **bearer(aigerim, kz_org),
    )
    assert response.status_code == 201, response.content
    listed = get(client, f"/inquiries/{inquiry.public_id}/messages", **bearer(li_wei, cn_org)).json()
    reply = response.json()
    assert [a["name"] for a in reply["attachments"]] == ["b.pdf", "a.pdf"]
    assert reply["organization"] == listed[0]["organization"]
    assert {k: v for k, v in reply.items() if k != "mine"} == {
        k: v for k, v in listed[0].items() if k != "mine"
    }
    assert reply["mine"] is True and listed[0]["mine"] is False
    assert Message.objects.filter(inquiry=inquiry).count() == 1


def test_each_post_moves_the_posters_one_read_mark(li_wei, cn_org, aigerim, kz_org):
    inquiry = send_rfq(li_wei, cn_org, kz_org).inquiries.get()
    actions.post_message(li_wei, inquiry, "First question")
    answer = actions.post_message(aigerim, inquiry, "An answer")
    assert queries.inquiries_for(li_wei).get(pk=inquiry.pk).unread == 1
    actions.post_message(li_wei, inquiry, "Second question")

    [mark] = ThreadRead.objects.filter(inquiry=inquiry, user=li_wei)
    assert mark.read_at > answer.created_at
    assert queries.inquiries_for(li_wei).get(pk=inquiry.pk).unread == 0
    assert queries.inquiries_for(aigerim).get(pk=inquiry.pk).unread == 1  # read up to her answer


def test_a_message_reaches_each_member_of_the_other_side_once_in_their_language(
    li_wei, cn_org, aigerim, kz_org, django_capture_on_commit_callbacks
):
    colleague = UserFactory(email="dana@astyk.kz", language="en")
    MembershipFactory(user=colleague, organization=kz_org)
    buyer_colleague = UserFactory(email="zhang@cqgrain.cn", language="zh-hans")
    MembershipFactory(user=buyer_colleague, organization=cn_org)
    inquiry = send_rfq(li_wei, cn_org, kz_org).inquiries.get()
    before = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        message = actions.post_message(li_wei, inquiry, "Is 12.5% protein possible?")

    told = Notification.objects.filter(kind="deals.message")
    assert Notification.objects.count() - before == 2
    assert sorted(told.values_list("user__email", flat=True)) == ["aigerim@astyk.kz", "dana@astyk.kz"]
    emails = {
        e.to: e for e in OutboxEmail.objects.filter(dedupe_key__startswith=f"deals:message:{message.pk}:")
    }
    assert set(emails) == {"aigerim@astyk.kz", "dana@astyk.kz"}
    assert emails["aigerim@astyk.kz"].language == "ru" and emails["dana@astyk.kz"].language == "en"
    # What was rendered ahead is what notify renders inside a transaction for the same notification.
    for user in (aigerim, colleague):
        stored = emails[user.email]
        with transaction.atomic():
            notify(
                user,
                "deals.message",
                stored.context["params"],
                stored.context["url"],
                f"again:{user.pk}",
                email_template_prefix=GENERIC_TEMPLATE_PREFIX,
            )
        rendered = OutboxEmail.objects.get(dedupe_key=f"again:{user.pk}")
        assert (rendered.subject, rendered.body) == (stored.subject, stored.body)


def test_announcing_prepared_notices_again_with_the_same_key_notifies_nobody_twice(
    li_wei, cn_org, aigerim, kz_org
):
    inquiry = send_rfq(li_wei, cn_org, kz_org).inquiries.get()
    notices = prepare([Notice("deals.message", {"goods": "Wheat"}, "/deals/", organization_id=kz_org.pk)])
    for _attempt in range(2):
        with transaction.atomic():
            announce("inquiry.message_posted", subject=inquiry, actor=li_wei, notices=notices, key="retry-1")
    assert Notification.objects.filter(dedupe_key__startswith="retry-1:").count() == 1
    assert OutboxEmail.objects.filter(dedupe_key__startswith="retry-1:").count() == 1


def test_a_post_retried_with_the_same_idempotency_key_is_stored_and_notified_once(
    client, li_wei, cn_org, aigerim, kz_org
):
    inquiry = send_rfq(li_wei, cn_org, kz_org).inquiries.get()
    auth = bearer(li_wei, cn_org)
    replies = [
        client.post(
            f"{API}/inquiries/{inquiry.public_id}/messages",
            data=json.dumps({"body": "Sent twice by a client that timed out"}),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="post-1",
            **auth,
        )
        for _attempt in range(2)
    ]
    assert [r.status_code for r in replies] == [201, 201]
    assert replies[1]["Idempotent-Replayed"] == "true" and replies[1].json() == replies[0].json()
    assert Message.objects.filter(inquiry=inquiry).count() == 1
    assert Notification.objects.filter(kind="deals.message", user=aigerim).count() == 1
    assert OutboxEmail.objects.filter(to=aigerim.email, dedupe_key__startswith="deals:message:").count() == 1
