"""Delegations for the tests: an inbound delegation from Uzbekistan a fortnight ahead (trilingual,
published, planned), built directly so that each test states only what it changes."""

import datetime

from django.utils import timezone

from scotemp.delegations.choices import DelegationStatus, Direction, MemberStatus
from scotemp.delegations.models import Delegation, DelegationMember, ProgrammeItem
from scotemp.reference.models import Location


def make_delegation(committee=None, **overrides) -> Delegation:
    start = timezone.localdate() + datetime.timedelta(days=14)
    values = {
        "direction": Direction.INBOUND,
        "status": DelegationStatus.PLANNED,
        "published": True,
        "title_en": "Tashkent textile delegation",
        "title_ru": "Ташкентская текстильная делегация",
        "title_zh_hans": "塔什干纺织企业代表团",
        "purpose_en": "Meet importers of cotton yarn.",
        "purpose_ru": "Встречи с импортёрами хлопковой пряжи.",
        "purpose_zh_hans": "与棉纱进口商会谈。",
        "country_id": "UZ",
        "starts_on": start,
        "ends_on": start + datetime.timedelta(days=3),
        "committee": committee,
        "head_name": "Rustam Karimov",
        "members_note": "Meet at the hotel lobby at 08:30.",
    }
    values.update(overrides)
    values.setdefault("title", values["title_en"])
    delegation = Delegation.objects.create(**values)
    city = Location.objects.filter(locode="CNCKG").first()
    if city is not None:
        delegation.cities.add(city)
    return delegation


def add_member(
    delegation, organization, status=MemberStatus.ACCEPTED, role="participant"
) -> DelegationMember:
    return DelegationMember.objects.create(
        delegation=delegation, organization=organization, status=status, role=role
    )


def add_item(delegation, day_offset: int = 0, **overrides) -> ProgrammeItem:
    values = {
        "day": delegation.starts_on + datetime.timedelta(days=day_offset),
        "starts_at": datetime.time(10, 0),
        "ends_at": datetime.time(12, 0),
        "kind": "meeting",
        "title_en": "Meeting with importers",
        "title_ru": "Встреча с импортёрами",
        "title_zh_hans": "与进口商会谈",
    }
    values.update(overrides)
    values.setdefault("title", values["title_en"])
    return ProgrammeItem.objects.create(delegation=delegation, **values)
