"""Posting to a thread: the reply of the API is the stored message, and the poster's read mark is one
row that moves with each post."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scotemp.deals import actions, queries
from scotemp.deals.models import Message, ThreadRead

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
