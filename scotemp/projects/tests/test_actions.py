"""Project actions: drafts invisible to others (404), the owner's role (403), the stage rules,
interest and decisions idempotent, notices to the right organizations, milestones and documents."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from scotemp.core.models import AuditEntry
from scotemp.notifications.models import Notification
from scotemp.projects import actions
from scotemp.projects.models import ProjectPartner
from scotemp.projects.queries.projects import document_for_download, project_for_viewer, project_list
from tests.factories import MembershipFactory

from .project_data import make_project, partner_org

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def test_a_draft_is_seen_by_its_organization_and_operators_only(aigerim, kz_org, li_wei, outsider, operator):
    project = make_project(aigerim, kz_org)
    assert project.stage == "idea" and not project.published
    assert project.title == "Cold chain Almaty–Chongqing"
    assert project_for_viewer(aigerim, project.public_id) == project
    assert project_for_viewer(operator, project.public_id) == project
    for stranger in (li_wei, outsider):
        with pytest.raises(Http404):
            project_for_viewer(stranger, project.public_id)
        with pytest.raises(Http404):
            actions.update_project(stranger, project.public_id, {"field": "trade"})
    assert list(project_list(li_wei)) == []


def test_a_plain_member_may_not_change_the_project(aigerim, kz_org):
    project = make_project(aigerim, kz_org)
    member = MembershipFactory(organization=kz_org, role="member").user
    assert project_for_viewer(member, project.public_id) == project
    with pytest.raises(PermissionDenied):
        actions.change_stage(member, project.public_id, "partners_sought")
    with pytest.raises(ValidationError) as exc:
        make_project(member, kz_org)
    assert "owner" in exc.value.message_dict


def test_create_names_the_field_and_rule(aigerim, kz_org):
    with pytest.raises(ValidationError) as exc:
        make_project(aigerim, kz_org, title_en="", title_ru="", title_zh_hans="", field="space")
    assert set(exc.value.message_dict) == {"title_en", "field"}
    with pytest.raises(ValidationError) as exc:
        make_project(aigerim, kz_org, value=1000)
    assert "currency" in exc.value.message_dict


def test_publish_looks_for_partners_once(aigerim, kz_org):
    project = make_project(aigerim, kz_org)
    project = actions.publish_project(aigerim, project.public_id)
    assert project.published and project.stage == "partners_sought"
    before = AuditEntry.objects.count()
    actions.publish_project(aigerim, project.public_id)
    assert AuditEntry.objects.count() == before


def test_interest_is_idempotent_and_tells_the_owner(aigerim, kz_org, li_wei, cn_org):
    project = make_project(aigerim, kz_org)
    with pytest.raises(Http404):  # a draft does not exist for them
        actions.express_interest(li_wei, project.public_id, cn_org)
    actions.publish_project(aigerim, project.public_id)
    first = actions.express_interest(li_wei, project.public_id, cn_org, message="我们感兴趣")
    again = actions.express_interest(li_wei, project.public_id, cn_org, message="再次")
    assert first.pk == again.pk and again.message == "我们感兴趣" and again.status == "interested"
    assert ProjectPartner.objects.filter(project=project).count() == 1
    assert Notification.objects.filter(user=aigerim, kind="projects.interest_received").count() == 1
    with pytest.raises(ValidationError) as exc:
        actions.express_interest(aigerim, project.public_id, kz_org)
    assert "organization" in exc.value.message_dict


def test_accept_decline_withdraw(aigerim, kz_org, li_wei, cn_org):
    project = make_project(aigerim, kz_org)
    actions.publish_project(aigerim, project.public_id)
    partner = actions.express_interest(li_wei, project.public_id, cn_org)
    with pytest.raises(PermissionDenied):  # only the owner decides
        actions.decide_partner(li_wei, project.public_id, partner.public_id, "accept")
    accepted = actions.decide_partner(aigerim, project.public_id, partner.public_id, "accept")
    assert accepted.status == "accepted" and accepted.decided_by == aigerim
    entries = AuditEntry.objects.count()
    actions.decide_partner(aigerim, project.public_id, partner.public_id, "accept")  # idempotent
    assert AuditEntry.objects.count() == entries
    assert Notification.objects.filter(user=li_wei, kind="projects.partner_accepted").count() == 1
    with pytest.raises(ValidationError):  # no longer pending
        actions.decide_partner(aigerim, project.public_id, partner.public_id, "decline")
    actions.withdraw(li_wei, project.public_id, cn_org)
    again = actions.express_interest(li_wei, project.public_id, cn_org)  # may ask again
    assert again.status == "interested"
    declined = actions.decide_partner(aigerim, project.public_id, again.public_id, "decline")
    assert declined.status == "declined"
    assert Notification.objects.filter(user=li_wei, kind="projects.partner_declined").count() == 1
    with pytest.raises(ValidationError) as exc:
        actions.express_interest(li_wei, project.public_id, cn_org)
    assert exc.value.code == "conflict"


def test_stage_rules(aigerim, kz_org, li_wei, cn_org):
    project = make_project(aigerim, kz_org)
    with pytest.raises(ValidationError) as exc:
        actions.change_stage(aigerim, project.public_id, "negotiating")
    assert "stage" in exc.value.message_dict  # no partner yet
    with pytest.raises(ValidationError) as exc:
        actions.change_stage(aigerim, project.public_id, "completed")
    assert "stage" in exc.value.message_dict  # not a move from "idea"
    actions.publish_project(aigerim, project.public_id)
    kz_partner, kz_user = partner_org("KZ", "Kazakh Partner")
    partner = actions.express_interest(kz_user, project.public_id, kz_partner)
    actions.decide_partner(aigerim, project.public_id, partner.public_id, "accept")
    actions.change_stage(aigerim, project.public_id, "negotiating")
    with pytest.raises(ValidationError) as exc:  # owner and partner of one country
        actions.change_stage(aigerim, project.public_id, "agreement_signed", signed_on=timezone.localdate())
    assert "two countries" in exc.value.message_dict["stage"][0]
    partner = actions.express_interest(li_wei, project.public_id, cn_org)
    actions.decide_partner(aigerim, project.public_id, partner.public_id, "accept")
    with pytest.raises(ValidationError) as exc:
        actions.change_stage(aigerim, project.public_id, "agreement_signed")
    assert "signed_on" in exc.value.message_dict
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        actions.change_stage(aigerim, project.public_id, "agreement_signed", signed_on=tomorrow)
    assert "signed_on" in exc.value.message_dict
    project = actions.change_stage(
        aigerim, project.public_id, "agreement_signed", signed_on=timezone.localdate()
    )
    assert project.stage == "agreement_signed" and project.signed_on == timezone.localdate()
    # Both partners' members are told, the owner who changed it is not.
    assert Notification.objects.filter(user=li_wei, kind="projects.stage_changed").count() == 1
    assert (
        Notification.objects.filter(user=kz_user, kind="projects.stage_changed").count() == 2
    )  # + negotiating
    assert not Notification.objects.filter(user=aigerim, kind="projects.stage_changed").exists()
    with pytest.raises(ValidationError) as exc:
        actions.change_stage(aigerim, project.public_id, "stopped")
    assert "reason" in exc.value.message_dict
    actions.change_stage(aigerim, project.public_id, "stopped", reason="Financing fell through.")
    with pytest.raises(ValidationError) as exc:
        actions.change_stage(aigerim, project.public_id, "implementing")
    assert exc.value.code == "conflict"


def test_signed_at_an_event_takes_its_day(aigerim, kz_org, li_wei, cn_org):
    from scotemp.events.tests.event_data import make_event

    start = timezone.now() - datetime.timedelta(days=10)
    event = make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=8))
    project = make_project(aigerim, kz_org)
    actions.publish_project(aigerim, project.public_id)
    partner = actions.express_interest(li_wei, project.public_id, cn_org)
    actions.decide_partner(aigerim, project.public_id, partner.public_id, "accept")
    project = actions.change_stage(aigerim, project.public_id, "agreement_signed", signed_at=event)
    assert project.signed_at == event and project.signed_on == timezone.localdate(start)


def test_milestones(aigerim, kz_org, li_wei):
    project = make_project(aigerim, kz_org)
    with pytest.raises(ValidationError) as exc:
        actions.add_milestone(aigerim, project.public_id, title="", language="xx")
    assert set(exc.value.message_dict) == {"title", "language"}
    first = actions.add_milestone(aigerim, project.public_id, title="Первая партия", language="ru")
    second = actions.add_milestone(aigerim, project.public_id, title="首批", language="zh-hans")
    assert (first.position, second.position) == (1, 2)
    done = actions.set_milestone_status(aigerim, project.public_id, first.pk, "done")
    assert done.status == "done" and done.done_on == timezone.localdate()
    with pytest.raises(Http404):
        actions.set_milestone_status(li_wei, project.public_id, first.pk, "cancelled")


def test_documents_partners_only(aigerim, kz_org, li_wei, cn_org, outsider):
    project = make_project(aigerim, kz_org)
    with pytest.raises(ValidationError) as exc:
        actions.upload_document(
            aigerim,
            project.public_id,
            title="Fake",
            visibility="partners",
            uploaded=SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf"),
        )
    assert "file" in exc.value.message_dict
    document = actions.upload_document(
        aigerim,
        project.public_id,
        title="Memorandum",
        visibility="partners",
        uploaded=SimpleUploadedFile("m.pdf", PDF, content_type="application/pdf"),
    )
    actions.publish_project(aigerim, project.public_id)
    with pytest.raises(Http404):
        document_for_download(outsider, project.public_id, document.public_id)
    with pytest.raises(Http404):
        document_for_download(li_wei, project.public_id, document.public_id)
    partner = actions.express_interest(li_wei, project.public_id, cn_org)
    actions.decide_partner(aigerim, project.public_id, partner.public_id, "accept")
    assert document_for_download(li_wei, project.public_id, document.public_id) == document
    actions.delete_document(aigerim, project.public_id, document.public_id)
    assert not project.documents.exists()
