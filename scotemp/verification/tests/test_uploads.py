"""Uploads are judged by their bytes: a renamed executable, an oversize file, HTML named .png, an
empty file are all refused with an error on the file field, and nothing is stored (no row, no file)."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scotemp.verification import actions
from scotemp.verification.actions import documents
from scotemp.verification.models import VerificationDocument
from scotemp.verification.uploads import MAX_SIZE, download_name, sniff

from .conftest import JPEG, PDF, PNG

pytestmark = pytest.mark.django_db

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
MZ = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
BAD_UPLOADS = {
    "elf-named-pdf": ("statute.pdf", ELF, "application/pdf"),
    "exe-named-pdf": ("certificate.pdf", MZ, "application/pdf"),
    "html-named-png": ("scan.png", HTML, "image/png"),
    "html-named-pdf": ("licence.pdf", HTML, "application/pdf"),
    "pdf-header-without-end": ("cut.pdf", b"%PDF-1.7\n<html><script>x()</script>", "application/pdf"),
    "png-signature-only": ("x.png", b"\x89PNG\r\n\x1a\n<html>", "image/png"),
    "empty": ("empty.pdf", b"", "application/pdf"),
    "oversize": ("big.pdf", b"%PDF-1.4\n" + b"0" * MAX_SIZE + b"\n%%EOF\n", "application/pdf"),
}


def _files_on_disk(root):
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _post(client, org, name, content, content_type="application/octet-stream", kind="registration"):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(
        reverse("verification:document_upload", args=[org.public_id]), {"kind": kind, "file": upload}
    )


@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_bad_upload_refused_on_the_page_and_nothing_stored(client, aigerim, kz_org, private_media, case):
    client.force_login(aigerim)
    name, content, content_type = BAD_UPLOADS[case]
    response = _post(client, kz_org, name, content, content_type)
    assert response.status_code == 400
    errors = response.context["document_form"].errors
    assert "file" in errors, errors
    assert not VerificationDocument.objects.exists()
    assert _files_on_disk(private_media) == []


def test_error_messages_name_the_rule(client, en_owner):
    from .conftest import org_of

    client.force_login(en_owner)
    org = org_of(en_owner)
    response = _post(client, org, "scan.png", HTML, "image/png")
    assert "Upload a PDF, JPEG or PNG file" in response.content.decode()
    response = _post(client, org, *BAD_UPLOADS["oversize"])
    assert "larger than 10 MB" in response.content.decode()
    response = _post(client, org, *BAD_UPLOADS["empty"])
    # Django's own form field refuses it first, with its translated message
    assert "empty" in response.context["document_form"].errors["file"][0]


def test_error_is_shown_in_the_users_language(client, aigerim, kz_org):
    """Aigerim works in Russian: the field error comes through gettext in her language (checked on
    a message whose Russian catalogue entry exists already)."""
    client.force_login(aigerim)
    response = _post(client, kz_org, "empty.pdf", b"", "application/pdf")
    assert response.status_code == 400
    assert "Отправленный файл пуст." in response.content.decode()


@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_bad_upload_refused_by_the_api(client, aigerim, kz_org, private_media, case):
    client.force_login(aigerim)
    name, content, content_type = BAD_UPLOADS[case]
    response = client.post(
        f"/api/v1/organizations/{kz_org.public_id}/documents",
        {"kind": "registration", "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )
    assert response.status_code == 422, response.content
    assert "file" in response.json()["errors"]
    assert not VerificationDocument.objects.exists()
    assert _files_on_disk(private_media) == []


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("Свидетельство.pdf", PDF, "application/pdf", "pdf"),
        ("营业执照.png", PNG, "image/png", "png"),
        ("scan.jpeg", JPEG, "image/jpeg", "jpg"),
        # the declared type and name do not matter, the bytes do
        ("photo.pdf", PNG, "image/png", "png"),
    ],
)
def test_valid_documents_stored_under_generated_names(
    client, aigerim, kz_org, private_media, name, content, content_type, extension
):
    client.force_login(aigerim)
    response = _post(client, kz_org, name, content, "text/html")
    assert response.status_code == 302, response.content
    document = VerificationDocument.objects.get()
    assert document.original_name == name
    assert document.content_type == content_type
    assert document.extension == extension
    assert document.size == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.uploaded_by == aigerim
    [stored] = _files_on_disk(private_media)
    assert stored.name == f"{document.public_id}.{extension}"
    assert stored.parent.name == str(kz_org.public_id)
    assert stored.read_bytes() == content


def test_valid_upload_through_the_api(client, aigerim, kz_org):
    client.force_login(aigerim)
    response = client.post(
        f"/api/v1/organizations/{kz_org.public_id}/documents",
        {"kind": "tax", "file": SimpleUploadedFile("inn.pdf", PDF, content_type="application/pdf")},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "tax" and body["content_type"] == "application/pdf"
    listed = client.get(f"/api/v1/organizations/{kz_org.public_id}/documents").json()
    assert [d["public_id"] for d in listed] == [body["public_id"]]


def test_unknown_kind_refused(client, aigerim, kz_org):
    client.force_login(aigerim)
    response = _post(client, kz_org, "a.pdf", PDF, kind="passport")
    assert response.status_code == 400
    assert "kind" in response.context["document_form"].errors
    assert not VerificationDocument.objects.exists()


def test_document_limit_per_organization(aigerim, kz_org, private_media, monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENTS", 2)
    for i in range(2):
        actions.upload_document(
            aigerim, kz_org.public_id, kind="other", uploaded=SimpleUploadedFile(f"{i}.pdf", PDF)
        )
    with pytest.raises(ValidationError) as exc:
        actions.upload_document(
            aigerim, kz_org.public_id, kind="other", uploaded=SimpleUploadedFile("3.pdf", PDF)
        )
    assert "file" in exc.value.message_dict
    assert VerificationDocument.objects.count() == 2
    assert len(_files_on_disk(private_media)) == 2


def test_file_removed_when_the_row_does_not_commit(aigerim, kz_org, private_media, monkeypatch):
    """A failure after the file was written (here: the row's save) leaves no file behind."""

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(VerificationDocument, "save", broken_save)
    with pytest.raises(RuntimeError):
        actions.upload_document(
            aigerim, kz_org.public_id, kind="other", uploaded=SimpleUploadedFile("a.pdf", PDF)
        )
    assert _files_on_disk(private_media) == []


def test_plain_member_cannot_upload_and_outsider_gets_404(client, kz_org, outsider):
    from tests.factories import MembershipFactory

    member = MembershipFactory(organization=kz_org, role="member").user
    client.force_login(member)
    assert _post(client, kz_org, "a.pdf", PDF).status_code == 403
    client.force_login(outsider)
    assert _post(client, kz_org, "a.pdf", PDF).status_code == 404
    client.logout()
    assert _post(client, kz_org, "a.pdf", PDF).status_code == 404
    assert not VerificationDocument.objects.exists()


def test_sniff_and_download_name():
    assert sniff(PDF[:16], PDF) == ("application/pdf", "pdf")
    assert sniff(PNG[:16], PNG) == ("image/png", "png")
    assert sniff(JPEG[:16], JPEG) == ("image/jpeg", "jpg")
    assert sniff(ELF[:16], ELF) is None
    assert download_name("scan.JPEG", "jpg") == "scan.JPEG"
    assert download_name("photo.pdf", "png") == "photo.png"
    assert download_name("../../etc/passwd", "pdf") == "passwd.pdf"
    assert download_name("", "pdf") == "document.pdf"
