"""Files chosen in a form that comes back with errors are kept, not lost.

A browser never re-sends a file: when a page returns a form with an error elsewhere (a message too
long, a date in the past), every file the user had chosen is gone and has to be found again on their
disk. Instead, the view keeps each chosen file that passes its own check (:func:`keep`) and the form
shows it as chosen, with a box to drop it (template ``core/held_files.html``, field ``held``). The next
submission brings its id back: :func:`chosen` returns those files, readable as uploads, next to any
newly chosen ones, and :func:`release` deletes them once the action has stored its own copy.

Only the user who chose a file can bring it back, for a day (``purge_held_uploads``)."""

import datetime
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from .models import HeldUpload

log = logging.getLogger(__name__)

FIELD = "held"  # the form field carrying the ids of the kept files
KEEP_FOR = datetime.timedelta(hours=24)
MAX_HELD = 10


@dataclass(frozen=True)
class Kept:
    id: str
    name: str
    size: int


def _as_upload(held: HeldUpload) -> UploadedFile:
    handle = held.file.open("rb")
    return UploadedFile(file=handle, name=held.original_name, size=held.size)


def _ids(values: Iterable[str]) -> list[uuid.UUID]:
    out = []
    for value in values:
        try:
            out.append(uuid.UUID(str(value)))
        except ValueError:
            continue  # a tampered or stale field: ignored, never an error page
    return out[:MAX_HELD]


def _fresh(user):
    return HeldUpload.objects.filter(user=user, created_at__gte=timezone.now() - KEEP_FOR)


def chosen(request) -> tuple[list[UploadedFile], list[Kept]]:
    """The kept files the form brings back (``held`` ids of this user, still fresh), as uploads for
    the action and as :class:`Kept` entries to show again if the form fails once more."""
    ids = _ids(request.POST.getlist(FIELD))
    if not ids or not request.user.is_authenticated:  # most forms bring none back: no query to build
        return [], []
    rows = list(_fresh(request.user).filter(pk__in=ids).order_by("created_at"))
    return [_as_upload(row) for row in rows], [Kept(str(row.pk), row.original_name, row.size) for row in rows]


def keep(request, files: Iterable, check: Callable | None = None) -> list[Kept]:
    """Keep the newly chosen ``files`` that pass ``check`` (a function raising ``ValidationError``
    for a file that would be refused anyway: it is not kept, its error is on the form)."""
    if not request.user.is_authenticated:
        return []
    kept = []
    for uploaded in list(files)[:MAX_HELD]:
        if check is not None:
            try:
                check(uploaded)
            except ValidationError:
                continue
        uploaded.seek(0)
        with transaction.atomic():
            held = HeldUpload(
                user=request.user, original_name=(uploaded.name or "file")[-255:], size=uploaded.size
            )
            held.file.save("upload", uploaded, save=False)
            held.save()
        kept.append(Kept(str(held.pk), held.original_name, held.size))
    return kept


def release(request) -> None:
    """Delete the kept files the request brought back: the action stored its own copies."""
    ids = _ids(request.POST.getlist(FIELD))
    if not ids or not request.user.is_authenticated:
        return
    for held in _fresh(request.user).filter(pk__in=ids):
        discard(held)


def discard(held: HeldUpload) -> None:
    name = held.file.name
    held.delete()
    if name:
        try:
            held.file.storage.delete(name)
        except OSError:  # already gone: the row was the only thing left
            log.warning("held upload file %s was already missing", name)


def purge(older_than: datetime.timedelta = KEEP_FOR) -> int:
    """Delete kept files older than ``older_than``; returns how many."""
    count = 0
    for held in HeldUpload.objects.filter(created_at__lt=timezone.now() - older_than).iterator():
        discard(held)
        count += 1
    return count
