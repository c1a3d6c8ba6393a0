"""Delivery of the e-mail outbox, and what it guarantees.

A worker claims one row at a time: a guarded update moves it from ``pending`` (or from ``sending``
whose lease has run out) to ``sending`` with the worker's ``claim_token`` and a lease of
:func:`lease` (60 s). While the SMTP conversation of that row lasts, a heartbeat thread renews the
lease every third of it, so a slow server does not hand a live claim to a second worker. As soon as
the server has accepted the message the row is marked ``sent`` (one UPDATE, committed at once).

So each e-mail is delivered **at least once**, and twice only when the worker dies (or stalls for
longer than the lease) between the server's acceptance and the commit of ``sent``, a window of a
few milliseconds. The copy sent again carries the same Message-ID, so it is recognisable as the same
message. A worker that dies at any other moment leaves a row that is claimed again once its lease
has expired; nothing is lost. Failures are retried with exponential backoff (1, 2, 4, 8 minutes)
and the row is marked ``failed`` after :data:`MAX_ATTEMPTS`.
"""

import hashlib
import logging
import secrets
import threading
import time
from datetime import timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import close_old_connections, connection
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from ..models import OutboxEmail, OutboxStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
LEASE = timedelta(seconds=60)
BACKOFF_BASE = timedelta(minutes=1)  # 1, 2, 4, 8 minutes between attempts


def lease() -> timedelta:
    """How long a claim lasts without renewal (``SCOTEMP_OUTBOX_LEASE`` seconds, default 60)."""
    seconds = getattr(settings, "SCOTEMP_OUTBOX_LEASE", None)
    return timedelta(seconds=float(seconds)) if seconds else LEASE


def message_id(row: OutboxEmail) -> str:
    """The Message-ID of a row: the same for every attempt (stored at the first claim)."""
    if row.message_id:
        return row.message_id
    digest = hashlib.sha256(f"{row.pk}:{row.dedupe_key}".encode()).hexdigest()[:16]
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    domain = address.rsplit("@", 1)[-1] if "@" in address else ""
    domain = domain or urlsplit(settings.SCOTEMP_BASE_URL).hostname or "scotemp.local"
    return f"<outbox-{row.pk}.{digest}@{domain}>"


def claimable(now=None):
    """Rows a worker may claim: pending and due, or in ``sending`` with an expired lease."""
    now = now or timezone.now()
    due = Q(status=OutboxStatus.PENDING) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    expired = Q(status=OutboxStatus.SENDING) & (
        Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True, claimed_at__lt=now - lease())
    )
    return OutboxEmail.objects.filter(due | expired)


def claim(row_id: int, token: str | None = None, now=None) -> OutboxEmail | None:
    """Claim one row for ``token`` by a guarded update; None if another worker holds it (or it is
    not due). The first claim stores the row's Message-ID in the same update (one write a claim: on
    SQLite every write waits for the same lock as the requests)."""
    now = now or timezone.now()
    token = token or secrets.token_hex(16)
    current = OutboxEmail.objects.filter(pk=row_id).values("dedupe_key", "message_id").first()
    if current is None:
        return None
    new_id = current["message_id"] or message_id(OutboxEmail(pk=row_id, dedupe_key=current["dedupe_key"]))
    updated = (
        claimable(now)
        .filter(pk=row_id)
        .update(
            status=OutboxStatus.SENDING,
            claim_token=token,
            claimed_at=now,
            lease_expires_at=now + lease(),
            attempts=F("attempts") + 1,
            message_id=Case(When(message_id="", then=Value(new_id)), default=F("message_id")),
        )
    )
    if not updated:
        return None
    return OutboxEmail.objects.select_related("user").get(pk=row_id)


class LeaseKeeper:
    """Renews the lease of the row being sent, every third of the lease, from a thread of its own
    (with its own database connection) while the SMTP conversation of that row lasts."""

    def __init__(self):
        self._row = None  # (pk, token)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = None

    def hold(self, row: OutboxEmail) -> None:
        with self._lock:
            self._row = (row.pk, row.claim_token)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="outbox-lease", daemon=True)
            self._thread.start()

    def release(self) -> None:
        with self._lock:
            self._row = None

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        interval = lease().total_seconds() / 3
        try:
            while not self._stop.wait(interval):
                with self._lock:
                    held = self._row
                if held is None:
                    continue
                try:
                    renew(*held)
                except Exception:  # a missed renewal shortens the lease; the next one may succeed
                    log.exception("could not renew the lease of outbox row %s", held[0])
                    close_old_connections()
        finally:
            connection.close()


def renew(row_id: int, token: str) -> bool:
    """Extend the lease of a row still claimed by ``token``."""
    return bool(
        OutboxEmail.objects.filter(pk=row_id, claim_token=token, status=OutboxStatus.SENDING).update(
            lease_expires_at=timezone.now() + lease()
        )
    )


def send_row(row: OutboxEmail, mail_connection=None) -> bool:
    """Send a claimed row and record the outcome: ``sent`` the moment the server accepted it,
    otherwise a retry after a backoff (``failed`` after :data:`MAX_ATTEMPTS`). Returns whether it
    was sent."""
    try:
        message = EmailMultiAlternatives(
            subject=row.subject,
            body=row.body,
            to=[row.to],
            headers={"Message-ID": message_id(row)},
            connection=mail_connection,
        )
        message.send()
    except Exception as exc:
        failed = row.attempts >= MAX_ATTEMPTS
        still_ours = OutboxEmail.objects.filter(
            pk=row.pk, status=OutboxStatus.SENDING, claim_token=row.claim_token
        )
        still_ours.update(
            status=OutboxStatus.FAILED if failed else OutboxStatus.PENDING,
            next_attempt_at=None if failed else timezone.now() + BACKOFF_BASE * (2 ** (row.attempts - 1)),
            lease_expires_at=None,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        log.warning("outbox %s attempt %s failed: %s", row.pk, row.attempts, exc)
        return False
    changes = {
        "status": OutboxStatus.SENT,
        "sent_at": timezone.now(),
        "lease_expires_at": None,
        "last_error": "",
    }
    if row.erase_when_sent:
        changes["body"] = ""
    OutboxEmail.objects.filter(pk=row.pk).update(**changes)
    return True


class _MailConnection:
    """The mail backend for one run: one connection, opened on first use (an error opening it is an
    error of that row's attempt) and reopened after a failed attempt."""

    def __init__(self):
        timeout = getattr(settings, "EMAIL_TIMEOUT", None) or lease().total_seconds() / 2
        self.backend = get_connection(timeout=timeout)
        self.opened = False

    def send_messages(self, messages):
        if not self.opened:
            self.backend.open()
            self.opened = True
        return self.backend.send_messages(messages)

    def close(self):
        if self.opened:
            self.opened = False
            try:
                self.backend.close()
            except Exception:
                log.debug("closing the mail connection failed", exc_info=True)


def deliver_outbox(limit: int = 500, now=None, budget: float | None = None) -> int:
    """Send up to ``limit`` due e-mails, one claimed row at a time, for at most ``budget`` seconds
    (claims stop then; the row being sent is finished). Returns the number of rows claimed. Safe to
    run in several workers at once."""
    ids = list(claimable(now).order_by("created_at", "pk").values_list("pk", flat=True)[:limit])
    if not ids:
        return 0
    deadline = time.monotonic() + budget if budget else None
    token = secrets.token_hex(16)
    keeper = LeaseKeeper()
    mail = _MailConnection()
    done = 0
    try:
        for row_id in ids:
            if deadline is not None and time.monotonic() > deadline:
                break
            row = claim(row_id, token, now)
            if row is None:
                continue
            keeper.hold(row)
            try:
                sent = send_row(row, mail)
            finally:
                keeper.release()
            if not sent:
                mail.close()
            done += 1
    finally:
        keeper.close()
        mail.close()
    return done
