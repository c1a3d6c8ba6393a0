"""Project pages in Russian and Chinese: the list with filters, the project page for its owner (the
controls) and for another organization (the "express interest" button), the forms, the POST actions
of the pages, and a draft that is 404 for others."""

import pytest
from django.urls import reverse

from scotemp.projects import actions
from scotemp.projects.models import Project, ProjectPartner

from .project_data import make_project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "words"),
    [("ru", ("Проекты сотрудничества", "Этап")), ("zh-hans", ("合作项目", "阶段"))],
)
def test_list_and_detail_in_the_reader_language(client, aigerim, kz_org, li_wei, language, words):
    project = make_project(aigerim, kz_org)
    actions.publish_project(aigerim, project.public_id)
    body = client.get(reverse("projects:list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert all(word in body for word in words) and 'data-testid="projects"' in body
    client.force_login(aigerim)
    page = client.get(project.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200 and 'data-testid="stage-form"' in page.content.decode()
    client.force_login(li_wei)
    page = client.get(project.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'data-testid="interest-form"' in page and 'data-testid="stage-form"' not in page
    for name in ("projects:new",):
        assert client.get(reverse(name), HTTP_ACCEPT_LANGUAGE=language).status_code == 200


def test_filters(client, aigerim, kz_org):
    project = make_project(aigerim, kz_org, field="education")
    actions.publish_project(aigerim, project.public_id)
    url = reverse("projects:list")
    assert 'data-testid="projects"' in client.get(url + "?field=education&country=KZ").content.decode()
    assert 'data-testid="projects"' not in client.get(url + "?field=health").content.decode()
    assert 'data-testid="projects"' in client.get(url + "?q=Чунцин").content.decode()


def test_draft_is_404_for_others(client, aigerim, kz_org, li_wei):
    project = make_project(aigerim, kz_org)
    client.force_login(li_wei)
    assert client.get(project.get_absolute_url()).status_code == 404
    assert client.get(reverse("projects:edit", args=[project.public_id])).status_code == 404
    assert (
        client.post(reverse("projects:stage", args=[project.public_id]), {"stage": "stopped"}).status_code
        == 404
    )


def test_the_page_workflow(client, aigerim, kz_org, li_wei, cn_org):
    client.force_login(aigerim)
    response = client.post(
        reverse("projects:new"), {"title_ru": "Обмен студентами", "field": "education", "currency": ""}
    )
    project = Project.objects.get(title_ru="Обмен студентами")
    assert response.status_code == 302 and project.owner == kz_org
    bad = client.post(reverse("projects:new"), {"field": "education"})
    assert bad.status_code == 400
    client.post(reverse("projects:publish", args=[project.public_id]))
    client.force_login(li_wei)
    client.post(
        reverse("projects:interest", args=[project.public_id]), {"role": "partner", "message": "你好"}
    )
    partner = ProjectPartner.objects.get(project=project, organization=cn_org)
    client.force_login(aigerim)
    url = reverse("projects:partner_decide", args=[project.public_id, partner.public_id, "accept"])
    assert client.post(url).status_code == 302
    partner.refresh_from_db()
    assert partner.status == "accepted"
    refused = client.post(reverse("projects:stage", args=[project.public_id]), {"stage": "stopped"})
    assert refused.status_code == 400 and "reason" in refused.context["stage_form"].errors
    client.post(
        reverse("projects:milestone_add", args=[project.public_id]), {"title": "Шаг", "language": "ru"}
    )
    assert project.milestones.count() == 1

    # The page offers the moves open from the project's stage only, and names its countries.
    page = client.get(reverse("projects:detail", args=[project.public_id]), HTTP_ACCEPT_LANGUAGE="ru")
    offered = [value for value, _label in page.context["stage_form"].fields["stage"].choices]
    assert offered == ["negotiating", "agreement_signed", "stopped"]
    assert page.context["countries"] == ["Казахстан", "Китай"]
    backwards = client.post(reverse("projects:stage", args=[project.public_id]), {"stage": "idea"})
    assert backwards.status_code == 400 and "stage" in backwards.context["stage_form"].errors


def test_committee_page_lists_its_projects(client, aigerim, kz_org):
    from scotemp.committees.models import Committee

    committee = Committee.objects.get(slug="education")
    project = make_project(aigerim, kz_org, committee=committee, title_en="Student exchange")
    actions.publish_project(aigerim, project.public_id)
    make_project(aigerim, kz_org, committee=committee, title_en="Secret draft")
    body = client.get(reverse("committees:detail", args=["education"])).content.decode()
    assert 'data-testid="committee-projects"' in body and "Student exchange" in body
    assert "Secret draft" not in body


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_no_platform_english(client, aigerim, kz_org, li_wei, cn_org, language):
    from tests.english import english_in_html

    project = make_project(aigerim, kz_org)
    actions.publish_project(aigerim, project.public_id)
    actions.express_interest(li_wei, project.public_id, cn_org, message="你好")
    actions.add_milestone(aigerim, project.public_id, title="Шаг", language="ru")
    pid = [project.public_id]
    visits = [
        (None, "get", reverse("projects:list")),
        (None, "get", reverse("projects:showcase")),
        (None, "get", project.get_absolute_url()),
        (aigerim, "get", project.get_absolute_url()),
        (aigerim, "get", reverse("projects:new")),
        (aigerim, "post", reverse("projects:new")),
        (aigerim, "get", reverse("projects:edit", args=pid)),
        (aigerim, "post", reverse("projects:stage", args=pid)),
        (aigerim, "post", reverse("projects:milestone_add", args=pid)),
        (aigerim, "post", reverse("projects:document_upload", args=pid)),
        (li_wei, "get", project.get_absolute_url()),
        (None, "get", reverse("committees:detail", args=["education"])),
    ]
    findings = []
    for user, method, url in visits:
        client.logout()
        if user is not None:
            user.language = language
            user.save(update_fields=["language"])
            client.force_login(user)
        response = getattr(client, method)(url, {}, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code in {200, 400}, (url, response.status_code)
        findings += [f"{url}: {f}" for f in english_in_html(response.content.decode())]
    assert findings == []
