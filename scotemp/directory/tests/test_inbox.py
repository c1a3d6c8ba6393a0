"""The contact form on organization pages and the members' inbox (pages and API)."""

import pytest
from django.core import mail
from django.urls import reverse

from scotemp.core.effects import history
from scotemp.directory.actions import inbox as inbox_module
from scotemp.directory.models import InboxMessage
from tests.factories import MembershipFactory, UserFactory


def page(org):
    return reverse("directory:organization", args=[org.public_id])


def contact_url(org):
    return reverse("directory:contact", args=[org.public_id])


def inbox_url(org):
    return reverse("directory:inbox", args=[org.public_id])


@pytest.fixture
def kz_team(kz_org, aigerim):
    """aigerim owns kz_org; an admin (English) and a plain member too."""
    admin = UserFactory(email="admin@astyk.kz", language="en")
    member = UserFactory(email="sales@astyk.kz", language="ru")
    MembershipFactory(user=admin, organization=kz_org, role="admin")
    MembershipFactory(user=member, organization=kz_org, role="member")
    return {"owner": aigerim, "admin": admin, "member": member}


def send(client, org, subject="Wheat offer", body="Do you export wheat to Chongqing?"):
    return client.post(contact_url(org), {"subject": subject, "body": body})


def test_anonymous_visitor_is_asked_to_sign_in(client, kz_org):
    response = client.get(page(kz_org))
    assert 'data-testid="contact-sign-in"' in response.text
    assert 'data-testid="contact-form"' not in response.text
    response = send(client, kz_org)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not InboxMessage.objects.exists()


def test_message_lands_in_inbox_and_the_members_are_told(
    client, kz_org, kz_team, li_wei, cn_org, django_capture_on_commit_callbacks
):
    li_wei.active_organization = cn_org
    li_wei.save()
    client.force_login(li_wei)
    assert 'data-testid="contact-form"' in client.get(page(kz_org)).text
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, kz_org)
    assert response.status_code == 302 and response["Location"] == page(kz_org)
    message = InboxMessage.objects.get()
    assert (message.organization, message.sender, message.sender_organization) == (kz_org, li_wei, cn_org)
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == ["admin@astyk.kz", "aigerim@astyk.kz", "sales@astyk.kz"]  # all who read the inbox
    english = next(m for m in mail.outbox if m.to == ["admin@astyk.kz"])
    assert "Wheat offer" in english.subject and "Do you export wheat" in english.body
    assert inbox_url(kz_org) in english.body
    assert cn_org.name in english.body
    russian = next(m for m in mail.outbox if m.to == ["sales@astyk.kz"])
    assert "Новое сообщение" in russian.subject
    assert kz_team["member"].notifications.get().kind == "directory.inbox_message"
    assert [entry.verb for entry in history(message)] == ["directory.inbox_message"]
    assert not li_wei.notifications.exists()  # the sender is not told of their own message


def test_messages_are_rate_limited(client, kz_org, kz_team, outsider, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(inbox_module, "_clock", lambda: clock[0])
    client.force_login(outsider)
    for i in range(5):
        assert send(client, kz_org, subject=f"Question {i}").status_code == 302
    refused = send(client, kz_org, subject="Question 6")
    assert refused.status_code == 429
    assert "5 messages in the last hour" in refused.text
    assert InboxMessage.objects.count() == 5
    # a new hour: allowed again, up to 20 a day
    for hour in range(1, 4):
        clock[0] += 3600
        for i in range(5):
            assert send(client, kz_org, subject=f"Hour {hour} question {i}").status_code == 302
    clock[0] += 3600
    refused = send(client, kz_org, subject="One too many")
    assert refused.status_code == 429
    assert "20 messages today" in refused.text
    assert InboxMessage.objects.count() == 20


def test_invalid_message_and_own_organization_are_refused(client, kz_org, aigerim, outsider):
    client.force_login(outsider)
    response = send(client, kz_org, subject="", body="x")
    assert response.status_code == 400
    assert "This field is required." in response.text
    client.force_login(aigerim)
    response = send(client, kz_org)
    assert response.status_code == 400
    assert InboxMessage.objects.count() == 0


def test_inbox_is_for_members_only(client, kz_org, kz_team, li_wei, outsider, operator):
    InboxMessage.objects.create(organization=kz_org, sender=outsider, subject="Hello", body="Hi")
    url = inbox_url(kz_org)
    assert client.get(url).status_code == 404  # anonymous
    for user in (outsider, li_wei, operator):  # no account, another organization, operator staff
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.force_login(kz_team["member"])
    response = client.get(url)
    assert response.status_code == 200
    assert "Hello" in response.text and "outsider@example.test" in response.text
    assert "is-unread" in response.text
    assert InboxMessage.objects.get().read_at is not None  # seen once, read
    assert "is-unread" not in client.get(url).text


def test_organization_page_links_members_to_the_inbox(client, kz_org, aigerim, outsider):
    InboxMessage.objects.create(organization=kz_org, sender=outsider, subject="Hello", body="Hi")
    client.force_login(aigerim)
    response = client.get(page(kz_org))
    assert 'data-testid="inbox-link"' in response.text
    client.force_login(outsider)
    assert 'data-testid="inbox-link"' not in client.get(page(kz_org)).text


# --- API ----------------------------------------------------------------------------------------------


def test_api_send_and_read_inbox(client, kz_org, kz_team, li_wei, outsider):
    base = f"/api/v1/organizations/{kz_org.public_id}"
    assert (
        client.post(f"{base}/messages", {"subject": "Hi", "body": "Hello"}, "application/json").status_code
        == 401
    )
    client.force_login(outsider)
    response = client.post(f"{base}/messages", {"subject": "Hi", "body": "Hello"}, "application/json")
    assert response.status_code == 201
    assert response.json()["sender_email"] == "outsider@example.test"
    assert client.get(f"{base}/inbox").status_code == 404
    client.force_login(li_wei)
    assert client.get(f"{base}/inbox").status_code == 404
    client.logout()
    assert client.get(f"{base}/inbox").status_code in (401, 404)
    client.force_login(kz_team["owner"])
    body = client.get(f"{base}/inbox").json()
    assert (body["total"], body["unread"], body["results"][0]["subject"]) == (1, 1, "Hi")
    assert body["next"] is None and body["page"] == 1
    assert client.post(f"{base}/inbox/read").json() == {"marked": 1, "unread": 0}
    assert client.get(f"{base}/inbox").json()["results"][0]["read_at"] is not None


def test_api_inbox_pages(client, kz_org, aigerim, outsider):
    for i in range(3):
        InboxMessage.objects.create(organization=kz_org, sender=outsider, subject=f"Q{i}", body="?")
    client.force_login(aigerim)
    base = f"/api/v1/organizations/{kz_org.public_id}/inbox"
    first = client.get(base, {"limit": 2}).json()
    assert (first["total"], len(first["results"]), first["previous"]) == (3, 2, None)
    second = client.get(first["next"]).json()
    assert [m["subject"] for m in second["results"]] == ["Q0"] and second["next"] is None
    for bad in ({"limit": 0}, {"limit": 101}, {"page": 0}, {"page": "x"}):
        response = client.get(base, bad)
        assert response.status_code == 422, bad
        assert set(response.json()["errors"]) <= {"limit", "page"}


def test_api_inbox_follows_the_token_organization(client, kz_org, aigerim, cn_org, li_wei):
    """A token of aigerim's other organization does not read kz_org's inbox, nor write as a member."""
    from scotemp.accounts import actions as account_actions

    MembershipFactory(user=aigerim, organization=cn_org, role="admin")
    InboxMessage.objects.create(organization=kz_org, sender=li_wei, subject="Hi", body="?")
    _token, raw = account_actions.create_api_token(aigerim, cn_org.public_id, "cn token", scope="write")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    base = f"/api/v1/organizations/{kz_org.public_id}"
    assert client.get(f"{base}/inbox", **auth).status_code == 404
    assert client.post(f"{base}/inbox/read", **auth).status_code == 404
    sent = client.post(f"{base}/messages", {"subject": "From CN", "body": "?"}, "application/json", **auth)
    assert sent.status_code == 201
    assert InboxMessage.objects.get(subject="From CN").sender_organization == cn_org


def test_api_message_body_must_be_an_object(client, kz_org, outsider):
    client.force_login(outsider)
    url = f"/api/v1/organizations/{kz_org.public_id}/messages"
    response = client.post(url, [None, None], "application/json")
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"subject", "body"}, response.json()
    assert not InboxMessage.objects.exists()


def test_api_rate_limit_is_429(client, kz_org, outsider):
    client.force_login(outsider)
    url = f"/api/v1/organizations/{kz_org.public_id}/messages"
    for i in range(5):
        assert client.post(url, {"subject": f"Q{i}", "body": "?"}, "application/json").status_code == 201
    response = client.post(url, {"subject": "Q6", "body": "?"}, "application/json")
    assert response.status_code == 429
    assert "last hour" in response.json()["detail"]


def test_header_leads_every_member_to_the_active_organizations_inbox_with_its_unread_count(
    client, kz_org, aigerim, li_wei, outsider
):
    InboxMessage.objects.create(organization=kz_org, sender=li_wei, subject="Wheat?", body="Price?")
    InboxMessage.objects.create(organization=kz_org, sender=li_wei, subject="Barley?", body="Price?")
    client.force_login(aigerim)
    header = client.get(reverse("home")).content.decode().split("</header>")[0]
    assert f'href="{inbox_url(kz_org)}" data-testid="inbox-link"' in header
    assert 'data-testid="inbox-unread"' in header and ">2</span>" in header
    # Reading the inbox clears the count; the link stays, marked as the current page.
    header = client.get(inbox_url(kz_org)).content.decode().split("</header>")[0]
    assert 'data-testid="inbox-link" aria-current="page"' in header
    assert 'data-testid="inbox-unread"' not in client.get(reverse("home")).content.decode()
    # Someone who acts for no organization has no inbox in the header, and neither has a visitor.
    client.force_login(outsider)
    assert 'data-testid="inbox-link"' not in client.get(reverse("home")).content.decode()
    client.logout()
    assert 'data-testid="inbox-link"' not in client.get(reverse("home")).content.decode()
