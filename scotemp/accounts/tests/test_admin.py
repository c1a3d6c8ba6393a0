"""The admin pages of the accounts models load in the three languages."""

import pytest
from django.urls import reverse

from scotemp.accounts import actions
from tests.factories import UserFactory


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_admin_pages_in_three_languages(client, aigerim, kz_org, language):
    actions.invite_member(aigerim, kz_org.public_id, "guest@example.test")
    actions.create_api_token(aigerim, kz_org.public_id, "script")
    admin = UserFactory(is_staff=True, is_superuser=True, is_operator=True, language=language)
    client.force_login(admin)
    for model in ("user", "organization", "membership", "invitation", "apitoken"):
        changelist = client.get(reverse(f"admin:accounts_{model}_changelist"))
        assert changelist.status_code == 200, model
        assert changelist["Content-Language"] == language
    assert client.get(reverse("admin:accounts_user_change", args=[aigerim.pk])).status_code == 200
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200
    assert client.get(reverse("admin:accounts_organization_change", args=[kz_org.pk])).status_code == 200


def test_admin_creates_user_by_email(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new.staff@scotemp.org",
            "password1": "a-Long-pass-2026!",
            "password2": "a-Long-pass-2026!",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from scotemp.accounts.models import User

    assert User.objects.filter(email="new.staff@scotemp.org").exists()
