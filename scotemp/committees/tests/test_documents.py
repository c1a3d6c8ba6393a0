"""The documents library: the verification documents' upload checks, public or members-only, and a
download that checks access (404 for others)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from scotemp.committees import actions
from scotemp.committees.models import CommitteeDocument

from .conftest import PDF, SLUG


def _upload(user, name="minutes.pdf", content=PDF, visibility="members", **changes):
    values = {"kind": "minutes", "title": "Протокол заседания", "visibility": visibility, **changes}
    return actions.upload_document(
        user, SLUG, uploaded=SimpleUploadedFile(name, content, content_type="application/pdf"), **values
    )


@pytest.mark.parametrize(
    "content,message",
    [
        (b"<html><script>alert(1)</script></html>", "Upload a PDF, JPEG or PNG file"),
        (b"", "The file is empty"),
        (b"MZ\x90\x00 an executable named .pdf", "Upload a PDF, JPEG or PNG file"),
    ],
)
def test_upload_checks_the_bytes(secretary, content, message):
    with pytest.raises(ValidationError) as exc:
        _upload(secretary, content=content)
    assert message in exc.value.message_dict["file"][0]
    assert not CommitteeDocument.objects.exists()


def test_upload_too_large(secretary, monkeypatch):
    monkeypatch.setattr("scotemp.verification.uploads.MAX_SIZE", 10)
    with pytest.raises(ValidationError) as exc:
        _upload(secretary)
    assert "larger" in exc.value.message_dict["file"][0]


def test_only_the_secretary_or_operator_uploads(other_secretary, aigerim, member_org):
    for user in (other_secretary, aigerim):
        with pytest.raises(Http404):
            _upload(user)


@pytest.mark.parametrize(
    "who,members_only_status",
    [
        ("anonymous", 404),
        ("outsider", 404),
        ("li_wei", 404),
        ("other_secretary", 404),
        ("aigerim", 200),  # a member of an approved member organization
        ("secretary", 200),
        ("operator", 200),
    ],
)
def test_download_access(client, request, who, members_only_status, secretary, member_org):
    members_only = _upload(secretary)
    public = _upload(secretary, visibility="public", title="Regulation")
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("committees:document", args=[SLUG, members_only.public_id]))
    assert response.status_code == members_only_status
    if members_only_status == 200:
        assert (
            response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
        )
    assert client.get(reverse("committees:document", args=[SLUG, public.public_id])).status_code == 200
    listed = [d["title"] for d in client.get(f"/api/v1/committees/{SLUG}/documents").json()]
    assert ("Протокол заседания" in listed) == (members_only_status == 200)
    assert "Regulation" in listed


def test_upload_page_and_delete(client, secretary):
    client.force_login(secretary)
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("committees:document_upload", args=[SLUG]),
        {"title": "Годовой отчёт", "kind": "report", "visibility": "public", "file": upload},
    )
    assert response.status_code == 302
    document = CommitteeDocument.objects.get()
    assert document.file.name.startswith("committees/") and "report" not in document.file.name
    bad = SimpleUploadedFile("x.pdf", b"<html></html>", content_type="application/pdf")
    refused = client.post(
        reverse("committees:document_upload", args=[SLUG]),
        {"title": "x", "kind": "report", "visibility": "public", "file": bad},
    )
    assert refused.status_code == 400 and "has-error" in refused.content.decode()
    assert CommitteeDocument.objects.count() == 1
    client.post(reverse("committees:document_delete", args=[SLUG, document.public_id]))
    assert not CommitteeDocument.objects.exists()
