"""The workspace: charter, officers, work plan, targets; who may change them (the secretary of this
committee and operators; 404 for the secretary of another committee, members and outsiders)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from scotemp.committees import actions
from scotemp.committees.models import CommitteeOfficer, KpiTarget, WorkPlanItem
from scotemp.core.models import AuditEntry

from .conftest import SLUG

TODAY = datetime.date.today()


def _plan(**changes):
    return {"title": "Grain forum in Chongqing", "due_date": TODAY.replace(month=12, day=1), **changes}


@pytest.mark.parametrize("who", ["other_secretary", "aigerim", "outsider", "li_wei"])
def test_only_the_secretary_and_operators_change_the_workspace(request, who, secretary, member_org):
    user = request.getfixturevalue(who)
    with pytest.raises(Http404):
        actions.save_plan_item(user, SLUG, _plan())
    with pytest.raises(Http404):
        actions.set_kpi_targets(user, SLUG, TODAY.year, {"members": "10"})
    with pytest.raises(Http404):
        actions.update_charter(user, SLUG, {"charter_en": "Ours now"})
    with pytest.raises(Http404):
        actions.add_officer(user, SLUG, "aigerim@astyk.kz", "deputy")
    assert not WorkPlanItem.objects.exists() and not KpiTarget.objects.exists()


@pytest.mark.parametrize("who", ["secretary", "operator"])
def test_secretary_and_operator_edit(request, who, member_org, aigerim):
    user = request.getfixturevalue(who)
    item = actions.save_plan_item(
        user, SLUG, _plan(owner_organization=member_org.public_id, notes="Зал на 200 мест")
    )
    assert item.year == TODAY.year and item.owner_name == member_org.name
    item = actions.save_plan_item(
        user, SLUG, _plan(status="done", owner_email="aigerim@astyk.kz"), item_id=item.pk
    )
    assert item.status == "done" and item.owner_user == aigerim and item.owner_organization is None
    officer = actions.add_officer(user, SLUG, "AIGERIM@astyk.kz", "deputy", "Astyk Export")
    assert officer.user == aigerim
    committee = actions.update_charter(
        user,
        SLUG,
        {"charter_ru": "Устав комитета", "charter_zh_hans": "委员会章程", "hs_chapters": ["10", "11"]},
    )
    assert committee.charter_ru == "Устав комитета"
    assert set(committee.hs_chapters.values_list("code", flat=True)) == {"10", "11"}
    assert AuditEntry.objects.filter(verb="committees.plan_item_saved").count() == 2


def test_refusals_name_the_field(secretary, kz_org):
    with pytest.raises(ValidationError) as exc:
        actions.save_plan_item(secretary, SLUG, _plan(owner_organization=kz_org.public_id))  # not a member
    assert "owner_organization" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        actions.save_plan_item(secretary, SLUG, _plan(title="", status="someday"))
    assert {"title", "status"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        actions.set_kpi_targets(secretary, SLUG, TODAY.year, {"members": "-3", "nonsense": "1"})
    assert {"members", "nonsense"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        actions.set_kpi_targets(secretary, SLUG, 1990, {"members": "3"})
    assert "year" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        actions.update_charter(secretary, SLUG, {"charter_en": "x", "hs_chapters": ["10", "1001", "xx"]})
    assert "1001" in exc.value.message_dict["hs_chapters"][0]
    with pytest.raises(ValidationError) as exc:
        actions.add_officer(secretary, SLUG, "nobody@example.test", "deputy")
    assert "email" in exc.value.message_dict


def test_targets_set_and_cleared(secretary):
    actions.set_kpi_targets(secretary, SLUG, TODAY.year, {"members": "40", "deals": "12"})
    actions.set_kpi_targets(secretary, SLUG, TODAY.year, {"deals": "", "leads": "300"})
    targets = dict(KpiTarget.objects.values_list("metric", "target"))
    assert targets == {"members": 40, "leads": 300}


def test_pages_for_the_secretary_and_404_for_others(client, secretary, other_secretary, member_org, aigerim):
    dashboard = reverse("committees:dashboard", args=[SLUG])
    client.force_login(other_secretary)
    assert client.get(dashboard).status_code == 404
    assert client.post(reverse("committees:plan_item_new", args=[SLUG]), {"title": "x"}).status_code == 404
    client.force_login(aigerim)
    assert client.get(dashboard).status_code == 404
    client.force_login(secretary)
    assert client.get(dashboard).status_code == 200
    response = client.post(
        reverse("committees:plan_item_new", args=[SLUG]),
        {"title": "Выставка зерна", "due_date": f"{TODAY.year}-11-20", "status": "planned"},
    )
    assert response.status_code == 302
    bad = client.post(reverse("committees:plan_item_new", args=[SLUG]), {"title": "", "due_date": "soon"})
    assert bad.status_code == 400
    response = client.post(reverse("committees:targets", args=[SLUG]), {"year": TODAY.year, "members": "25"})
    assert response.status_code == 302
    page = client.get(reverse("committees:detail", args=[SLUG])).content.decode()
    assert "Выставка зерна" in page and 'data-metric="projects"' in page
    officer = CommitteeOfficer.objects.create(
        committee=secretary.committees_as_secretary.get(), user=aigerim, role="officer"
    )
    client.post(reverse("committees:officer_remove", args=[SLUG, officer.pk]))
    assert not CommitteeOfficer.objects.exists()


def test_committee_page_shows_its_open_leads(client, committee, member_org, aigerim):
    from scotemp.trade.tests.lead_data import make_lead

    lead = make_lead(aigerim, member_org)
    lead.committee = committee
    lead.save()
    page = client.get(reverse("committees:detail", args=[SLUG])).content.decode()
    assert lead.title in page
    assert f"?committee={SLUG}" in page


def test_api_plan_and_targets(client, secretary, other_secretary, member_org):
    url = f"/api/v1/committees/{SLUG}/plan"
    body = {
        "title": "Forum",
        "due_date": f"{TODAY.year}-12-01",
        "owner_organization": str(member_org.public_id),
    }
    client.force_login(other_secretary)
    assert client.post(url, body, content_type="application/json").status_code == 404
    client.force_login(secretary)
    created = client.post(url, body, content_type="application/json")
    assert created.status_code == 201 and created.json()["owner"] == member_org.name
    refused = client.post(
        url, {**body, "owner_email": "nobody@example.test"}, content_type="application/json"
    )
    assert refused.status_code == 422 and "owner_email" in refused.json()["errors"]
    response = client.put(
        f"/api/v1/committees/{SLUG}/targets",
        {"year": TODAY.year, "targets": {"members": "40"}},
        content_type="application/json",
    )
    assert response.status_code == 200
    members = next(k for k in response.json()["kpis"] if k["metric"] == "members")
    assert members["target"] == "40.00" and members["actual"] == "1"
    client.logout()
    detail = client.get(f"/api/v1/committees/{SLUG}").json()
    assert detail["secretary"] == "张敏" and "@" not in (detail["secretary"] or "")
    assert [i["title"] for i in detail["work_plan"]] == ["Forum"]
    projects = next(k for k in detail["kpis"]["kpis"] if k["metric"] == "projects")
    assert projects["tracked"] is True and projects["actual"] == "0"  # cooperation projects are recorded
    assert detail["kpis"]["projects_by_stage"] == {}
    assert timezone.localdate().year == detail["kpis"]["year"]
