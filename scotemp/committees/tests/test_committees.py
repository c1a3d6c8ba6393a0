"""Committees: the 12 committees data, pages, applying and the secretary's decisions, the API."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from scotemp.accounts.choices import Role
from scotemp.committees import actions
from scotemp.committees.loading import DATA_FILE, load_committees
from scotemp.committees.models import Committee, CommitteeMembership
from scotemp.committees.models import CommitteeMembershipStatus as Status
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

SLUG = "agri-supply-chain"
API = "/api/v1/committees"


@pytest.fixture
def zhang_min(db):
    """Secretary of the agricultural supply chain committee."""
    user = UserFactory(email="zhangmin@scotemp.org", full_name="张敏", language="zh-hans")
    Committee.objects.filter(slug=SLUG).update(secretary=user)
    return user


@pytest.fixture
def committee(db):
    return Committee.objects.get(slug=SLUG)


# --- data ------------------------------------------------------------------------------------------


def test_twelve_committees_in_three_languages(db):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))["committees"]
    assert len(data) == 12 and len({c["slug"] for c in data}) == 12
    assert Committee.objects.count() == 12
    for c in Committee.objects.all():
        for suffix in ("en", "zh_hans", "ru"):
            assert getattr(c, f"name_{suffix}") and getattr(c, f"description_{suffix}"), (c.slug, suffix)
    with translation.override("ru"):
        assert Committee.objects.get(slug="energy").name == "Комитет по энергетике"
    with translation.override("zh-hans"):
        assert Committee.objects.get(slug="energy").name == "能源工作委员会"
    chapters = set(Committee.objects.get(slug="aluminium").hs_chapters.values_list("code", flat=True))
    assert "76" in chapters
    assert not Committee.objects.get(slug="trade-finance").hs_chapters.exists()


def test_loading_is_idempotent_and_reports(db):
    out = StringIO()
    counts = load_committees(stdout=out)
    assert counts == {"added": 0, "changed": 0, "unchanged": 12}
    assert "0 added, 0 changed, 12 unchanged" in out.getvalue()
    energy = Committee.objects.get(slug="energy")
    energy.name_ru = "Старое название"
    energy.save()
    energy.hs_chapters.clear()
    energy.hs_headings.clear()
    Committee.objects.filter(slug="culture-tourism").delete()
    counts = load_committees(stdout=StringIO())
    assert counts == {"added": 1, "changed": 1, "unchanged": 10}
    energy.refresh_from_db()
    assert energy.name_ru == "Комитет по энергетике"
    assert set(energy.hs_chapters.values_list("code", flat=True)) == {"27"}
    assert {"8502", "8504"} <= set(energy.hs_headings.values_list("code", flat=True))


def test_loading_keeps_the_secretary(zhang_min, committee):
    load_committees()
    committee.refresh_from_db()
    assert committee.secretary == zhang_min


def test_hook_on_app_config(db):
    from django.apps import apps

    out = StringIO()
    apps.get_app_config("committees").load_reference_data(stdout=out, verbosity=1)
    assert "12 unchanged" in out.getvalue()


# --- pages -----------------------------------------------------------------------------------------


def test_list_is_public_and_has_no_n_plus_1(client, committee, zhang_min, django_assert_max_num_queries):
    for _ in range(3):
        CommitteeMembership.objects.create(
            committee=committee, organization=OrganizationFactory(), status=Status.APPROVED
        )
    with django_assert_max_num_queries(5):
        response = client.get(reverse("committees:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('href="/committees/') >= 12
    assert "张敏" in body  # the secretary
    assert "3 member organizations" in body


def test_detail_shows_approved_members_only(client, committee, kz_org, cn_org):
    CommitteeMembership.objects.create(committee=committee, organization=kz_org, status=Status.APPROVED)
    CommitteeMembership.objects.create(committee=committee, organization=cn_org, status=Status.PENDING)
    body = client.get(reverse("committees:detail", args=[SLUG])).content.decode()
    assert kz_org.name in body and cn_org.name not in body
    assert client.get(reverse("committees:detail", args=["no-such"])).status_code == 404


def test_apply_from_page_then_secretary_approves(client, aigerim, kz_org, zhang_min, committee):
    client.force_login(aigerim)
    page = client.get(reverse("committees:detail", args=[SLUG])).content.decode()
    assert reverse("committees:apply", args=[SLUG]) in page
    response = client.post(
        reverse("committees:apply", args=[SLUG]), {"motivation": "Пшеница, 5000 т в месяц"}
    )
    assert response.status_code == 302
    application = CommitteeMembership.objects.get(committee=committee, organization=kz_org)
    assert application.status == Status.PENDING and application.applied_by == aigerim
    again = client.post(reverse("committees:apply", args=[SLUG]), {"motivation": ""})
    assert again.status_code == 400  # already pending

    client.force_login(zhang_min)
    queue = client.get(reverse("committees:applications", args=[SLUG]))
    assert queue.status_code == 200 and kz_org.name in queue.content.decode()
    client.post(
        reverse("committees:decide", args=[SLUG, application.pk]), {"decision": "approve", "note": "欢迎"}
    )
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.decided_by == zhang_min and application.decided_at is not None
    assert application.decision_note == "欢迎"


def test_secretary_rejects_with_note(client, li_wei, cn_org, zhang_min, committee):
    application = actions.apply_to_committee(li_wei, SLUG, cn_org.public_id, "")
    client.force_login(zhang_min)
    client.post(reverse("committees:decide", args=[SLUG, application.pk]), {"decision": "reject", "note": ""})
    application.refresh_from_db()
    assert application.status == Status.PENDING  # a rejection needs a note
    client.post(
        reverse("committees:decide", args=[SLUG, application.pk]), {"decision": "reject", "note": "资料不全"}
    )
    application.refresh_from_db()
    assert application.status == Status.REJECTED and application.decision_note == "资料不全"
    # and may apply again later
    actions.apply_to_committee(li_wei, SLUG, cn_org.public_id, "补充了资料")
    application.refresh_from_db()
    assert application.status == Status.PENDING and application.decided_by is None


@pytest.mark.parametrize("who", ["anonymous", "outsider", "aigerim", "other_secretary"])
def test_queue_and_decisions_are_404_for_others(client, request, who, li_wei, cn_org, zhang_min, committee):
    application = actions.apply_to_committee(li_wei, SLUG, cn_org.public_id, "")
    if who == "other_secretary":
        user = UserFactory()
        Committee.objects.filter(slug="energy").update(secretary=user)
        client.force_login(user)
    elif who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("committees:applications", args=[SLUG])).status_code == 404
    response = client.post(reverse("committees:decide", args=[SLUG, application.pk]), {"decision": "approve"})
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == Status.PENDING


def test_operator_decides_any_committee(client, operator, li_wei, cn_org, committee):
    application = actions.apply_to_committee(li_wei, SLUG, cn_org.public_id, "")
    client.force_login(operator)
    assert client.get(reverse("committees:applications", args=[SLUG])).status_code == 200
    client.post(reverse("committees:decide", args=[SLUG, application.pk]), {"decision": "approve"})
    application.refresh_from_db()
    assert application.status == Status.APPROVED and application.decided_by == operator


def test_applications_page_query_count(client, operator, committee, django_assert_max_num_queries):
    for _ in range(5):
        org = OrganizationFactory()
        member = MembershipFactory(organization=org, role=Role.OWNER)
        actions.apply_to_committee(member.user, SLUG, org.public_id, "")
    client.force_login(operator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("committees:applications", args=[SLUG]))
    assert response.content.decode().count('name="decision" value="approve"') == 5


# --- actions -----------------------------------------------------------------------------------------


def test_plain_member_cannot_apply(kz_org, aigerim):
    member = MembershipFactory(organization=kz_org, role=Role.MEMBER)
    with pytest.raises(Http404):
        actions.apply_to_committee(member.user, SLUG, kz_org.public_id, "")


def test_withdraw_and_transitions(client, aigerim, kz_org, zhang_min):
    application = actions.apply_to_committee(aigerim, SLUG, kz_org.public_id, "")
    actions.withdraw_application(aigerim, SLUG, kz_org.public_id)
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    with pytest.raises(ValidationError):  # a withdrawn application cannot be decided
        actions.decide_application(zhang_min, SLUG, application.pk, "approve")
    with pytest.raises(ValidationError):
        actions.decide_application(zhang_min, SLUG, application.pk, "maybe")
    with pytest.raises(Http404):
        actions.decide_application(zhang_min, "energy", application.pk, "approve")


# --- API -----------------------------------------------------------------------------------------------


def test_api_list_and_detail_are_public(client, committee, kz_org, django_assert_max_num_queries):
    CommitteeMembership.objects.create(committee=committee, organization=kz_org, status=Status.APPROVED)
    with django_assert_max_num_queries(4):
        response = client.get(API, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    data = response.json()
    assert len(data) == 12
    row = next(c for c in data if c["slug"] == SLUG)
    assert row["member_count"] == 1 and {h["code"] for h in row["hs_chapters"]} >= {"07", "08", "10"}
    assert row["name"] == "Комитет по цепочкам поставок сельхозпродукции"
    detail = client.get(f"{API}/{SLUG}").json()
    assert [m["name"] for m in detail["members"]] == [kz_org.name]
    assert client.get(f"{API}/nope").status_code == 404


def test_api_apply_and_decide(client, aigerim, kz_org, zhang_min, li_wei):
    mine = {"organization": str(kz_org.public_id)}
    assert client.post(f"{API}/{SLUG}/applications", mine, content_type="application/json").status_code == 401
    client.force_login(aigerim)
    response = client.post(
        f"{API}/{SLUG}/applications", {**mine, "motivation": "Зерно"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    app_id = response.json()["id"]
    again = client.post(f"{API}/{SLUG}/applications", mine, content_type="application/json")
    assert again.status_code == 409
    url = f"{API}/{SLUG}/applications/{app_id}/decision"
    assert client.post(url, {"decision": "approve"}, content_type="application/json").status_code == 404
    client.force_login(li_wei)
    assert client.post(url, {"decision": "approve"}, content_type="application/json").status_code == 404
    client.force_login(zhang_min)
    bad = client.post(url, {"decision": "reject"}, content_type="application/json")
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["note"]
    ok = client.post(url, {"decision": "approve", "note": ""}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "approved"
    conflict = client.post(url, {"decision": "reject", "note": "x"}, content_type="application/json")
    assert conflict.status_code == 409


def test_api_apply_for_foreign_org_is_404(client, aigerim, cn_org, li_wei):
    client.force_login(aigerim)
    response = client.post(
        f"{API}/{SLUG}/applications", {"organization": str(cn_org.public_id)}, content_type="application/json"
    )
    assert response.status_code == 404
    assert not CommitteeMembership.objects.exists()


def test_api_application_body_is_an_object_naming_the_organization(client, aigerim, kz_org):
    client.force_login(aigerim)
    url = f"{API}/{SLUG}/applications"
    for body in ("[null, null]", "{}", '{"motivation": "Зерно"}', '"x"'):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 422, body
        assert list(response.json()["errors"]) == ["organization"], body
    response = client.post(url, {"organization": "not-a-uuid"}, content_type="application/json")
    assert response.status_code == 422 and list(response.json()["errors"]) == ["organization"]
    assert not CommitteeMembership.objects.exists()


def test_api_decision_must_be_approve_or_reject(client, kz_org, zhang_min, aigerim):
    application = actions.apply_to_committee(aigerim, SLUG, kz_org.public_id)
    client.force_login(zhang_min)
    url = f"{API}/{SLUG}/applications/{application.pk}/decision"
    for body in ("[null, null]", '{"decision": "maybe"}'):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 422 and list(response.json()["errors"]) == ["decision"], body
    application.refresh_from_db()
    assert application.status == Status.PENDING


def test_public_endpoints_say_credentials_are_optional(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (API, f"{API}/{{slug}}"):
        operation = paths[path]["get"]
        assert {} in operation["security"], path
        assert set(operation["responses"]) <= {"200", "404"}, path
    assert {} not in paths[f"{API}/{{slug}}/applications"]["post"]["security"]


def test_status_changes_are_audited_and_told(aigerim, kz_org, zhang_min, django_capture_on_commit_callbacks):
    from django.core import mail

    from scotemp.core.effects import history

    with django_capture_on_commit_callbacks(execute=True):
        application = actions.apply_to_committee(aigerim, SLUG, kz_org.public_id, "Зерно")
        actions.decide_application(zhang_min, SLUG, application.pk, "reject", "Не по профилю.")
        actions.apply_to_committee(aigerim, SLUG, kz_org.public_id, "Ещё раз")
        actions.decide_application(zhang_min, SLUG, application.pk, "approve")
        actions.withdraw_application(aigerim, SLUG, kz_org.public_id)
    assert [(e.verb, e.from_status, e.to_status) for e in history(application)] == [
        ("committees.application_submitted", "", "pending"),
        ("committees.application_decided", "pending", "rejected"),
        ("committees.application_submitted", "rejected", "pending"),
        ("committees.application_decided", "pending", "approved"),
        ("committees.application_withdrawn", "approved", "withdrawn"),
    ]
    assert list(zhang_min.notifications.values_list("kind", flat=True)) == [
        "committees.application_received",
        "committees.application_received",
    ]
    kinds = list(aigerim.notifications.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["committees.application_rejected", "committees.application_approved"]
    rejected = next(m for m in mail.outbox if m.to == [aigerim.email])
    assert "Не по профилю." in rejected.body
    assert "Комитет по цепочкам поставок сельхозпродукции" in rejected.subject  # Aigerim reads Russian
