"""Restoring a backup: check everything that can be checked before writing anything, write the
database and the files, then check the result against the manifest."""

import json
import shutil
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from .archive import TEMP_SUFFIX, extract_member, hash_member, media_files, safe_relative, sha256_file
from .base import (
    DUMP_MEMBERS,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_PREFIX,
    BackupError,
    Progress,
    data_tables,
    database_state,
    engine_for,
    engine_vendor,
    megabytes,
)

MAX_MANIFEST = 256 * 1024 * 1024


@dataclass
class RestoreResult:
    manifest: dict
    seconds: float
    tables: int
    rows: int
    files: int
    warnings: list[str] = field(default_factory=list)


def _open(archive: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(archive, mode="r:*")
    except FileNotFoundError:
        raise BackupError(_("%(path)s does not exist.") % {"path": archive}) from None
    except (tarfile.TarError, OSError) as error:
        raise BackupError(
            _("%(path)s is not a readable backup archive: %(error)s") % {"path": archive, "error": error}
        ) from error


def read_manifest(tar: tarfile.TarFile) -> dict:
    """The archive's manifest, checked for the fields a restore relies on."""
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise BackupError(
            _("The archive has no %(name)s: it is incomplete or not a SCO TEMP backup.") % {"name": MANIFEST}
        ) from None
    if not member.isfile() or member.size > MAX_MANIFEST:
        raise BackupError(_("The archive's manifest is damaged."))
    try:
        manifest = json.loads(tar.extractfile(member).read())
        ok = (
            manifest["format"] == FORMAT
            and isinstance(manifest["format_version"], int)
            and manifest["database"]["member"] == DUMP_MEMBERS.get(manifest["database"]["engine"])
            and isinstance(manifest["database"]["sha256"], str)
            and all(isinstance(n, int) for n in manifest["row_counts"].values())
            and all(isinstance(f["sha256"], str) for f in manifest["files"].values())
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        ok = False
    if not ok:
        raise BackupError(_("The archive's manifest is damaged."))
    if manifest["format_version"] > FORMAT_VERSION:
        raise BackupError(
            _("This backup was written by a newer version of the platform (format %(version)s).")
            % {"version": manifest["format_version"]}
        )
    for name in manifest["files"]:
        safe_relative(name)
    return manifest


def _check_migrations(manifest: dict, force: bool) -> list[str]:
    """Refuse a backup whose migrations this code does not know (unless ``force``); list the
    migrations it lacks, which ``manage.py migrate`` applies after the restore."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    saved = {(app, name) for app, names in manifest.get("migrations", {}).items() for name in names}
    unknown = sorted(saved - known)
    if unknown and not force:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:10])
        raise BackupError(
            _(
                "The backup holds migrations this code does not have (%(names)s): it was taken by a newer "
                "version of the platform. Install that version, or restore with --force."
            )
            % {"names": names}
        )
    pending = sorted(known - saved)
    if pending and saved:
        return [
            _(
                "%(count)d migrations of this code are newer than the backup: run manage.py migrate "
                "after the restore."
            )
            % {"count": len(pending)}
        ]
    return []


def _verify_archive(tar: tarfile.TarFile, manifest: dict, report: Progress) -> dict[str, tarfile.TarInfo]:
    """Check the checksum of the database dump and of every listed file. Returns the members by
    name; raises with every problem found."""
    wanted = {manifest["database"]["member"]: manifest["database"]["sha256"]}
    wanted |= {MEDIA_PREFIX + name: info["sha256"] for name, info in manifest["files"].items()}
    members = {m.name: m for m in tar.getmembers() if m.name in wanted}
    problems = [
        _("missing from the archive: %(name)s") % {"name": name} for name in wanted if name not in members
    ]
    total = sum(m.size for m in members.values())
    done = 0
    for name, member in sorted(members.items(), key=lambda item: item[1].offset):
        if not member.isfile():
            problems.append(_("not a regular file: %(name)s") % {"name": name})
        elif hash_member(tar, member) != wanted[name]:
            problems.append(_("checksum mismatch: %(name)s") % {"name": name})
        done += member.size
        if report.due():
            report.say(
                _("Checking checksums: %(done)s of %(total)s…")
                % {"done": megabytes(done), "total": megabytes(total)}
            )
    listed = set(manifest["files"]) | set(manifest.get("missing_files", []))
    for name in manifest.get("referenced_files", []):
        if name not in listed:
            problems.append(_("referenced by the database but not in the archive: %(name)s") % {"name": name})
    if problems:
        raise BackupError(
            _("The archive is damaged; nothing was written (%(count)d problems):") % {"count": len(problems)}
            + "\n  "
            + "\n  ".join(problems[:30])
        )
    report.say(_("Checksums verified: the database and %(count)d files.") % {"count": len(manifest["files"])})
    return members


def _check_target_empty(engine, media_root: Path) -> None:
    counts = data_tables(engine.data_counts())
    problems = []
    if counts:
        tables = ", ".join(f"{table} ({n})" for table, n in sorted(counts.items())[:8])
        problems.append(
            _("the database %(db)s holds data: %(tables)s") % {"db": engine.describe(), "tables": tables}
        )
    if next(media_files(media_root), None):
        problems.append(_("%(root)s holds files") % {"root": media_root})
    if problems:
        raise BackupError(
            _(
                "The target is not empty (%(problems)s). Nothing was written; restore with --force "
                "to replace it."
            )
            % {"problems": "; ".join(problems)}
        )


def restore_backup(
    archive, *, alias="default", database=None, media_root=None, force=False, check_only=False, progress=None
) -> RestoreResult:
    """Restore ``archive`` into the database ``alias`` (or the settings dict ``database``) and the
    directory ``media_root`` (default MEDIA_ROOT).

    Refused, before anything is written, when the archive's engine differs from the target's, when
    a checksum does not match, or when the target holds data and ``force`` is not given. With
    ``check_only`` only the archive is checked. Afterwards the row counts, the applied migrations,
    SQLite's integrity_check and every file's checksum are compared with the manifest."""
    started = time.monotonic()
    report = Progress(progress)
    archive = Path(archive)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    settings_dict = database or connections[alias].settings_dict
    with _open(archive) as tar:
        report.say(_("Reading %(path)s…") % {"path": archive})
        manifest = read_manifest(tar)
        rows = sum(manifest["row_counts"].values())
        if check_only:
            _verify_archive(tar, manifest, report)
            seconds = time.monotonic() - started
            return RestoreResult(manifest, seconds, len(manifest["row_counts"]), rows, len(manifest["files"]))
        vendor = engine_vendor(settings_dict)
        if manifest["database"]["engine"] != vendor:
            raise BackupError(
                _(
                    "This backup is of a %(backup)s database and cannot be restored into %(target)s. "
                    "Restore it into an installation that uses %(backup)s."
                )
                % {"backup": manifest["database"]["engine"], "target": vendor}
            )
        warnings = _check_migrations(manifest, force)
        engine = engine_for(settings_dict)
        if not force:
            _check_target_empty(engine, media_root)
        members = _verify_archive(tar, manifest, report)
        connections.close_all()
        _restore_database(tar, members, manifest, engine, report)
        _restore_files(tar, members, manifest, media_root, report)
    warnings += _verify_restored(engine, manifest, media_root, report)
    return RestoreResult(
        manifest,
        time.monotonic() - started,
        len(manifest["row_counts"]),
        rows,
        len(manifest["files"]),
        warnings,
    )


def _restore_database(tar, members, manifest: dict, engine, report: Progress) -> None:
    database = manifest["database"]
    workdir = Path(tempfile.mkdtemp(prefix=".scotemp-restore-", dir=engine.scratch_dir()))
    try:
        dump = workdir / database["member"]
        extract_member(tar, members[database["member"]], dump, database["sha256"])
        engine.restore(dump, report, pg_dump_major=database.get("pg_dump_major"))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _restore_files(tar, members, manifest: dict, media_root: Path, report: Progress) -> None:
    report.say(_("Writing the uploaded files to %(root)s…") % {"root": media_root})
    root = media_root.resolve()
    files = manifest["files"]
    for count, name in enumerate(sorted(files, key=lambda n: members[MEDIA_PREFIX + n].offset), 1):
        dest = media_root / name
        if not dest.resolve().is_relative_to(root) or dest.name.endswith(TEMP_SUFFIX):
            raise BackupError(_("The archive names an unsafe path: %(name)s") % {"name": name})
        extract_member(tar, members[MEDIA_PREFIX + name], dest, files[name]["sha256"])
        if report.due():
            report.say(_("Files: %(count)d of %(total)d…") % {"count": count, "total": len(files)})
    report.say(_("Files: %(count)d written.") % {"count": len(files)})


def _verify_restored(engine, manifest: dict, media_root: Path, report: Progress) -> list[str]:
    """Compare the restored installation with the manifest; raises on any difference, returns
    warnings (files that were already missing when the backup was taken)."""
    report.say(_("Verifying the restored database and files…"))
    problems = []
    with engine.reader() as reader:
        state = database_state(reader)
        integrity = reader.integrity()
    if integrity not in (None, "ok"):
        problems.append(_("integrity_check: %(result)s") % {"result": integrity})
    expected = manifest["row_counts"]
    for table in sorted(set(expected) | set(state["row_counts"])):
        got, want = state["row_counts"].get(table), expected.get(table)
        if got != want:
            problems.append(
                _("table %(table)s: %(got)s rows, the backup has %(want)s")
                % {"table": table, "got": got, "want": want}
            )
    if state["migrations"] != manifest.get("migrations", state["migrations"]):
        problems.append(_("the applied migrations differ from the backup's"))
    for name, info in manifest["files"].items():
        path = media_root / name
        if not path.is_file() or sha256_file(path) != info["sha256"]:
            problems.append(_("file %(name)s is missing or differs") % {"name": name})
    known_missing = set(manifest.get("missing_files", []))
    for name in state["referenced_files"]:
        if name not in known_missing and not (media_root / name).is_file():
            problems.append(_("file %(name)s is referenced by the database but missing") % {"name": name})
    if problems:
        raise BackupError(
            _("The restored installation does not match the backup (%(count)d problems):")
            % {"count": len(problems)}
            + "\n  "
            + "\n  ".join(problems[:30])
        )
    warnings = []
    if known_missing:
        warnings.append(
            _(
                "%(count)d files referenced by the database were already missing when the backup "
                "was taken: %(names)s"
            )
            % {"count": len(known_missing), "names": ", ".join(sorted(known_missing)[:20])}
        )
    return warnings
