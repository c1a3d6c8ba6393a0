"""Notices of the delegations app reach every member of the member organizations through the
notification sink and read in each reader's language."""

import pytest

from scotemp.delegations.actions import delegations as actions
from scotemp.delegations.notices import KINDS
from scotemp.notifications.kinds import render
from scotemp.notifications.models import Notification

from .data import add_member, make_delegation

pytestmark = pytest.mark.django_db


def test_confirmed_reads_in_russian_and_chinese(secretary, committee, aigerim, kz_org, li_wei, cn_org):
    delegation = make_delegation(committee=committee)
    add_member(delegation, kz_org)
    add_member(delegation, cn_org, role="host")
    actions.change_status(secretary, delegation, "confirmed")
    ru = Notification.objects.get(user=aigerim, kind="delegations.confirmed")
    zh = Notification.objects.get(user=li_wei, kind="delegations.confirmed")
    title_ru, body_ru = render(ru.kind, ru.params, "ru")
    title_zh, _body = render(zh.kind, zh.params, "zh-hans")
    assert title_ru == "Делегация подтверждена: Ташкентская текстильная делегация"
    assert "Визит подтверждён" in body_ru
    assert title_zh == "代表团已确认：塔什干纺织企业代表团"
    assert ru.url == delegation.get_absolute_url()


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_every_kind_is_translated(language):
    params = {
        "delegation": {"en": "D", "ru": "D", "zh-hans": "D"},
        "organization": "O",
        "day": "2099-01-01",
        "reason": "",
    }
    for kind in KINDS:
        title, body = render(kind, params, language)
        english_title, english_body = render(kind, params, "en")
        assert title != english_title and body != english_body, kind
