"""manage.py issue_token: prints a working token, refuses clearly otherwise."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from scotemp.accounts.models import ApiToken, Organization
from tests.factories import MembershipFactory


def run(*args):
    out = StringIO()
    call_command("issue_token", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_issue_token_for_single_organization(client, aigerim, kz_org):
    raw = run(aigerim.email)
    assert raw.startswith("sco_")
    token = ApiToken.objects.get(user=aigerim)
    assert token.organization == kz_org
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200 and response.json()["email"] == aigerim.email


def test_issue_token_needs_org_when_several(aigerim, kz_org):
    second = Organization.objects.create(name="Second", country=kz_org.country, type="trader")
    MembershipFactory(user=aigerim, organization=second)
    with pytest.raises(CommandError, match="several organizations"):
        run(aigerim.email)
    raw = run(aigerim.email, "--org", str(second.public_id))
    assert ApiToken.objects.get(user=aigerim).organization == second and raw.startswith("sco_")
    run(aigerim.email, "--org", str(kz_org.pk), "--name", "by pk")
    assert ApiToken.objects.get(name="by pk").organization == kz_org


def test_issue_token_refuses_non_members(aigerim, outsider, cn_org, li_wei):
    with pytest.raises(CommandError, match="not a member"):
        run(aigerim.email, "--org", str(cn_org.public_id))
    with pytest.raises(CommandError, match="not a member"):
        run(aigerim.email, "--org", "garbage")
    with pytest.raises(CommandError, match="no organization"):
        run(outsider.email)
    with pytest.raises(CommandError, match="No user"):
        run("nobody@example.test")
    assert not ApiToken.objects.exists()
