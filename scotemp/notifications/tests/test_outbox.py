"""notify() and the outbox under the failures that matter: rollback, a dead worker, retries and
concurrent workers. Each e-mail is identified by its Message-ID."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from scotemp.notifications.actions import deliver_outbox, notify, queue_email, queue_message
from scotemp.notifications.actions.delivery import (
    MAX_ATTEMPTS,
    LeaseKeeper,
    claim,
    lease,
    message_id,
    renew,
    send_row,
)
from scotemp.notifications.models import Notification, OutboxEmail, OutboxStatus
from tests.factories import UserFactory

PREFIX = "notifications/email/notification"


def _notify(user, key="event-1", **params):
    return notify(
        user,
        "message",
        {"title": "Wheat offer", "body": "A new offer", **params},
        "/leads/",
        key,
        email_template_prefix=PREFIX,
    )


def _message_ids():
    return [m.extra_headers["Message-ID"] for m in mail.outbox]


@pytest.mark.django_db
def test_rollback_leaves_no_notification_and_no_email(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            _notify(user)
            raise RuntimeError("the action failed after notify()")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert not OutboxEmail.objects.exists()
    deliver_outbox()
    assert mail.outbox == []


@pytest.mark.django_db
def test_commit_delivers_once_through_the_task(django_capture_on_commit_callbacks):
    user = UserFactory(email="buyer@example.test")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _notify(user)
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["buyer@example.test"]
    assert mail.outbox[0].subject == "Wheat offer"
    assert "http://localhost:8000/leads/" in mail.outbox[0].body
    row = OutboxEmail.objects.get()
    assert row.status == OutboxStatus.SENT and row.attempts == 1
    assert deliver_outbox() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_worker_dies_before_sending_row_is_delivered_once_by_next_run(django_capture_on_commit_callbacks):
    user = UserFactory()
    # The commit happened, but the enqueued delivery never ran (worker down).
    with django_capture_on_commit_callbacks(execute=False):
        _notify(user, key="pending-case")
    assert OutboxEmail.objects.get().status == OutboxStatus.PENDING
    assert deliver_outbox() == 1
    assert deliver_outbox() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_worker_dies_after_claim_row_is_retried_once_its_lease_expired(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False):
        _notify(user, key="claimed-case")
    row = OutboxEmail.objects.get()
    assert claim(row.pk) is not None  # ...and the worker dies here
    assert OutboxEmail.objects.get().status == OutboxStatus.SENDING
    assert deliver_outbox() == 0  # a live worker may still be sending it
    later = timezone.now() + lease() + timedelta(seconds=1)
    assert deliver_outbox(now=later) == 1
    assert deliver_outbox(now=later) == 0
    assert len(mail.outbox) == 1
    assert OutboxEmail.objects.get().attempts == 2


@pytest.mark.django_db
def test_resend_after_crash_between_send_and_mark_keeps_message_id(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False):
        _notify(user, key="sent-not-marked")
    row = claim(OutboxEmail.objects.get().pk)
    send_row(row)
    # Crash simulation: the "sent" mark never reached the database.
    OutboxEmail.objects.filter(pk=row.pk).update(
        status=OutboxStatus.SENDING, lease_expires_at=timezone.now() - timedelta(seconds=1), sent_at=None
    )
    assert deliver_outbox() == 1
    ids = _message_ids()
    assert len(ids) == 2 and ids[0] == ids[1] == message_id(row)


@pytest.mark.django_db
def test_notify_twice_with_same_key_gives_one_notification_and_one_email(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(user, key="retry")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = _notify(user, key="retry")
    assert first.pk == second.pk
    assert callbacks == []
    assert Notification.objects.count() == 1
    assert OutboxEmail.objects.count() == 1
    assert len(mail.outbox) == 1


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


@pytest.mark.django_db
def test_failures_back_off_and_give_up_after_max_attempts(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False):
        _notify(user, key="failing")
    now = timezone.now()
    assert deliver_outbox(now=now) == 1
    row = OutboxEmail.objects.get()
    assert row.status == OutboxStatus.PENDING and row.attempts == 1
    assert "SMTP server down" in row.last_error
    assert row.next_attempt_at > now
    assert deliver_outbox(now=now) == 0  # not due yet
    for _ in range(MAX_ATTEMPTS - 1):
        assert deliver_outbox(now=OutboxEmail.objects.get().next_attempt_at) == 1
    row = OutboxEmail.objects.get()
    assert row.status == OutboxStatus.FAILED and row.attempts == MAX_ATTEMPTS
    assert deliver_outbox(now=now + timedelta(days=1)) == 0


@pytest.mark.django_db
def test_email_is_rendered_in_the_recipients_language(django_capture_on_commit_callbacks):
    user = UserFactory(language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user,
            "message",
            {"title": {"en": "Wheat", "ru": "Пшеница", "zh-hans": "小麦"}, "body": ""},
            "/leads/",
            "lang-case",
            email_template_prefix=PREFIX,
        )
    assert mail.outbox[0].subject == "Пшеница"


@pytest.mark.django_db
def test_deliver_outbox_command(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        _notify(UserFactory(), key="command-case")
    call_command("deliver_outbox", verbosity=0)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_send_each_email_once():
    users = [UserFactory(email=f"u{i}@example.test") for i in range(3)]
    for i in range(30):  # rows only: no delivery is enqueued
        OutboxEmail.objects.create(
            user=users[i % 3],
            to=users[i % 3].email,
            template_prefix=PREFIX,
            language="en",
            subject=f"n{i}",
            body="body",
            dedupe_key=f"concurrent-{i}",
        )
    barrier = threading.Barrier(4)
    errors = []

    def worker():
        try:
            barrier.wait()
            deliver_outbox()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    ids = _message_ids()
    assert len(ids) == 30 and len(set(ids)) == 30
    assert sorted(m.subject for m in mail.outbox) == sorted(f"n{i}" for i in range(30))
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    assert set(OutboxEmail.objects.values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db
def test_queue_email_to_an_address_without_a_user(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            for n in range(3):  # one delivery task per transaction, however many e-mails
                queue_message(f"guest{n}@example.test", "Hello", "Body", f"guest-{n}")
            row = queue_email(
                None,
                PREFIX,
                {"notification_title": "Приглашение", "url": "/x/"},
                "guest-invite",
                to="guest@example.test",
                language="ru",
            )
    assert len(callbacks) == 1
    assert row.user is None and row.language == "ru" and row.subject == "Приглашение"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "guest0@example.test",
        "guest1@example.test",
        "guest2@example.test",
        "guest@example.test",
    ]
    with pytest.raises(ValueError):
        queue_email(None, PREFIX, {}, "nobody")


@pytest.mark.django_db
def test_email_is_rendered_when_queued_and_sent_as_stored(django_capture_on_commit_callbacks):
    user = UserFactory(language="zh-hans", full_name="李伟")
    with django_capture_on_commit_callbacks(execute=False):
        _notify(user, key="rendered")
    row = OutboxEmail.objects.get()
    assert row.subject == "Wheat offer"
    assert "李伟" in row.body and "http://localhost:8000/leads/" in row.body
    OutboxEmail.objects.filter(pk=row.pk).update(subject="Stored subject")
    deliver_outbox()
    assert mail.outbox[0].subject == "Stored subject"


@pytest.mark.django_db
def test_secret_body_is_erased_once_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        queue_message("a@example.test", "Code", "Your code: 123456", "code-1", erase_when_sent=True)
    deliver_outbox()
    assert "123456" in mail.outbox[0].body
    row = OutboxEmail.objects.get()
    assert row.status == OutboxStatus.SENT and row.body == "" and row.subject == "Code"


@pytest.mark.django_db
def test_message_id_is_stable_and_stored(settings, django_capture_on_commit_callbacks):
    settings.DEFAULT_FROM_EMAIL = "SCO TEMP <noreply@temp.example.org>"
    with django_capture_on_commit_callbacks(execute=False):
        row = queue_message("a@example.test", "S", "B", "mid-1")
    claimed = claim(row.pk)
    assert claimed.message_id.startswith(f"<outbox-{row.pk}.") and claimed.message_id.endswith(
        "@temp.example.org>"
    )
    settings.DEFAULT_FROM_EMAIL = "other@elsewhere.example"
    assert message_id(OutboxEmail.objects.get()) == claimed.message_id


@pytest.mark.django_db
def test_lease_is_renewed_only_by_its_holder(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        row = queue_message("a@example.test", "S", "B", "lease-1")
    claimed = claim(row.pk, token="a" * 32)
    OutboxEmail.objects.filter(pk=row.pk).update(lease_expires_at=timezone.now() + timedelta(seconds=5))
    assert not renew(row.pk, "b" * 32)
    assert renew(row.pk, claimed.claim_token)
    assert OutboxEmail.objects.get().lease_expires_at > timezone.now() + lease() - timedelta(seconds=5)
    # An expired lease lets another worker claim the row; the first worker can no longer renew it.
    expired = timezone.now() + lease() + timedelta(seconds=1)
    assert claim(row.pk, token="c" * 32, now=expired) is not None
    assert not renew(row.pk, claimed.claim_token)


@pytest.mark.django_db(transaction=True)
def test_heartbeat_keeps_a_slow_send_claimed(settings):
    settings.SCOTEMP_OUTBOX_LEASE = 0.6
    row = OutboxEmail.objects.create(
        to="a@example.test", language="en", subject="S", body="B", dedupe_key="heartbeat"
    )
    claimed = claim(row.pk)
    keeper = LeaseKeeper()
    keeper.hold(claimed)
    try:
        for _ in range(4):  # 1.6 s, well past the 0.6 s lease: the heartbeat renews it
            threading.Event().wait(0.4)
            assert claim(row.pk) is None
    finally:
        keeper.release()
        keeper.close()
    threading.Event().wait(0.7)
    assert claim(row.pk) is not None  # no longer renewed: the lease ran out
