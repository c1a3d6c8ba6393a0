"""What an uploaded registration document really is, judged by its bytes, never by its name or the
content type the browser declared.

Accepted: PDF (``%PDF-`` at the start and an ``%%EOF`` marker near the end), JPEG (``FF D8 FF``) and
PNG (the 8-byte PNG signature followed by the ``IHDR`` chunk). Everything else, including HTML
or an executable renamed to ``.pdf``, is refused with a translated error on the ``file`` field.
"""

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

MAX_SIZE = 10 * 1024 * 1024  # 10 MB
PDF_TAIL = 4096  # readers look for %%EOF in the last 1024 bytes; allow some trailing bytes


@dataclass(frozen=True)
class Detected:
    content_type: str
    extension: str
    size: int
    sha256: str


def sniff(head: bytes, tail: bytes) -> tuple[str, str] | None:
    """(content type, extension) for the first and last bytes of a file, or ``None``."""
    if head.startswith(b"%PDF-") and b"%%EOF" in tail:
        return "application/pdf", "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return "image/png", "png"
    return None


def check_upload(uploaded) -> Detected:
    """Validate an uploaded file (a Django ``UploadedFile`` or any file object with ``size``/``chunks``).

    Raises ``ValidationError({"file": [...]})`` when it is empty, too large or not a PDF/JPEG/PNG."""
    size = getattr(uploaded, "size", None) or 0
    if size <= 0:
        raise ValidationError({"file": [_("The file is empty.")]}, code="empty")
    if size > MAX_SIZE:
        raise ValidationError(
            {
                "file": [
                    _("The file is larger than %(limit)s, the limit for a document.") % {"limit": "10 MB"}
                ]
            },
            code="too_large",
        )
    digest = hashlib.sha256()
    head = b""
    tail = b""
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        if len(head) < 16:
            head += chunk[: 16 - len(head)]
        tail = (tail + chunk)[-PDF_TAIL:]
        digest.update(chunk)
    uploaded.seek(0)
    found = sniff(head, tail)
    if found is None:
        raise ValidationError(
            {
                "file": [
                    _(
                        "Upload a PDF, JPEG or PNG file. This file's content is none of these, "
                        "whatever its name."
                    )
                ]
            },
            code="bad_type",
        )
    content_type, extension = found
    return Detected(content_type=content_type, extension=extension, size=size, sha256=digest.hexdigest())


def download_name(original_name: str, extension: str) -> str:
    """The name offered when downloading: the original name, with the real extension if it differed."""
    name = (original_name or "document").replace("\\", "/").rsplit("/", 1)[-1].strip() or "document"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem = name
    real = {"jpg": ("jpg", "jpeg"), "pdf": ("pdf",), "png": ("png",)}[extension]
    if dot and ext.lower() in real:
        return name
    return f"{stem}.{extension}"


def store_checked_file(instance, uploaded, detected: Detected, stored: list[str]) -> None:
    """Fill a model's checked-file fields (``original_name``, ``content_type``, ``extension``,
    ``size``, ``sha256``) from :func:`check_upload`'s result and write the file under the name its
    ``upload_to`` generates (never the user's). The stored name is added to ``stored``, the list
    :func:`discard_on_failure` yields, so the file goes away if its row does not commit."""
    instance.original_name = (getattr(uploaded, "name", "") or "document")[-255:]
    instance.content_type = detected.content_type
    instance.extension = detected.extension
    instance.size = detected.size
    instance.sha256 = detected.sha256
    uploaded.seek(0)
    instance.file.save("upload", uploaded, save=False)
    stored.append(instance.file.name)


@contextmanager
def discard_on_failure():
    """Wrap the transaction that stores files (with :func:`store_checked_file`): if the block raises,
    its rows roll back and the files written meanwhile are deleted, so no file outlives its row."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
