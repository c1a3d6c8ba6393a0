"""Backup and restore: a drill that backs up while uploads are being written, restores into a fresh
installation and checks it, and the refusals that protect a restore (damaged archive, other engine,
non-empty target). Runs on the database the suite runs on (SQLite file or PostgreSQL)."""

import hashlib
import io
import json
import sqlite3
import tarfile
import threading
import uuid
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from scotemp.core.backup import BackupError, create_backup, restore_backup
from scotemp.core.backup.base import DUMP_MEMBERS, MANIFEST, MEDIA_PREFIX, engine_for
from scotemp.core.backup.postgres import PostgresEngine, find_tool

ON_POSTGRES = connection.vendor == "postgresql"


def _pdf(n: int) -> bytes:
    return b"%PDF-1.4\n" + f"document {n} {uuid.uuid4()}\n".encode() * 50 + b"%%EOF\n"


def _upload(org, n: int):
    """What an upload does: the file is stored first, its row committed after it."""
    document_model = apps.get_model("verification", "VerificationDocument")
    data = _pdf(n)
    doc = document_model(
        organization=org,
        kind="other",
        original_name=f"doc-{n}.pdf",
        content_type="application/pdf",
        extension="pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    with transaction.atomic():
        doc.file.save(doc.original_name, ContentFile(data), save=False)
        doc.save()
        get_user_model().objects.create(email=f"writer-{n}-{uuid.uuid4().hex[:8]}@example.test")


class Writer(threading.Thread):
    """Uploads documents (and creates users) without pause until stopped."""

    def __init__(self, org):
        super().__init__(daemon=True)
        self.org = org
        self.written = 0
        self.stopping = threading.Event()
        self.progress = threading.Condition()
        self.error = None

    def run(self):
        try:
            while not self.stopping.is_set():
                _upload(self.org, 1000 + self.written)
                with self.progress:
                    self.written += 1
                    self.progress.notify_all()
        except Exception as error:  # reported by the test
            self.error = error
            with self.progress:
                self.progress.notify_all()
        finally:
            connection.close()

    def wait_for(self, count: int):
        with self.progress:
            assert self.progress.wait_for(lambda: self.written >= count or self.error, timeout=30)
        assert self.error is None, self.error


class Interleaved:
    """The current engine, made to wait for uploads just before its snapshot and again between the
    snapshot and the copying of the files, so that the drill always has writes on both sides."""

    def __init__(self, settings_dict, writer):
        self.engine = engine_for(settings_dict)
        self.writer = writer

    def __getattr__(self, name):
        return getattr(self.engine, name)

    @contextmanager
    def snapshot(self, dest, progress):
        self.writer.wait_for(self.writer.written + 2)
        with self.engine.snapshot(dest, progress) as reader:
            yield reader
        self.writer.wait_for(self.writer.written + 2)


def _pg_tools_or_skip():
    try:
        find_tool("pg_dump", 0, 0)
        find_tool("pg_restore", 0, 0)
    except BackupError as error:
        pytest.skip(str(error))


@pytest.fixture(scope="session")
def pg_restore_database(django_db_setup, django_db_blocker):
    """A second PostgreSQL database beside the test database, created once for the session."""
    _pg_tools_or_skip()
    with django_db_blocker.unblock():
        settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_restore"[:60]
    # Its own connection in autocommit mode: CREATE DATABASE cannot run inside a transaction.
    with PostgresEngine(settings_dict).connect() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
    yield {**settings_dict, "NAME": name}
    with PostgresEngine(settings_dict).connect() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def fresh_target(request, tmp_path):
    """Settings of an empty database for a restore: a new SQLite file, or on PostgreSQL the second
    database with its schema emptied."""
    if not ON_POSTGRES:
        return {**connection.settings_dict, "NAME": str(tmp_path / "restored" / "scotemp.sqlite3")}
    target = request.getfixturevalue("pg_restore_database")
    with PostgresEngine(target).connect() as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return target


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def archive(tmp_path, media, kz_org):
    """A backup of the test database and of three uploaded files. (Their rows stay in the test's
    transaction, which the backup's own connection does not see: these files are unreferenced.)"""
    if ON_POSTGRES:
        _pg_tools_or_skip()
    for n in range(3):
        _upload(kz_org, n)
    return create_backup(tmp_path / "backup.tar").path


def _counts(settings_dict) -> dict[str, int]:
    with engine_for(settings_dict).reader() as reader:
        return {table: reader.count(table) for table in reader.tables()}


def _rewrite(source: Path, target: Path, *, manifest=None, member=None):
    """Copy an archive, changing its manifest (a function of the dict) or one member's bytes."""
    with tarfile.open(source) as src, tarfile.open(target, "w") as dst:
        for info in src.getmembers():
            data = src.extractfile(info).read()
            if info.name == MANIFEST and manifest:
                data = json.dumps(manifest(json.loads(data))).encode()
            elif member and info.name == member[0]:
                data = member[1](data)
            info.size = len(data)
            dst.addfile(info, io.BytesIO(data))


@pytest.mark.django_db(transaction=True)
def test_drill_backup_while_uploads_go_on_then_restore_into_fresh_installation(
    tmp_path, media, kz_org, fresh_target, monkeypatch
):
    if ON_POSTGRES:
        _pg_tools_or_skip()
    document_model = apps.get_model("verification", "VerificationDocument")
    documents = document_model._meta.db_table
    for n in range(3):
        _upload(kz_org, n)
    writer = Writer(kz_org)
    monkeypatch.setattr(
        "scotemp.core.backup.create.engine_for", lambda settings_dict: Interleaved(settings_dict, writer)
    )
    writer.start()
    try:
        writer.wait_for(3)
        result = create_backup(tmp_path / "drill.tar")
        after_backup = writer.written
        writer.wait_for(after_backup + 3)
    finally:
        writer.stopping.set()
        writer.join(timeout=30)
    assert writer.error is None, writer.error
    manifest = result.manifest

    # The snapshot fell in the middle of the writes: some of them are in it, later ones are not.
    in_backup = manifest["row_counts"][documents]
    assert 3 + 3 <= in_backup < document_model.objects.count()
    assert len(manifest["referenced_files"]) == in_backup
    assert set(manifest["referenced_files"]) <= set(manifest["files"])
    assert len(manifest["files"]) > in_backup  # uploads after the snapshot: copied, unreferenced
    assert manifest["missing_files"] == [] and result.warnings == []
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["latest_migrations"]["verification"]
    assert not result.path.with_name(result.path.name + ".partial").exists()

    restored_media = tmp_path / "restored" / "media"
    restored = restore_backup(result.path, database=fresh_target, media_root=restored_media)
    assert restored.rows == sum(manifest["row_counts"].values())

    # Checked again here, independently of restore_backup's own verification.
    assert _counts(fresh_target) == manifest["row_counts"]
    if not ON_POSTGRES:
        with closing(sqlite3.connect(fresh_target["NAME"])) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    for name, info in manifest["files"].items():
        assert hashlib.sha256((restored_media / name).read_bytes()).hexdigest() == info["sha256"]
    with engine_for(fresh_target).reader() as reader:
        rows = reader.query(f'SELECT file, sha256 FROM "{documents}"')
    assert len(rows) == in_backup
    for name, sha256 in rows:
        assert hashlib.sha256((restored_media / name).read_bytes()).hexdigest() == sha256


@pytest.mark.django_db
def test_a_damaged_archive_is_refused_before_anything_is_written(tmp_path, archive, fresh_target):
    with tarfile.open(archive) as tar:
        upload = next(m.name for m in tar.getmembers() if m.name.startswith(MEDIA_PREFIX))
    damaged = tmp_path / "damaged.tar"
    _rewrite(archive, damaged, member=(upload, lambda data: data.replace(b"document", b"forgery!")))
    restored_media = tmp_path / "restored-media"

    with pytest.raises(BackupError, match="checksum mismatch") as raised:
        restore_backup(damaged, database=fresh_target, media_root=restored_media)
    assert upload.removeprefix(MEDIA_PREFIX) in str(raised.value)
    assert "nothing was written" in str(raised.value)
    assert not restored_media.exists()
    assert not any(engine_for(fresh_target).data_counts().values())

    with pytest.raises(CommandError, match="checksum mismatch"):
        call_command("restore", str(damaged), "--check", verbosity=0)


@pytest.mark.django_db
def test_an_archive_without_a_sound_manifest_is_refused(tmp_path, archive):
    truncated = tmp_path / "truncated.tar"
    with tarfile.open(archive) as src, tarfile.open(truncated, "w") as dst:
        for info in src.getmembers():
            if info.name != MANIFEST:
                dst.addfile(info, src.extractfile(info))
    with pytest.raises(BackupError, match="incomplete or not a SCO TEMP backup"):
        restore_backup(truncated, check_only=True)

    garbled = tmp_path / "garbled.tar"
    _rewrite(archive, garbled, manifest=lambda m: {**m, "row_counts": ["accounts_user"]})
    with pytest.raises(BackupError, match="manifest is damaged"):
        restore_backup(garbled, check_only=True)


@pytest.mark.django_db
def test_a_backup_of_another_engine_is_refused(tmp_path, archive):
    other = "sqlite" if ON_POSTGRES else "postgresql"
    foreign = tmp_path / "foreign.tar"
    database = {"engine": other, "member": DUMP_MEMBERS[other]}
    _rewrite(archive, foreign, manifest=lambda m: {**m, "database": {**m["database"], **database}})
    with pytest.raises(BackupError, match=f"backup is of a {other} database") as raised:
        restore_backup(foreign, media_root=tmp_path / "restored-media")
    assert connection.vendor in str(raised.value)


@pytest.mark.django_db
def test_a_target_holding_data_is_refused_without_force(archive, media):
    # The test database holds the reference data and MEDIA_ROOT the uploads the backup was made of.
    with pytest.raises(BackupError, match="--force") as raised:
        restore_backup(archive)
    message = str(raised.value)
    assert "holds data" in message and "holds files" in message


@pytest.mark.django_db
def test_a_failed_backup_leaves_no_archive(tmp_path, media, monkeypatch):
    if ON_POSTGRES:
        _pg_tools_or_skip()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("scotemp.core.backup.create._add_media", broken)
    with pytest.raises(OSError, match="disk full"):
        create_backup(tmp_path / "backup.tar")
    assert list(tmp_path.iterdir()) == []  # neither the archive nor its .partial, nor a work dir


@pytest.mark.django_db(transaction=True)
def test_backup_command_reports_referenced_files_that_are_missing(tmp_path, media, kz_org, capsys):
    if ON_POSTGRES:
        _pg_tools_or_skip()
    _upload(kz_org, 1)
    _upload(kz_org, 2)
    lost = apps.get_model("verification", "VerificationDocument").objects.first().file.name
    (media / lost).unlink()

    output = tmp_path / "backup.tar"
    with pytest.raises(CommandError, match="missing from") as raised:
        call_command("backup", "--output", str(output))
    assert raised.value.returncode == 2
    assert lost in str(raised.value)
    assert output.exists()  # the archive is still written: the best copy there is
    assert "Backup written" in capsys.readouterr().out

    call_command("restore", str(output), "--check")
    assert "The archive is sound" in capsys.readouterr().out

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", "--output", str(output), verbosity=0)
