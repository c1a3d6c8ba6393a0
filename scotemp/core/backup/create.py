"""Writing a backup: snapshot the database, then copy the uploads, then the manifest, into one tar
file that gets its final name only once complete."""

import json
import os
import shutil
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from .archive import add_bytes, add_file, fsync_dir, media_files
from .base import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_PREFIX,
    BackupError,
    Progress,
    database_state,
    engine_for,
    megabytes,
    platform_version,
)


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    seconds: float
    size: int
    warnings: list[str] = field(default_factory=list)


def default_output(now=None) -> Path:
    now = now or timezone.now()
    return Path(settings.VAR_DIR) / "backups" / f"scotemp-{now:%Y%m%d-%H%M%S}Z.tar"


def _open_output(output: Path):
    """The ``.partial`` file to write (created with owner-only permissions: the archive holds
    personal data and contracts) and its opened handle."""
    if output.exists():
        raise BackupError(_("%(path)s already exists; choose another --output.") % {"path": output})
    if not output.parent.exists():
        output.parent.mkdir(mode=0o700, parents=True)
    partial = output.with_name(output.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(
            _(
                "%(path)s exists: another backup is writing it, or an interrupted one left it behind "
                "(then delete it)."
            )
            % {"path": partial}
        ) from None
    except OSError as error:
        raise BackupError(
            _("Cannot write %(path)s: %(error)s") % {"path": partial, "error": error.strerror}
        ) from error
    return partial, os.fdopen(fd, "wb")


def create_backup(output=None, *, alias="default", media_root=None, progress=None) -> BackupResult:
    """Back up the database ``alias`` and the files under ``media_root`` (default MEDIA_ROOT) into
    one archive at ``output`` (default var/backups/scotemp-<UTC time>.tar; ``.tar.gz`` compresses).

    The database is copied first, as one consistent snapshot, and the files after it: every file
    that a row of the snapshot references was complete before its row was committed, so it is in the
    archive; a file uploaded later is copied too and merely unreferenced."""
    started = time.monotonic()
    report = Progress(progress)
    engine = engine_for(connections[alias].settings_dict)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    output = Path(output) if output else default_output()
    compress = output.name.endswith((".tar.gz", ".tgz"))
    mode, level = ("w:gz", {"compresslevel": 6}) if compress else ("w", {})
    created_at = timezone.now()
    partial, raw = _open_output(output)
    workdir = Path(tempfile.mkdtemp(prefix=".scotemp-backup-", dir=output.parent))
    warnings = []
    try:
        dump = workdir / engine.dump_member
        with engine.snapshot(dump, report) as reader:
            state = database_state(reader)
            integrity = reader.integrity()
        if integrity not in (None, "ok"):
            warnings.append(_("integrity_check of the database copy: %(result)s") % {"result": integrity})
        total_rows = sum(state["row_counts"].values())
        report.say(
            _("Snapshot: %(tables)d tables, %(rows)d rows, %(refs)d referenced files.")
            % {"tables": len(state["row_counts"]), "rows": total_rows, "refs": len(state["referenced_files"])}
        )
        with raw, tarfile.open(fileobj=raw, mode=mode, format=tarfile.PAX_FORMAT, **level) as tar:
            db_sha, db_size, _changed = add_file(tar, engine.dump_member, dump)
            dump.unlink()
            files, changed = _add_media(tar, media_root, output.parent, report)
            missing = sorted(set(state["referenced_files"]) - set(files))
            if missing:
                warnings.append(
                    _("%(count)d files referenced by the database are missing from %(root)s: %(names)s")
                    % {"count": len(missing), "root": media_root, "names": ", ".join(missing[:20])}
                )
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": created_at.isoformat(timespec="seconds"),
                "platform": platform_version(),
                "django_version": django.get_version(),
                "database": {
                    "engine": engine.vendor,
                    "member": engine.dump_member,
                    "sha256": db_sha,
                    "size": db_size,
                    **engine.info(),
                },
                "integrity_check": integrity,
                "migrations": state["migrations"],
                "latest_migrations": {app: names[-1] for app, names in state["migrations"].items()},
                "row_counts": state["row_counts"],
                "files": files,
                "referenced_files": state["referenced_files"],
                "missing_files": missing,
                "changed_during_backup": changed,
            }
            body = json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True).encode()
            add_bytes(tar, MANIFEST, body, created_at.timestamp())
            tar.close()
            raw.flush()
            os.fsync(raw.fileno())
        if output.exists():
            raise BackupError(_("%(path)s already exists; choose another --output.") % {"path": output})
        os.replace(partial, output)
        fsync_dir(output.parent)
    except BaseException:
        raw.close()
        partial.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    size = output.stat().st_size
    return BackupResult(output, manifest, time.monotonic() - started, size, warnings)


def _add_media(tar, media_root: Path, backups_dir: Path, report: Progress):
    """Add every file under ``media_root``; returns ({name: {sha256, size}}, [names changed while
    they were read]). A backups directory inside MEDIA_ROOT is left out."""
    exclude = backups_dir if backups_dir.resolve().is_relative_to(media_root.resolve()) else None
    report.say(_("Copying the uploaded files from %(root)s…") % {"root": media_root})
    files, changed = {}, []
    total = 0
    for name, path in media_files(media_root, exclude=exclude):
        try:
            sha, size, was_changed = add_file(tar, MEDIA_PREFIX + name, path)
        except FileNotFoundError:
            continue  # deleted since the directory was listed: it is not in the snapshot either
        if was_changed:
            changed.append(name)
            continue
        files[name] = {"sha256": sha, "size": size}
        total += size
        if report.due():
            report.say(_("Files: %(count)d (%(size)s)…") % {"count": len(files), "size": megabytes(total)})
    report.say(_("Files: %(count)d (%(size)s).") % {"count": len(files), "size": megabytes(total)})
    return files, changed
