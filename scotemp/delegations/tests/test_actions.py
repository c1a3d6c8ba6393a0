"""Delegation actions: the dates rules, status transitions, members joining (idempotent), the
programme inside the visit's dates, outcomes linked only to what the organizer can see, and the
organizer check."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from scotemp.core.models import AuditEntry
from scotemp.delegations.actions import delegations as actions
from scotemp.delegations.actions import members as member_actions
from scotemp.delegations.actions import programme as programme_actions
from scotemp.delegations.models import DelegationMember
from scotemp.notifications.models import Notification
from scotemp.reference.models import Country

from .data import add_item, add_member, make_delegation

pytestmark = pytest.mark.django_db

DAY = datetime.date(2099, 5, 10)


def values(**overrides):
    base = {
        "direction": "inbound",
        "country": Country.objects.get(iso2="UZ"),
        "starts_on": DAY,
        "ends_on": DAY + datetime.timedelta(days=2),
        "title_ru": "Делегация Ташкента",
        "cities": [],
    }
    base.update(overrides)
    return base


def test_create_keeps_the_first_language_given_and_audits(secretary, committee):
    delegation = actions.create_delegation(secretary, values(committee=committee))
    assert delegation.status == "planned" and not delegation.published
    assert delegation.title_ru == "Делегация Ташкента"
    assert delegation.__dict__["title"] == "Делегация Ташкента"
    assert AuditEntry.objects.filter(verb="delegation.created", subject_id=delegation.pk).count() == 1


def test_last_day_before_the_first_is_a_translated_error_on_ends_on(secretary, committee):
    with translation.override("ru"), pytest.raises(ValidationError) as caught:
        actions.create_delegation(
            secretary, values(committee=committee, ends_on=DAY - datetime.timedelta(days=1))
        )
    messages = caught.value.message_dict
    assert list(messages) == ["ends_on"]
    assert "Последний день" in messages["ends_on"][0]


def test_a_secretary_creates_only_for_their_committee(secretary, committee):
    from scotemp.committees.models import Committee

    other = Committee.objects.exclude(pk=committee.pk).first()
    with pytest.raises(ValidationError) as caught:
        actions.create_delegation(secretary, values(committee=other))
    assert "committee" in caught.value.message_dict


def test_strangers_cannot_create_or_change(aigerim, committee):
    with pytest.raises(PermissionDenied):
        actions.create_delegation(aigerim, values(committee=committee))
    delegation = make_delegation(committee=committee)
    with pytest.raises(PermissionDenied):
        actions.update_delegation(aigerim, delegation, {"head_name": "X"})
    with pytest.raises(PermissionDenied):
        actions.change_status(aigerim, delegation, "confirmed")


def test_new_dates_may_not_leave_programme_items_outside(secretary, committee):
    delegation = make_delegation(committee=committee)
    add_item(delegation, day_offset=3)
    with pytest.raises(ValidationError) as caught:
        actions.update_delegation(secretary, delegation, {"ends_on": delegation.starts_on})
    assert "ends_on" in caught.value.message_dict


def test_status_moves_one_step_and_confirming_tells_the_members(secretary, committee, aigerim, kz_org):
    delegation = make_delegation(committee=committee)
    add_member(delegation, kz_org)
    with pytest.raises(ValidationError) as caught:
        actions.change_status(secretary, delegation, "completed")
    assert caught.value.code == "conflict"
    actions.change_status(secretary, delegation, "confirmed")
    actions.change_status(secretary, delegation, "confirmed")  # again: nothing more
    assert Notification.objects.filter(user=aigerim, kind="delegations.confirmed").count() == 1
    actions.change_status(secretary, delegation, "under_way")
    actions.change_status(secretary, delegation, "completed")
    with pytest.raises(ValidationError):
        actions.change_status(secretary, delegation, "cancelled")
    assert AuditEntry.objects.filter(verb="delegation.status_changed", subject_id=delegation.pk).count() == 3


def test_unknown_status_is_an_error_on_status(secretary, committee):
    delegation = make_delegation(committee=committee)
    with pytest.raises(ValidationError) as caught:
        actions.change_status(secretary, delegation, "sunk")
    assert "status" in caught.value.message_dict


def test_asking_to_join_twice_and_accepting_twice_change_nothing(secretary, committee, aigerim, kz_org):
    delegation = make_delegation(committee=committee)
    member, created = member_actions.request_to_join(aigerim, delegation, kz_org, participants="3 people")
    again, created_again = member_actions.request_to_join(aigerim, delegation, kz_org)
    assert created and not created_again and again.pk == member.pk and member.status == "requested"
    assert Notification.objects.filter(user=secretary, kind="delegations.join_requested").count() == 1
    member_actions.accept_member(secretary, member)
    member_actions.accept_member(secretary, member)
    assert DelegationMember.objects.get(pk=member.pk).status == "accepted"
    assert Notification.objects.filter(user=aigerim, kind="delegations.member_accepted").count() == 1


def test_only_a_published_planned_delegation_takes_requests(committee, aigerim, kz_org):
    hidden = make_delegation(committee=committee, published=False)
    with pytest.raises(ValidationError):
        member_actions.request_to_join(aigerim, hidden, kz_org)
    confirmed = make_delegation(committee=committee, status="confirmed")
    with pytest.raises(ValidationError):
        member_actions.request_to_join(aigerim, confirmed, kz_org)


def test_one_may_ask_only_for_an_organization_one_administers(committee, li_wei, kz_org):
    with pytest.raises(PermissionDenied):
        member_actions.request_to_join(li_wei, make_delegation(committee=committee), kz_org)


def test_the_organizer_adds_a_member_once_and_the_organization_is_told(secretary, committee, aigerim, kz_org):
    delegation = make_delegation(committee=committee)
    member_actions.add_member(secretary, delegation, kz_org, "host")
    member_actions.add_member(secretary, delegation, kz_org, "host")
    assert delegation.members.count() == 1
    assert Notification.objects.filter(user=aigerim, kind="delegations.member_added").count() == 1
    with pytest.raises(PermissionDenied):
        member_actions.remove_member(aigerim, delegation.members.get())
    member_actions.remove_member(secretary, delegation.members.get())
    assert not delegation.members.exists()


def test_programme_items_stay_inside_the_visit(secretary, committee, aigerim, kz_org):
    delegation = make_delegation(committee=committee)
    add_member(delegation, kz_org)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        programme_actions.save_programme_item(
            secretary,
            delegation,
            {"day": delegation.ends_on + datetime.timedelta(days=1), "title_en": "Dinner"},
        )
    assert list(caught.value.message_dict) == ["day"]
    assert "日期" in caught.value.message_dict["day"][0]
    item = programme_actions.save_programme_item(
        secretary, delegation, {"day": delegation.ends_on, "title_en": "Dinner", "kind": "other"}
    )
    assert item.pk and item.title_en == "Dinner"
    assert Notification.objects.filter(user=aigerim, kind="delegations.programme_changed").count() == 1
    with pytest.raises(PermissionDenied):
        programme_actions.save_programme_item(
            aigerim, delegation, {"day": delegation.ends_on, "title_en": "X"}
        )


def test_an_outcome_links_only_a_request_of_a_member(secretary, committee, aigerim, kz_org, li_wei, cn_org):
    from scotemp.deals.tests.helpers import quoted_inquiry

    inquiry, _quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    delegation = make_delegation(committee=committee)
    with pytest.raises(ValidationError) as caught:
        programme_actions.record_outcome(secretary, delegation, {"kind": "rfq", "rfq": inquiry.rfq})
    assert "rfq" in caught.value.message_dict
    add_member(delegation, kz_org)  # the seller asked for a quotation joins the delegation
    values = {"kind": "rfq", "rfq": inquiry.rfq, "organizations": [kz_org, cn_org], "note_en": "RFQ"}
    outcome = programme_actions.record_outcome(secretary, delegation, values)
    assert outcome.rfq_id == inquiry.rfq_id and outcome.organizations.count() == 2


def test_an_outcome_links_a_project_of_a_member_shown_to_those_who_may_open_it(
    client, secretary, committee, aigerim, kz_org, li_wei
):
    """A member organization's project (owned or as an accepted partner) may be linked; the link is
    shown to readers who may open the project: everyone once published, only its owner's members
    while it is a draft."""
    from django.urls import reverse

    from scotemp.delegations import queries
    from scotemp.projects import actions as project_actions
    from scotemp.projects.tests.project_data import accepted_partner, make_project, partner_org

    project = make_project(aigerim, kz_org)
    delegation = make_delegation(committee=committee)
    with pytest.raises(ValidationError) as caught:
        programme_actions.record_outcome(secretary, delegation, {"kind": "project", "project": project})
    assert "project" in caught.value.message_dict
    assert "Cooperation project" in caught.value.message_dict["project"][0]

    # A partner's membership counts once the owner accepted it.
    partner, partner_user = partner_org()
    add_member(delegation, partner)
    project_actions.publish_project(aigerim, project.public_id)
    with pytest.raises(ValidationError):
        programme_actions.record_outcome(secretary, delegation, {"kind": "project", "project": project})
    accepted_partner(aigerim, project, partner, partner_user)
    outcome = programme_actions.record_outcome(secretary, delegation, {"kind": "project", "project": project})
    assert outcome.project_id == project.pk

    # Published: the page links it for a stranger too, and the API names it.
    [shown] = queries.outcomes_of(li_wei, delegation)
    assert shown.linked_project == project
    client.force_login(li_wei)
    page = client.get(reverse("delegations:detail", args=[delegation.public_id]))
    assert reverse("projects:detail", args=[project.public_id]).encode() in page.content
    api = client.get(f"/api/v1/delegations/{delegation.public_id}").json()
    assert [o["project"] for o in api["outcomes"]] == [str(project.public_id)]

    # A project taken back to draft is no longer linked for readers outside its owner.
    type(project).objects.filter(pk=project.pk).update(published=False)
    assert queries.outcomes_of(li_wei, delegation)[0].linked_project is None
    assert queries.outcomes_of(aigerim, delegation)[0].linked_project == project
