"""The projects API: the list (drafts hidden, filtered by stage), create with a 422 naming the field,
patch, publish, interest retried with the same Idempotency-Key (one request, the same answer), the
owner's decision and the stage change, milestones, and the showcase."""

import pytest

from scotemp.projects.models import Project, ProjectPartner

from .project_data import make_project

pytestmark = pytest.mark.django_db


def post(client, url, body=None, **headers):
    return client.post(url, body or {}, content_type="application/json", **headers)


def test_list_hides_drafts_and_filters_by_stage(client, aigerim, kz_org, li_wei):
    draft = make_project(aigerim, kz_org, title_en="Draft one")
    published = make_project(aigerim, kz_org)
    client.force_login(aigerim)
    post(client, f"/api/v1/projects/{published.public_id}/publish", {})
    client.logout()
    body = client.get("/api/v1/projects").json()
    assert body["total"] == 1 and body["results"][0]["stage"] == "partners_sought"
    assert body["results"][0]["countries"] == ["KZ"]
    assert client.get("/api/v1/projects?stage=idea").json()["total"] == 0
    assert client.get("/api/v1/projects?stage=unknown").status_code == 422
    assert client.get(f"/api/v1/projects/{draft.public_id}").status_code == 404
    client.force_login(li_wei)
    assert client.get(f"/api/v1/projects/{draft.public_id}").status_code == 404
    client.force_login(aigerim)
    assert client.get("/api/v1/projects?stage=idea").json()["total"] == 1


def test_create_and_patch_name_the_field(client, aigerim):
    client.force_login(aigerim)
    response = post(client, "/api/v1/projects", {"field": "education", "title_ru": ""})
    assert response.status_code == 422 and "title_en" in response.json()["errors"]
    response = post(
        client,
        "/api/v1/projects",
        {"field": "education", "title_ru": "Обмен", "value": "1000", "currency": "XXZ"},
    )
    assert response.status_code == 422 and "currency" in response.json()["errors"]
    response = post(
        client, "/api/v1/projects", {"field": "education", "title_ru": "Обмен", "committee": "nope"}
    )
    assert response.status_code == 422 and "committee" in response.json()["errors"]
    response = post(
        client,
        "/api/v1/projects",
        {"field": "education", "title_ru": "Обмен студентами", "value": "250000", "currency": "usd",
         "committee": "education"},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stage"] == "idea" and body["currency"] == "USD" and body["committee"] == "education"
    assert body["title"] == "Обмен студентами" and not body["published"]
    url = f"/api/v1/projects/{body['public_id']}"
    patched = client.patch(url, {"title_en": "Student exchange"}, content_type="application/json")
    assert patched.status_code == 200 and patched.json()["committee"] == "education"
    assert Project.objects.get(public_id=body["public_id"]).title_en == "Student exchange"
    bad = client.patch(url, {"field": "space"}, content_type="application/json")
    assert bad.status_code == 422


def test_interest_retried_with_the_same_key(client, aigerim, kz_org, li_wei, cn_org):
    project = make_project(aigerim, kz_org)
    url = f"/api/v1/projects/{project.public_id}"
    client.force_login(li_wei)
    assert post(client, f"{url}/interest", {"message": "有兴趣"}).status_code == 404  # a draft
    client.force_login(aigerim)
    assert post(client, f"{url}/publish", {}).status_code == 200
    client.force_login(li_wei)
    first = post(client, f"{url}/interest", {"message": "有兴趣"}, HTTP_IDEMPOTENCY_KEY="i1")
    again = post(client, f"{url}/interest", {"message": "有兴趣"}, HTTP_IDEMPOTENCY_KEY="i1")
    assert first.status_code == again.status_code == 200 and first.json() == again.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    # without the key the request is idempotent by itself
    assert post(client, f"{url}/interest", {"message": "有兴趣"}).json()["id"] == first.json()["id"]
    assert ProjectPartner.objects.filter(project=project).count() == 1
    partner_id = first.json()["id"]
    assert post(client, f"{url}/partners/{partner_id}/decision", {"decision": "accept"}).status_code == 403
    client.force_login(aigerim)
    decided = post(client, f"{url}/partners/{partner_id}/decision", {"decision": "accept"})
    assert decided.status_code == 200 and decided.json()["status"] == "accepted"
    refused = post(client, f"{url}/stage", {"stage": "stopped"})
    assert refused.status_code == 422 and "reason" in refused.json()["errors"]
    signed = post(client, f"{url}/stage", {"stage": "agreement_signed", "signed_on": "2026-01-15"})
    assert signed.status_code == 200, signed.content
    assert signed.json()["stage"] == "agreement_signed" and signed.json()["countries"] == ["KZ", "CN"]
    assert post(client, f"{url}/stage", {"stage": "flying"}).status_code == 422


def test_milestones(client, aigerim, kz_org, li_wei):
    project = make_project(aigerim, kz_org)
    url = f"/api/v1/projects/{project.public_id}/milestones"
    client.force_login(li_wei)
    assert post(client, url, {"title": "Шаг", "language": "ru"}).status_code == 404
    client.force_login(aigerim)
    made = post(client, url, {"title": "Шаг", "language": "ru", "due_on": "2026-12-31"})
    assert made.status_code == 201
    bad = post(client, url, {"title": "Шаг", "language": "xx"})
    assert bad.status_code == 422 and "language" in str(bad.json()["errors"])
    done = post(client, f"{url}/{made.json()['id']}/status", {"status": "done"})
    assert done.status_code == 200 and done.json()["done_on"]
    assert client.get(url).json()[0]["status"] == "done"


def test_showcase_endpoint(client):
    body = client.get("/api/v1/projects/showcase").json()
    assert body["total"]["count"] == 0 and body["by_country"] == []
