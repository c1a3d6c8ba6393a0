"""Documents are served only to the organization's members and to operators, as attachments."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scotemp.verification import actions
from tests.factories import MembershipFactory

from .conftest import PDF, PNG

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(aigerim, kz_org):
    return actions.upload_document(
        aigerim, kz_org.public_id, kind="registration", uploaded=SimpleUploadedFile("Устав ТОО.pdf", PDF)
    )


def _urls(org, document):
    return [
        reverse("verification:document", args=[org.public_id, document.public_id]),
        f"/api/v1/organizations/{org.public_id}/documents/{document.public_id}",
    ]


def test_member_and_operator_get_the_file_as_an_attachment(client, kz_org, document, operator):
    member = MembershipFactory(organization=kz_org, role="member").user
    for user in (member, operator):
        client.force_login(user)
        for url in _urls(kz_org, document):
            response = client.get(url)
            assert response.status_code == 200, url
            assert b"".join(response.streaming_content) == PDF
            assert response["Content-Type"] == "application/pdf"
            assert response["Content-Disposition"].startswith("attachment;")
            assert "filename*=utf-8''%D0%A3%D1%81%D1%82%D0%B0%D0%B2" in response["Content-Disposition"]
            assert response["X-Content-Type-Options"] == "nosniff"
            assert "no-store" in response["Cache-Control"]


def test_real_type_wins_over_the_name(client, aigerim, kz_org):
    document = actions.upload_document(
        aigerim, kz_org.public_id, kind="other", uploaded=SimpleUploadedFile("scan.pdf", PNG)
    )
    client.force_login(aigerim)
    response = client.get(_urls(kz_org, document)[0])
    assert response["Content-Type"] == "image/png"
    assert 'filename="scan.png"' in response["Content-Disposition"]


def test_everybody_else_gets_404(client, kz_org, document, outsider, li_wei, cn_org):
    for user in (outsider, li_wei):
        client.force_login(user)
        for url in _urls(kz_org, document):
            assert client.get(url).status_code == 404, (user, url)
        # the document is not reachable through another organization's address either
        li_url = reverse("verification:document", args=[cn_org.public_id, document.public_id])
        assert client.get(li_url).status_code == 404


def test_anonymous_api_gets_401_and_page_404(client, kz_org, document):
    page, api = _urls(kz_org, document)
    assert client.get(page).status_code == 404
    assert client.get(api).status_code == 401


def test_status_page_access(client, aigerim, kz_org, document, outsider, li_wei, operator):
    url = reverse("verification:status", args=[kz_org.public_id])
    client.force_login(aigerim)
    response = client.get(url)
    assert response.status_code == 200
    assert "Устав ТОО.pdf" in response.content.decode()
    assert response.context["can_manage"] is True
    member = MembershipFactory(organization=kz_org, role="member").user
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200 and response.context["can_manage"] is False
    client.force_login(operator)
    assert client.get(url).status_code == 200
    for user in (outsider, li_wei):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_organization_dashboard_links_to_verification(client, aigerim, kz_org):
    client.force_login(aigerim)
    response = client.get(reverse("accounts:organization", args=[kz_org.public_id]))
    assert reverse("verification:status", args=[kz_org.public_id]) in response.content.decode()


def test_status_page_and_queue_queries_do_not_grow_with_documents(client, aigerim, kz_org, operator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url, user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    status_url = reverse("verification:status", args=[kz_org.public_id])
    actions.upload_document(aigerim, kz_org.public_id, kind="tax", uploaded=SimpleUploadedFile("0.pdf", PDF))
    actions.submit_for_review(aigerim, kz_org.public_id)
    before = count(status_url, aigerim), count(reverse("verification:queue"), operator)
    for i in range(1, 5):
        actions.upload_document(
            aigerim, kz_org.public_id, kind="tax", uploaded=SimpleUploadedFile(f"{i}.pdf", PDF)
        )
    after = count(status_url, aigerim), count(reverse("verification:queue"), operator)
    assert after == before
