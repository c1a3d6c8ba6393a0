"""Demo events: the China–SCO Digital Economy Forum 2026 in Chongqing (a plenary and three parallel
sessions, one of them on the platform itself, with languages and interpretation; the personas and
about sixty demo companies registered), a past B2B session of the agricultural supply chain
committee (held, with checked-in attendees; its meetings and outcomes are added by the B2B demo),
and an upcoming online webinar of the aluminium committee.

Idempotent and deterministic: events are found by their English title, sessions by theirs, and a
person already registered is skipped. Upcoming registrations go through the actions (so they get
their confirmations); the past event's attendees are written as they stood after the day.
"""

# ruff: noqa: E501 (texts of the demo in three languages)

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from scotemp.accounts.models import Membership
from scotemp.committees.models import Committee, CommitteeMembershipStatus
from scotemp.demo.events_keys import forum_event
from scotemp.events.actions.registrations import register
from scotemp.events.choices import AttendeeType, EventKind, EventStatus, RegistrationStatus
from scotemp.events.models import Event, EventSession, Registration
from scotemp.reference.models import Location

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
AGRI_TITLE_EN = "SCO Agricultural Supply Chain B2B Session 2026"
WEBINAR_TITLE_EN = "Aluminium Trade with Central Asia: Prices, Logistics and Standards"
PERSONAS = [
    ("liwei@demo.scotemp.org", AttendeeType.BUYER),
    ("aigerim@demo.scotemp.org", AttendeeType.SELLER),
    ("zhangmin@demo.scotemp.org", AttendeeType.GOVERNMENT),
    ("dmitry@demo.scotemp.org", AttendeeType.SERVICE_PROVIDER),
]
FORUM_TEXT = {
    "description_en": (
        "The annual forum of the platform's digital economy track, held in Chongqing with the "
        "Chongqing Municipal Commission of Commerce. Ministers, SCO Secretariat officials and company "
        "leaders discuss digital trade, e-commerce, payments and smart logistics between western China "
        "and the SCO region; the second day is given to one-to-one business meetings."
    ),
    "description_ru": (
        "Ежегодный форум цифрового направления платформы, который проходит в Чунцине совместно с "
        "Комиссией по коммерции г. Чунцина. Министры, представители Секретариата ШОС и руководители "
        "компаний обсуждают цифровую торговлю, электронную коммерцию, платежи и умную логистику между "
        "западным Китаем и регионом ШОС; второй день отведён деловым встречам один на один."
    ),
    "description_zh_hans": (
        "平台数字经济板块的年度论坛，与重庆市商务委员会在重庆联合举办。各国部长、上合组织秘书处官员和"
        "企业负责人围绕中国西部与上合组织地区之间的数字贸易、跨境电商、支付结算和智慧物流展开交流；"
        "第二天为一对一商务洽谈。"
    ),
    "venue_en": "Chongqing International Expo Center, Yuelai, Yubei District",
    "venue_ru": "Чунцинский международный выставочный центр, Юэлай, район Юбэй",
    "venue_zh_hans": "重庆国际博览中心（渝北区悦来）",
}
# (day offset, start hh:mm, end hh:mm, room, language, interpretation, titles, descriptions, speakers)
FORUM_SESSIONS = [
    (
        0,
        "09:00",
        "11:30",
        "Hall N1 · 会议中心N1厅",
        "zh",
        "ru, en",
        (
            "Opening plenary: the digital economy of the SCO region",
            "Пленарное заседание: цифровая экономика региона ШОС",
            "开幕全体大会：上合组织地区数字经济",
        ),
        (
            "Welcome addresses and keynote speeches on digital connectivity between China and the SCO countries.",
            "Приветственные слова и ключевые доклады о цифровой связанности Китая и стран ШОС.",
            "致辞及主旨演讲：中国与上合组织国家的数字互联互通。",
        ),
        "Chen Ming, Deputy Director, Chongqing Municipal Commission of Commerce\n"
        "Nurlan Abenov, SCO Secretariat\nLiu Yang, Secretary, Agricultural Supply Chain Committee",
    ),
    (
        0,
        "14:00",
        "17:00",
        "Room 3A · 3A会议室",
        "zh",
        "ru, en",
        (
            "Parallel session 1: SCO TEMP — matching exporters and importers online",
            "Параллельная секция 1: SCO TEMP — как платформа находит партнёров для экспортёров и импортёров",
            "平行分论坛一：SCO TEMP——线上精准对接进出口商",
        ),
        (
            "How the platform classifies offers by HS code, matches counterparts and carries a request to a signed deal; "
            "a live demonstration and the results of 2026.",
            "Как платформа классифицирует предложения по кодам ТН ВЭД, подбирает партнёров и доводит запрос до "
            "подписанной сделки; живая демонстрация и итоги 2026 года.",
            "平台如何按HS编码归类供求信息、精准匹配对手方并把询盘推进到签约；现场演示及2026年成果。",
        ),
        "Zhang Min, Secretary, Aluminium Industry Committee\nAigerim Seitkali, Astyk Trade Almaty LLP",
    ),
    (
        0,
        "14:00",
        "17:00",
        "Room 3B · 3B会议室",
        "ru",
        "zh",
        (
            "Parallel session 2: cross-border e-commerce and digital payments",
            "Параллельная секция 2: трансграничная электронная торговля и цифровые платежи",
            "平行分论坛二：跨境电商与数字支付",
        ),
        (
            "Marketplaces, settlement in national currencies and e-documents for small exporters.",
            "Маркетплейсы, расчёты в национальных валютах и электронный документооборот для малых экспортёров.",
            "电商平台、本币结算以及面向中小出口商的电子单证。",
        ),
        "Olga Morozova, Culture and Tourism Committee\nZhou Ting, Secretary, Trade Finance Committee",
    ),
    (
        0,
        "14:00",
        "17:00",
        "Room 3C · 3C会议室",
        "zh",
        "ru",
        (
            "Parallel session 3: smart logistics on the New International Land-Sea Trade Corridor",
            "Параллельная секция 3: умная логистика на Новом международном сухопутно-морском торговом коридоре",
            "平行分论坛三：西部陆海新通道上的智慧物流",
        ),
        (
            "Rail and multimodal routes Chongqing–Central Asia–Europe, tracking and customs facilitation.",
            "Железнодорожные и мультимодальные маршруты Чунцин — Центральная Азия — Европа, отслеживание "
            "грузов и упрощение таможенных процедур.",
            "重庆—中亚—欧洲铁路及多式联运线路、货物追踪与通关便利化。",
        ),
        "Dmitry Volkov, SibTransLogistic\nAndrey Sokolov, Secretary, Logistics Committee",
    ),
    (
        1,
        "16:00",
        "17:00",
        "Hall N1 · 会议中心N1厅",
        "zh",
        "ru, en",
        (
            "Closing plenary: signing of cooperation projects",
            "Заключительное пленарное заседание: подписание соглашений о сотрудничестве",
            "闭幕全体大会：合作项目签约仪式",
        ),
        (
            "Companies sign the agreements prepared during the forum's business meetings.",
            "Компании подписывают соглашения, подготовленные на деловых встречах форума.",
            "企业签署在论坛洽谈期间达成的合作协议。",
        ),
        "",
    ),
]


def _at(day: datetime.date, hhmm: str) -> datetime.datetime:
    hours, minutes = (int(x) for x in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hours, minutes), SHANGHAI)


def _session(event, day_offset, start, end, room, language, interpretation, titles, descriptions, speakers):
    day = event.starts_at.astimezone(SHANGHAI).date() + datetime.timedelta(days=day_offset)
    values = {
        "title": titles[0],
        "title_en": titles[0],
        "title_ru": titles[1],
        "title_zh_hans": titles[2],
        "description": descriptions[0],
        "description_en": descriptions[0],
        "description_ru": descriptions[1],
        "description_zh_hans": descriptions[2],
        "starts_at": _at(day, start),
        "ends_at": _at(day, end),
        "room": room,
        "language": language,
        "interpretation": interpretation,
        "speakers": speakers,
    }
    EventSession.objects.update_or_create(event=event, title_en=titles[0], defaults=values)


def _owners(limit: int, exclude_emails, countries=None, committee=None, per_country_cap: int = 2):
    """Owners of the demo organizations (``owner@<name>.<country>.demo``), a few per country,
    in a fixed order; ``committee``: its approved members only."""
    qs = (
        Membership.objects.filter(
            role="owner", user__email__startswith="owner@", user__email__endswith=".demo"
        )
        .exclude(user__email__in=exclude_emails)
        .exclude(user__is_operator=True)
        .select_related("user", "organization")
        .order_by("organization__country_id", "organization__name", "pk")
    )
    if countries:
        qs = qs.filter(organization__country_id__in=countries)
    if committee is not None:
        qs = qs.filter(
            organization__committee_memberships__committee=committee,
            organization__committee_memberships__status=CommitteeMembershipStatus.APPROVED,
        )
    per_country: dict[str, int] = {}
    out = []
    for membership in qs[:2000]:
        country = membership.organization.country_id
        if per_country.get(country, 0) >= per_country_cap or membership.user in [m.user for m in out]:
            continue
        per_country[country] = per_country.get(country, 0) + 1
        out.append(membership)
        if len(out) >= limit:
            break
    return out


def _register_upcoming(event, people, created):
    for user, attendee_type in people:
        if Registration.objects.filter(event=event, user=user).exists():
            continue
        register(user, event, attendee_type, time_zone="", language=user.language or "")
        created["event registrations"] += 1


def _seed_forum(created, operator):
    event = forum_event()
    city = Location.objects.filter(pk="CNCKG").first()
    changed = False
    for name, value in FORUM_TEXT.items():
        if not getattr(event, name):
            setattr(event, name, value)
            changed = True
    if event.city_id is None and city is not None:
        event.city = city
        changed = True
    if event.capacity is None:
        event.capacity = 600
        event.registration_closes_at = event.starts_at - datetime.timedelta(days=2)
        event.created_by = operator
        changed = True
    if changed:
        event.description = event.description or FORUM_TEXT["description_en"]
        event.venue = event.venue or FORUM_TEXT["venue_en"]
        event.save()
    for row in FORUM_SESSIONS:
        _session(event, *row)
    User = get_user_model()
    people = [(u, t) for email, t in PERSONAS for u in User.objects.filter(email=email)]
    # about sixty attendees in all, from a dozen countries (the forum's B2B session draws on them)
    for i, membership in enumerate(_owners(56, [e for e, _t in PERSONAS], per_country_cap=5)):
        people.append((membership.user, AttendeeType.BUYER if i % 2 else AttendeeType.SELLER))
    if event.starts_at > timezone.now():
        _register_upcoming(event, people, created)
    return event


def _seed_agri_session(created):
    committee = Committee.objects.filter(slug="agri-supply-chain").select_related("secretary").first()
    if committee is None:
        return None
    held = datetime.datetime(2026, 10, 20, 9, 0, tzinfo=SHANGHAI)
    latest = timezone.now() - datetime.timedelta(days=30)
    if held > latest:
        held = latest.astimezone(SHANGHAI).replace(hour=9, minute=0, second=0, microsecond=0)
    event, made = Event.objects.get_or_create(
        title_en=AGRI_TITLE_EN,
        defaults={
            "title": AGRI_TITLE_EN,
            "title_ru": "B2B-сессия ШОС по цепочкам поставок агропродукции 2026",
            "title_zh_hans": "2026上合组织农产品供应链B2B洽谈会",
            "description": "One-to-one meetings of grain, oilseed and food companies of the SCO region.",
            "description_en": "One-to-one meetings of grain, oilseed and food companies of the SCO region.",
            "description_ru": "Встречи один на один компаний — производителей и покупателей зерна, масличных и "
            "продуктов питания из стран ШОС.",
            "description_zh_hans": "上合组织地区粮食、油料和食品企业的一对一商务洽谈。",
            "venue": "Chongqing International Expo Center, Hall S3",
            "venue_en": "Chongqing International Expo Center, Hall S3",
            "venue_ru": "Чунцинский международный выставочный центр, зал S3",
            "venue_zh_hans": "重庆国际博览中心S3馆",
            "kind": EventKind.B2B,
            "status": EventStatus.PUBLISHED,
            "committee": committee,
            "created_by": committee.secretary,
            "starts_at": held,
            "ends_at": held + datetime.timedelta(hours=8),
            "time_zone": "Asia/Shanghai",
            "city": Location.objects.filter(pk="CNCKG").first(),
            "capacity": 120,
        },
    )
    if made:
        created["events"] += 1
    User = get_user_model()
    people = [(u, t) for email, t in PERSONAS[:2] for u in User.objects.filter(email=email)]
    for i, membership in enumerate(_owners(24, [e for e, _t in PERSONAS], committee=committee)):
        people.append((membership.user, AttendeeType.SELLER if i % 2 else AttendeeType.BUYER))
    for i, (user, attendee_type) in enumerate(people):
        if Registration.objects.filter(event=event, user=user).exists():
            continue
        organization = user.memberships.order_by("pk").values_list("organization_id", flat=True).first()
        Registration.objects.create(
            event=event,
            user=user,
            organization_id=organization,
            attendee_type=attendee_type,
            status=RegistrationStatus.CONFIRMED,
            language=user.language or "",
            decided_at=held - datetime.timedelta(days=14),
            # all but every seventh came and were checked in at the door
            checked_in_at=None if i % 7 == 6 else held + datetime.timedelta(minutes=5 + i),
            checked_in_by=committee.secretary if i % 7 != 6 else None,
        )
        created["event registrations"] += 1
    return event


def _seed_webinar(created):
    committee = Committee.objects.filter(slug="aluminium").select_related("secretary").first()
    if committee is None:
        return None
    start = (timezone.now() + datetime.timedelta(days=10)).astimezone(SHANGHAI)
    start = start.replace(hour=15, minute=0, second=0, microsecond=0)
    event, made = Event.objects.get_or_create(
        title_en=WEBINAR_TITLE_EN,
        defaults={
            "title": WEBINAR_TITLE_EN,
            "title_ru": "Торговля алюминием с Центральной Азией: цены, логистика и стандарты",
            "title_zh_hans": "与中亚的铝贸易：价格、物流与标准",
            "description": "An online briefing of the aluminium committee for producers and buyers.",
            "description_en": "An online briefing of the aluminium committee for producers and buyers: "
            "primary aluminium and alloy prices, rail routes from Chongqing and national standards.",
            "description_ru": "Онлайн-брифинг комитета алюминиевой промышленности для производителей и "
            "покупателей: цены на первичный алюминий и сплавы, ж/д маршруты из Чунцина и национальные "
            "стандарты.",
            "description_zh_hans": "铝产业委员会面向生产商和采购商的线上说明会：原铝及合金价格、"
            "重庆出发的铁路线路以及各国标准。",
            "kind": EventKind.WEBINAR,
            "status": EventStatus.PUBLISHED,
            "committee": committee,
            "created_by": committee.secretary,
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=2),
            "time_zone": "Asia/Shanghai",
            "online_url": "https://webinar.demo.scotemp.org/aluminium-central-asia",
            "capacity": 300,
        },
    )
    if made:
        created["events"] += 1
        _session(
            event,
            0,
            "15:00",
            "17:00",
            "",
            "zh",
            "ru",
            ("Briefing and questions", "Доклад и ответы на вопросы", "主题介绍与答疑"),
            (
                "Prices, logistics and standards, then questions from participants.",
                "Цены, логистика и стандарты, затем ответы на вопросы участников.",
                "价格、物流与标准介绍，随后回答参会者提问。",
            ),
            "Zhang Min, Secretary, Aluminium Industry Committee",
        )
    User = get_user_model()
    people = [(u, AttendeeType.SELLER) for u in User.objects.filter(email="aigerim@demo.scotemp.org")]
    people += [
        (m.user, AttendeeType.BUYER) for m in _owners(6, [e for e, _t in PERSONAS], countries=["KZ", "UZ"])
    ]
    _register_upcoming(event, people, created)
    return event


def seed_events(log=None) -> dict:
    log = log or (lambda message: None)
    created = {"events": 0, "event registrations": 0}
    operator = get_user_model().objects.filter(email="operator@demo.scotemp.org").first()
    with transaction.atomic():
        _seed_forum(created, operator)
        _seed_agri_session(created)
        _seed_webinar(created)
    log(f"Events: {created['events']} new, {created['event registrations']} registrations.")
    return created
