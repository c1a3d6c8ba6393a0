"""The profile editor page, the registration page with a taken identifier, the handover pages."""

import pytest
from django.urls import reverse

from scotemp.accounts.choices import Role
from scotemp.accounts.models import Membership, Organization
from scotemp.directory import actions
from scotemp.directory.models import Certification, HandoverRequest, OrganizationProfile
from tests.factories import MembershipFactory

USCC = "91110000600037341L"


def edit_url(org):
    return reverse("directory:profile_edit", args=[org.public_id])


def form_data(org, **overrides):
    data = {
        "name": org.name,
        "name_latin": org.name_latin,
        "type": org.type,
        "country": org.country_id,
        "city": "",
        "registry_type": "",
        "registry_id": "",
        "description_ru": "Экспорт пшеницы.",
        "exports": "1001 1003",
        "imports": "",
        "activities": ["exporter"],
        "cert-TOTAL_FORMS": "1",
        "cert-INITIAL_FORMS": "0",
        "cert-MIN_NUM_FORMS": "0",
        "cert-MAX_NUM_FORMS": "20",
        "cert-0-scheme": "iso9001",
        "cert-0-valid_from": "2024-01-01",
        "cert-0-valid_until": "2026-12-31",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("who", ["anonymous", "outsider", "li_wei"])
def test_edit_page_is_404_for_non_members(client, request, who, kz_org, aigerim):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(edit_url(kz_org)).status_code == 404
    assert client.post(edit_url(kz_org), form_data(kz_org, name="x")).status_code == 404
    kz_org.refresh_from_db()
    assert kz_org.name != "x"


def test_plain_member_is_refused(client, kz_org, aigerim):
    member = MembershipFactory(organization=kz_org, role=Role.MEMBER)
    client.force_login(member.user)
    assert client.get(edit_url(kz_org)).status_code == 403


def test_owner_edits_and_sees_heading_names(client, aigerim, kz_org):
    client.force_login(aigerim)
    page = client.get(edit_url(kz_org))
    assert page.status_code == 200 and 'data-testid="profile-completeness"' in page.content.decode()
    response = client.post(edit_url(kz_org), form_data(kz_org, city="KZALA"))
    assert response.status_code == 302
    profile = OrganizationProfile.objects.get(organization=kz_org)
    assert profile.certifications.get().scheme == "iso9001"
    kz_org.refresh_from_db()
    assert kz_org.description_ru == "Экспорт пшеницы." and kz_org.city_id == "KZALA"
    page = client.get(edit_url(kz_org), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="exports-names"' in page and "1003" in page


def test_bad_certificate_row_shows_error_on_its_field_and_saves_nothing(client, aigerim, kz_org):
    client.force_login(aigerim)
    response = client.post(
        edit_url(kz_org),
        form_data(kz_org, name="Renamed", **{"cert-0-valid_until": "2023-01-01"}),
    )
    assert response.status_code == 400
    cert_form = response.context["formset"].forms[0]
    assert "valid_until" in cert_form.errors
    kz_org.refresh_from_db()
    assert kz_org.name != "Renamed" and not Certification.objects.exists()


def test_taken_identifier_offers_a_handover(client, aigerim, kz_org, li_wei, cn_org):
    actions.update_profile(li_wei, cn_org.public_id, registry_type="cn_uscc", registry_id=USCC)
    client.force_login(aigerim)
    response = client.post(
        reverse("accounts:organization_new"),
        {
            "name": "Новая компания",
            "country": "CN",
            "type": "trader",
            "registry_type": "cn_uscc",
            "registry_id": USCC,
        },
    )
    assert response.status_code == 400
    handover = reverse("directory:handover_request", args=[cn_org.public_id])
    assert handover in response.content.decode()
    assert not Organization.objects.filter(name="Новая компания").exists()
    assert client.get(handover).status_code == 200
    response = client.post(handover, {"message": "I am the director."})
    assert response.status_code == 302
    assert HandoverRequest.objects.get().requested_by == aigerim


def test_create_page_registers_profile(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("accounts:organization_new"),
        {
            "name": "ООО «Орион Агро»",
            "country": "RU",
            "type": "trader",
            "registry_type": "ru_ogrn",
            "registry_id": "1027700132195",
        },
    )
    assert response.status_code == 302
    org = Organization.objects.get(name="ООО «Орион Агро»")
    assert (
        org.registry_id == "1027700132195" and OrganizationProfile.objects.filter(organization=org).exists()
    )


def test_dashboard_shows_completeness(client, aigerim, kz_org):
    client.force_login(aigerim)
    page = client.get(reverse("accounts:organization", args=[kz_org.public_id])).content.decode()
    assert 'data-testid="profile-completeness"' in page and edit_url(kz_org) in page


def test_handover_queue_only_for_operators(client, operator, outsider, li_wei, cn_org):
    request = actions.request_handover(outsider, cn_org.public_id, "It is mine.")
    queue = reverse("directory:handover_queue")
    decide = reverse("directory:handover_decide", args=[request.public_id])
    client.force_login(li_wei)
    assert client.get(queue).status_code == 404
    assert client.post(decide, {"decision": "approve"}).status_code == 404
    client.force_login(operator)
    assert "It is mine." in client.get(queue).content.decode()
    assert client.post(decide, {"decision": "approve", "note": ""}).status_code == 302
    assert Membership.objects.get(user=outsider, organization=cn_org).role == Role.OWNER
