"""The shared seams: announce (audit + notices), the registries, and the permission helpers."""

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import get_commands
from django.db import transaction

from scotemp.core import effects, registry
from scotemp.core.management.commands.housekeeping import cron_lines
from scotemp.core.models import AuditEntry
from scotemp.core.permissions import (
    bind_organization,
    is_operator,
    member_org_ids,
    parties_of,
)
from scotemp.notifications.models import Notification, OutboxEmail
from tests.factories import MembershipFactory, UserFactory


def test_kinds_exist_after_setup_alone():
    """Rendering a kind must not depend on which modules happened to be imported (URLconf etc.)."""
    code = (
        "import django; django.setup();"
        "from scotemp.notifications.kinds import render;"
        "params = {'goods': 'Wheat', 'buyer': 'X', 'quantity': '5 t'};"
        "print(render('deals.inquiry_received', params, 'ru')[0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"},
        check=True,
    ).stdout.strip()
    assert "Wheat" in out and out != "deals.inquiry_received"


def test_every_job_is_a_command_and_the_readme_lists_them_all():
    commands = get_commands()
    assert registry.JOBS, "no app declared a periodic job"
    for job in registry.JOBS.values():
        assert job.command in commands, job.command
    readme = (settings.BASE_DIR / "README.md").read_text()
    block = re.search(r"```cron\n(.*?)```", readme, re.S).group(1).strip().splitlines()
    assert block == cron_lines("/srv/scotemp"), (
        "README cron block is stale: run manage.py housekeeping --cron"
    )


@pytest.mark.django_db
def test_housekeeping_runs_the_jobs(capsys):
    from django.core.management import call_command

    call_command("housekeeping", "--only", "purge_idempotency_keys")
    assert "1 job(s) done" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_announce_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="outside a transaction"):
        effects.announce("test.thing")


@pytest.mark.django_db
def test_announce_writes_one_audit_row_and_notifies_each_member_once(kz_org, aigerim):
    colleague = MembershipFactory(organization=kz_org, user=UserFactory(language="zh-hans")).user
    notice = effects.Notice(
        "message",
        {"title": "Hello", "body": "World"},
        "/x/",
        organization_id=kz_org.pk,
        exclude_user_id=aigerim.pk,
    )
    for _attempt in range(2):  # a retried action announces the same key: nobody hears twice
        with transaction.atomic():
            effects.announce(
                "test.status_changed",
                subject=kz_org,
                actor=aigerim,
                organization=kz_org,
                from_status="draft",
                to_status="published",
                notices=[notice],
                key="test:1",
            )
    entries = list(effects.history(kz_org))
    assert [(e.verb, e.from_status, e.to_status, e.actor_id) for e in entries] == [
        ("test.status_changed", "draft", "published", aigerim.pk)
    ] * 2
    assert list(Notification.objects.values_list("user_id", flat=True)) == [colleague.pk]
    assert OutboxEmail.objects.filter(user=colleague).count() == 1


@pytest.mark.django_db
def test_announce_rolls_back_with_the_action(kz_org, aigerim):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        effects.announce(
            "test.thing", subject=kz_org, notices=[effects.Notice("message", {}, organization_id=kz_org.pk)]
        )
        1 / 0  # noqa: B018
    assert not AuditEntry.objects.exists() and not Notification.objects.exists()


@pytest.mark.django_db
def test_a_bound_principal_acts_for_its_organization_only(kz_org, cn_org, aigerim):
    MembershipFactory(organization=cn_org, user=aigerim, role="owner")
    aigerim.is_superuser = True
    assert member_org_ids(aigerim) == {kz_org.pk, cn_org.pk} and is_operator(aigerim)
    bind_organization(aigerim, kz_org.pk)
    assert member_org_ids(aigerim) == {kz_org.pk}
    assert not is_operator(aigerim), "a token never carries operator powers"
    assert parties_of(aigerim, cn_org) == [] and parties_of(aigerim, kz_org) == [""]
    from scotemp.accounts.models import Organization

    assert set(Organization.objects.editable_by(aigerim)) == {kz_org}
