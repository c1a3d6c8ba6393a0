"""A file chosen for a message that came back with an error is still chosen on the page that
comes back, is sent with the corrected message, and is usable by nobody else."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scotemp.core.models import HeldUpload
from scotemp.deals.choices import MAX_MESSAGE_LENGTH
from scotemp.deals.models import Attachment, Message
from scotemp.deals.tests.helpers import quoted_inquiry

from .test_views import PDF, login


def test_chosen_file_survives_an_error_and_goes_with_the_corrected_message(
    client, li_wei, cn_org, aigerim, kz_org
):
    inquiry, _quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    url = reverse("deals:post_message", args=[inquiry.public_id])
    seller = login(client, aigerim)
    failed = seller.post(
        url,
        {
            "body": "x" * (MAX_MESSAGE_LENGTH + 1),
            "file": [
                SimpleUploadedFile("Спецификация.pdf", PDF, "application/pdf"),
                SimpleUploadedFile("virus.pdf", b"MZ not a pdf", "application/pdf"),
            ],
        },
    )
    assert failed.status_code == 400
    page = failed.content.decode()
    assert "Спецификация.pdf" in page and 'name="held"' in page
    assert "virus.pdf" not in page.split('data-testid="held-files"')[1]  # a refused file is not kept
    held = HeldUpload.objects.get()
    assert held.original_name == "Спецификация.pdf"
    assert Message.objects.count() == 0

    # Someone else cannot attach it by sending its id.
    thief = login(client.__class__(), li_wei)
    thief.post(url, {"body": "мой", "held": [str(held.pk)]})
    assert not Attachment.objects.exists()

    sent = seller.post(url, {"body": "Спецификация во вложении", "held": [str(held.pk)]})
    assert sent.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "Спецификация.pdf"
    assert attachment.message.body == "Спецификация во вложении"
    assert not HeldUpload.objects.exists()  # released once stored with the message


def test_purge_removes_kept_files_after_a_day(client, li_wei, cn_org, aigerim, kz_org):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    inquiry, _quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    seller = login(client, aigerim)
    seller.post(
        reverse("deals:post_message", args=[inquiry.public_id]),
        {
            "body": "x" * (MAX_MESSAGE_LENGTH + 1),
            "file": [SimpleUploadedFile("a.pdf", PDF, "application/pdf")],
        },
    )
    held = HeldUpload.objects.get()
    storage, name = held.file.storage, held.file.name
    assert storage.exists(name)
    HeldUpload.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    call_command("purge_held_uploads", verbosity=0)
    assert not HeldUpload.objects.exists() and not storage.exists(name)
