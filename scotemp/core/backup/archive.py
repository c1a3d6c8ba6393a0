"""The tar file of a backup: members added while hashing them, member names checked before use,
members extracted to a temporary name and renamed only once their checksum matches."""

import hashlib
import io
import os
import tarfile
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from .base import BackupError

CHUNK = 1024 * 1024
TEMP_SUFFIX = ".restoring"


class _ExactReader:
    """Reads exactly ``size`` bytes of ``f`` and hashes them. A file that turns out shorter (it
    changed while it was read) is padded with zeros and flagged ``short``, so the tar stays valid."""

    def __init__(self, f, size: int):
        self.f = f
        self.left = size
        self.digest = hashlib.sha256()
        self.short = False

    def read(self, n: int = -1) -> bytes:
        if n < 0 or n > self.left:
            n = self.left
        data = self.f.read(n) if not self.short else b""
        if len(data) < n:
            self.short = True
            data += b"\0" * (n - len(data))
        self.left -= n
        self.digest.update(data)
        return data


def add_file(tar: tarfile.TarFile, name: str, path: Path) -> tuple[str, int, bool]:
    """Add the file at ``path`` as member ``name``; returns (sha256, size, changed while read)."""
    with open(path, "rb") as f:
        before = os.fstat(f.fileno())
        info = tarfile.TarInfo(name)
        info.size = before.st_size
        info.mtime = int(before.st_mtime)
        info.mode = 0o600
        reader = _ExactReader(f, before.st_size)
        tar.addfile(info, reader)
        after = os.fstat(f.fileno())
    changed = reader.short or (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns)
    return reader.digest.hexdigest(), before.st_size, changed


def add_bytes(tar: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(mtime)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def safe_relative(name: str) -> str:
    """``name`` if it is a plain relative path (no ``..``, not absolute); otherwise BackupError."""
    path = PurePosixPath(name)
    if not name or "\\" in name or "\0" in name or path.is_absolute() or ".." in path.parts:
        raise BackupError(_("The archive names an unsafe path: %(name)s") % {"name": name})
    return str(path)


def hash_member(tar: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    f = tar.extractfile(member)
    digest = hashlib.sha256()
    while chunk := f.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def extract_member(tar: tarfile.TarFile, member: tarfile.TarInfo, dest: Path, sha256: str) -> None:
    """Write ``member`` to ``dest`` through a temporary name; renamed only if its checksum is
    ``sha256``, so ``dest`` never holds partial or wrong content."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    temp = dest.with_name(dest.name + TEMP_SUFFIX)
    source = tar.extractfile(member)
    digest = hashlib.sha256()
    try:
        with open(temp, "wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha256:
            raise BackupError(
                _("%(name)s changed in the archive while it was being restored.") % {"name": member.name}
            )
        os.replace(temp, dest)
    finally:
        temp.unlink(missing_ok=True)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def media_files(root: Path, exclude: Path | None = None):
    """``(relative posix name, path)`` of every regular file under ``root``, sorted; symbolic links,
    leftovers of an interrupted restore and anything under ``exclude`` are skipped."""
    if not root.is_dir():
        return
    for directory, dirnames, filenames in os.walk(root):
        here = Path(directory)
        dirnames.sort()
        if exclude is not None:
            dirnames[:] = [d for d in dirnames if (here / d) != exclude]
        for filename in sorted(filenames):
            path = here / filename
            if filename.endswith(TEMP_SUFFIX) or path.is_symlink() or not path.is_file():
                continue
            yield path.relative_to(root).as_posix(), path
