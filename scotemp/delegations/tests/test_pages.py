"""Delegation pages: the list and the delegation page in Russian and Chinese (programme as a
day-by-day agenda, members, outcomes), the organizer's forms, the request to join, and the
committee page's list of its delegations."""

import datetime

import pytest
from django.urls import reverse

from scotemp.delegations.models import Delegation, Outcome

from .data import add_item, add_member, make_delegation

pytestmark = pytest.mark.django_db


def read_in(client, language):
    client.cookies["scotemp_language"] = language
    return client


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", ("Делегации и визиты", "Программа", "Участники делегации")),
        ("zh-hans", ("代表团与出访", "议程", "代表团成员")),
    ],
)
def test_list_and_detail_in_russian_and_chinese(client, committee, kz_org, language, words):
    delegation = make_delegation(committee=committee)
    add_item(delegation)
    add_item(delegation, day_offset=1, kind="site_visit", title_en="Site visit")
    add_member(delegation, kz_org, role="host")
    Outcome.objects.create(delegation=delegation, kind="mou", note="MoU")
    client.cookies["scotemp_language"] = language
    headers = {}
    listing = client.get(reverse("delegations:list"), **headers).content.decode()
    assert words[0] in listing
    assert (delegation.title_ru if language == "ru" else delegation.title_zh_hans) in listing
    page = client.get(delegation.get_absolute_url(), **headers).content.decode()
    for word in words[1:]:
        assert word in page
    assert page.count("<h3>") >= 2  # one heading per day of the agenda
    assert 'data-label="' in page  # the tables become stacked cards at phone width
    assert "Meet at the hotel lobby" not in page  # the members-only note


def test_unpublished_page_is_404_to_strangers(client, committee, li_wei):
    delegation = make_delegation(committee=committee, published=False)
    client.force_login(li_wei)
    assert client.get(delegation.get_absolute_url()).status_code == 404


def test_the_secretary_creates_a_delegation_through_the_form(client, secretary, committee):
    client.force_login(secretary)
    day = datetime.date(2099, 6, 1)
    data = {
        "direction": "outbound",
        "country": "KZ",
        "starts_on": day.isoformat(),
        "ends_on": (day - datetime.timedelta(days=1)).isoformat(),
        "city_1": "KZALA",
        "committee": committee.pk,
        "title_zh_hans": "阿拉木图考察团",
    }
    response = read_in(client, "ru").post(reverse("delegations:new"), data)  # the secretary reads Russian
    assert response.status_code == 400 and "Последний день: выберите дату" in response.content.decode()
    data["ends_on"] = (day + datetime.timedelta(days=2)).isoformat()
    response = client.post(reverse("delegations:new"), data)
    delegation = Delegation.objects.get(title_zh_hans="阿拉木图考察团")
    assert response.status_code == 302 and response["Location"] == delegation.get_absolute_url()
    assert list(delegation.cities.values_list("locode", flat=True)) == ["KZALA"]


def test_a_programme_item_outside_the_dates_is_refused_on_the_form(client, secretary, committee):
    delegation = make_delegation(committee=committee)
    client.force_login(secretary)
    url = reverse("delegations:item_new", args=[delegation.public_id])
    late = delegation.ends_on + datetime.timedelta(days=5)
    response = read_in(client, "ru").post(
        url, {"day": late.isoformat(), "kind": "meeting", "title_ru": "Ужин"}
    )
    assert response.status_code == 400 and "в пределах визита" in response.content.decode()
    assert not delegation.programme.exists()


def test_asking_to_join_from_the_page_then_the_organizer_accepts(client, committee, aigerim, secretary):
    delegation = make_delegation(committee=committee)
    client.force_login(aigerim)
    assert "Подать заявку" in read_in(client, "ru").get(delegation.get_absolute_url()).content.decode()
    client.post(reverse("delegations:join", args=[delegation.public_id]), {"role": "participant"})
    client.post(reverse("delegations:join", args=[delegation.public_id]), {"role": "participant"})
    member = delegation.members.get()
    assert member.status == "requested"
    client.force_login(secretary)
    client.post(reverse("delegations:member_accept", args=[delegation.public_id, member.pk]))
    member.refresh_from_db()
    assert member.status == "accepted"
    client.force_login(aigerim)
    page = client.get(delegation.get_absolute_url()).content.decode()
    assert "Meet at the hotel lobby" in page  # now a member: the members-only note


def test_the_committee_page_lists_its_delegations(client, committee):
    delegation = make_delegation(committee=committee)
    page = client.get(reverse("committees:detail", args=[committee.slug])).content.decode()
    assert delegation.get_absolute_url() in page


def test_the_operator_report_page(client, operator, committee):
    make_delegation(committee=committee)
    operator.language = "ru"
    operator.save(update_fields=["language"])
    client.force_login(operator)
    page = read_in(client, "ru").get(reverse("delegations:report")).content.decode()
    assert "Делегации по годам" in page and "Узбекистан" in page
