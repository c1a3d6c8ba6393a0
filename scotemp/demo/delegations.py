"""Demo delegations and visits: an inbound trade delegation from Tashkent (Uzbek cotton, textile and
dried-fruit firms) visiting Chongqing around the demo forum — a meeting hosted by Li Wei's company, a
site visit, the forum itself, a signing — with a memorandum of understanding and a request for
quotation as outcomes; and an outbound delegation of Chongqing food importers to Almaty, planned, hosted
by Aigerim's company (so the Russian-speaking persona sees one).

Deterministic and idempotent: delegations are found by their English title and only created when
missing, with their members, programme and outcomes. Rows are written directly (no notices)."""

# ruff: noqa: E501 (texts of the demo in three languages)

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from scotemp.accounts.models import Organization
from scotemp.committees.models import Committee
from scotemp.delegations.choices import DelegationStatus, Direction, MemberRole, MemberStatus, OutcomeKind
from scotemp.delegations.models import Delegation, DelegationMember, Outcome, ProgrammeItem
from scotemp.demo.events_keys import forum_event
from scotemp.demo.organizations import sector_by_organization
from scotemp.reference.models import Location

INBOUND_TITLE_EN = "Tashkent trade delegation: cotton, textiles and dried fruit"
OUTBOUND_TITLE_EN = "Chongqing food importers' delegation to Almaty"
LIWEI_ORG = "重庆渝粮食品有限公司"
# Chongqing and the districts its demo companies are named after.
CHONGQING = (
    "重庆",
    "渝北",
    "江津",
    "长寿",
    "璧山",
    "涪陵",
    "永川",
    "沙坪坝",
    "九龙坡",
    "巴南",
    "合川",
    "綦江",
)
AIGERIM_ORG = "ТОО «Астык Трейд Алматы»"

INBOUND = {
    "title_en": INBOUND_TITLE_EN,
    "title_ru": "Торговая делегация Ташкента: хлопок, текстиль и сухофрукты",
    "title_zh_hans": "塔什干贸易代表团：棉花、纺织品和干果",
    "purpose_en": (
        "Uzbek producers of cotton yarn, fabrics and dried fruit meet Chongqing importers and food "
        "processors, visit a cold-chain logistics park, take part in the China–SCO Digital Economy Forum "
        "and sign the first agreements."
    ),
    "purpose_ru": (
        "Узбекские производители хлопковой пряжи, тканей и сухофруктов встречаются с импортёрами и "
        "пищевыми предприятиями Чунцина, посещают логистический парк холодовой цепи, участвуют в Форуме "
        "Китай — ШОС по цифровой экономике и подписывают первые соглашения."
    ),
    "purpose_zh_hans": (
        "乌兹别克斯坦棉纱、面料和干果生产企业与重庆进口商及食品加工企业洽谈，参观冷链物流园区，"
        "出席中国—上合组织数字经济产业论坛，并签署首批合作文件。"
    ),
    "head_name": "Rustam Karimov",
    "head_title_en": "Chairman, Tashkent Association of Textile and Fruit Exporters",
    "head_title_ru": "председатель Ташкентской ассоциации экспортёров текстиля и плодоовощной продукции",
    "head_title_zh_hans": "塔什干纺织品和果蔬出口商协会会长",
    "members_note": (
        "Hotel: Yuelai Marriott. Bus leaves the hotel at 08:30 each day; interpreters (Russian–Chinese) "
        "ride with the group. Contact on site: the committee secretariat."
    ),
}
# (day offset, start, end, kind, titles, descriptions, venues, host: "liwei" | None, event: bool)
INBOUND_PROGRAMME = [
    (
        0, "10:00", "12:00", "meeting",
        ("Meeting at Chongqing Yuliang Foods: dried fruit for the bakery line",
         "Встреча в компании «Чунцин Юйлян Фудс»: сухофрукты для хлебобулочной линии",
         "走访重庆渝粮食品有限公司：烘焙生产线的干果采购"),
        ("Tasting of raisins and dried apricots, the buyer's specifications and delivery terms.",
         "Дегустация изюма и кураги, требования покупателя и условия поставки.",
         "葡萄干和杏干品鉴，买方规格要求及交货条件。"),
        ("Yuliang Foods, Shapingba District", "Юйлян Фудс, район Шапинба", "渝粮食品（沙坪坝区）"),
        "liwei", False,
    ),
    (
        0, "14:30", "17:00", "site_visit",
        ("Site visit: cold-chain logistics park at Guoyuan Port",
         "Посещение логистического парка холодовой цепи в порту Гоюань",
         "参观果园港冷链物流园"),
        ("Storage, customs inspection and rail connections for fruit from Central Asia.",
         "Хранение, таможенный досмотр и железнодорожные отправки фруктов из Центральной Азии.",
         "中亚水果的仓储、海关查验和铁路衔接。"),
        ("Guoyuan Port, Jiangbei District", "порт Гоюань, район Цзянбэй", "果园港（江北区）"),
        None, False,
    ),
    (
        1, "09:00", "17:00", "forum",
        ("China–SCO Digital Economy Forum 2026", "Форум Китай — ШОС по цифровой экономике 2026", "中国—上合组织数字经济产业论坛 2026"),
        ("The delegation attends the plenary and the parallel session on the platform.",
         "Делегация участвует в пленарном заседании и в секции о платформе.",
         "代表团出席全体大会及平台专题分论坛。"),
        ("Chongqing International Expo Center", "Чунцинский международный выставочный центр", "重庆国际博览中心"),
        None, True,
    ),
    (
        2, "10:00", "11:00", "signing",
        ("Signing of the memorandum on dried fruit supplies",
         "Подписание меморандума о поставках сухофруктов",
         "干果供应合作备忘录签约仪式"),
        ("", "", ""),
        ("Chongqing International Expo Center, room 2B", "Чунцинский международный выставочный центр, зал 2B", "重庆国际博览中心2B会议室"),
        "liwei", False,
    ),
]  # fmt: skip

OUTBOUND = {
    "title_en": OUTBOUND_TITLE_EN,
    "title_ru": "Делегация импортёров продовольствия Чунцина в Алматы",
    "title_zh_hans": "重庆食品进口商阿拉木图考察团",
    "purpose_en": "Chongqing flour mills and food importers visit Kazakh grain exporters and the Almaty dry port.",
    "purpose_ru": "Мукомольные предприятия и импортёры продовольствия Чунцина посещают казахстанских экспортёров зерна и сухой порт Алматы.",
    "purpose_zh_hans": "重庆面粉加工企业和食品进口商考察哈萨克斯坦粮食出口企业及阿拉木图陆港。",
    "head_name": "王建国",
    "head_title_en": "Deputy Director, Chongqing Municipal Commission of Commerce",
    "head_title_ru": "заместитель директора Комиссии по коммерции г. Чунцина",
    "head_title_zh_hans": "重庆市商务委员会副主任",
    "members_note": "Visas: the organizer sends invitation letters three weeks before departure.",
}
OUTBOUND_PROGRAMME = [
    (
        0, "10:00", "13:00", "meeting",
        ("Meeting and elevator visit at Astyk Trade Almaty", "Встреча и посещение элеватора «Астык Трейд Алматы»", "走访阿斯特克贸易公司并参观粮仓"),
        ("Milling wheat quality, FCA Almaty station terms.", "Качество продовольственной пшеницы, условия FCA ст. Алматы.", "制粉小麦品质及阿拉木图站FCA交货条件。"),
        ("Almaty", "Алматы", "阿拉木图"),
        "aigerim", False,
    ),
]  # fmt: skip


def _hm(text: str) -> datetime.time:
    hours, minutes = (int(part) for part in text.split(":"))
    return datetime.time(hours, minutes)


def _orgs_of(
    country: str, sectors: tuple[str, ...], limit: int, prefix: tuple[str, ...] = ()
) -> list[Organization]:
    """Demo organizations of ``country`` in ``sectors``, those whose name begins with one of
    ``prefix`` (a city or its districts) first."""
    by_name = sector_by_organization()
    rows = Organization.objects.filter(country_id=country).order_by("name")
    found = [o for o in rows if by_name.get((country, o.name)) in sectors]
    return sorted(found, key=lambda o: not (prefix and o.name.startswith(prefix)))[:limit]


def _create(values: dict, **fields) -> Delegation:
    delegation = Delegation(**fields, **values)
    delegation.title = values["title_en"]
    delegation.purpose = values["purpose_en"]
    delegation.head_title = values["head_title_en"]
    delegation.save()
    return delegation


def _programme(delegation, rows, hosts, event=None) -> int:
    for offset, start, end, kind, titles, descriptions, venues, host, with_event in rows:
        ProgrammeItem.objects.create(
            delegation=delegation,
            day=delegation.starts_on + datetime.timedelta(days=offset),
            starts_at=_hm(start),
            ends_at=_hm(end),
            kind=kind,
            title=titles[0],
            title_en=titles[0],
            title_ru=titles[1],
            title_zh_hans=titles[2],
            description=descriptions[0],
            description_en=descriptions[0],
            description_ru=descriptions[1],
            description_zh_hans=descriptions[2],
            venue=venues[0],
            venue_en=venues[0],
            venue_ru=venues[1],
            venue_zh_hans=venues[2],
            city=delegation.cities.first(),
            host=hosts.get(host),
            event=event if with_event else None,
        )
    return len(rows)


def _member(delegation, organization, role, participants="") -> None:
    DelegationMember.objects.get_or_create(
        delegation=delegation,
        organization=organization,
        defaults={"role": role, "status": MemberStatus.ACCEPTED, "participants": participants},
    )


# The demo's cooperation project the Tashkent delegation joins (scotemp/demo/projects.py).
COLD_CHAIN_TITLE_EN = "Agricultural cold chain Almaty–Tashkent–Chongqing"


def _seed_inbound(created, operator) -> None:
    if Delegation.objects.filter(title_en=INBOUND_TITLE_EN).exists():
        return
    liwei = Organization.objects.filter(name=LIWEI_ORG).first()
    uzbek = _orgs_of("UZ", ("cotton", "textiles", "fruit"), 4)
    if liwei is None or not uzbek:
        return
    forum = forum_event()
    first = timezone.localtime(forum.starts_at).date()
    delegation = _create(
        INBOUND,
        direction=Direction.INBOUND,
        status=DelegationStatus.CONFIRMED,
        published=True,
        country_id="UZ",
        starts_on=first - datetime.timedelta(days=1),
        ends_on=first + datetime.timedelta(days=1),
        committee=Committee.objects.filter(slug="agri-supply-chain").first(),
        created_by=operator,
    )
    delegation.cities.set(Location.objects.filter(locode__in=["CNCKG"]))
    for index, organization in enumerate(uzbek):
        _member(delegation, organization, MemberRole.PARTICIPANT, f"{2 + index % 2}")
    _member(delegation, liwei, MemberRole.HOST, "4")
    created["delegations"] += 1
    created["programme items"] += _programme(delegation, INBOUND_PROGRAMME, {"liwei": liwei}, forum)
    fruit = next((o for o in uzbek if sector_by_organization().get(("UZ", o.name)) == "fruit"), uzbek[0])
    mou = Outcome.objects.create(
        delegation=delegation,
        kind=OutcomeKind.MOU,
        note="Memorandum on supplies of raisins and dried apricots for 2027, about 300 t a year.",
        note_en="Memorandum on supplies of raisins and dried apricots for 2027, about 300 t a year.",
        note_ru="Меморандум о поставках изюма и кураги на 2027 год, около 300 т в год.",
        note_zh_hans="关于2027年葡萄干和杏干供应的合作备忘录，年供应量约300吨。",
        recorded_by=operator,
    )
    mou.organizations.set([liwei, fruit])
    from scotemp.deals.models import Rfq

    rfq = Rfq.objects.filter(buyer=liwei, inquiries__seller__in=uzbek).order_by("created_at").first()
    request = Outcome.objects.create(
        delegation=delegation,
        kind=OutcomeKind.RFQ,
        rfq=rfq,
        note="Yuliang Foods asked the delegation's fruit producers for a quotation.",
        note_en="Yuliang Foods asked the delegation's fruit producers for a quotation.",
        note_ru="«Юйлян Фудс» запросила коммерческое предложение у производителей сухофруктов из делегации.",
        note_zh_hans="渝粮食品向代表团的干果生产企业发出询价。",
        recorded_by=operator,
    )
    request.organizations.set([liwei, fruit])
    created["outcomes"] += 2
    from scotemp.projects.models import Project

    cold_chain = Project.objects.filter(title_en=COLD_CHAIN_TITLE_EN, owner=liwei).first()
    if cold_chain is not None:
        joined = Outcome.objects.create(
            delegation=delegation,
            kind=OutcomeKind.PROJECT,
            project=cold_chain,
            note="The delegation's fruit growers will ship through the cold chain's Tashkent hub.",
            note_en="The delegation's fruit growers will ship through the cold chain's Tashkent hub.",
            note_ru="Производители фруктов из делегации будут отправлять грузы через ташкентский узел холодовой цепи.",
            note_zh_hans="代表团的水果生产企业将通过冷链的塔什干枢纽发运货物。",
            recorded_by=operator,
        )
        joined.organizations.set([liwei, fruit])
        created["outcomes"] += 1


def _seed_outbound(created, operator) -> None:
    if Delegation.objects.filter(title_en=OUTBOUND_TITLE_EN).exists():
        return
    aigerim = Organization.objects.filter(name=AIGERIM_ORG).first()
    importers = _orgs_of("CN", ("food", "grain"), 3, prefix=CHONGQING)
    if aigerim is None:
        return
    start = timezone.localdate() + datetime.timedelta(days=45)
    delegation = _create(
        OUTBOUND,
        direction=Direction.OUTBOUND,
        status=DelegationStatus.PLANNED,
        published=True,
        country_id="KZ",
        starts_on=start,
        ends_on=start + datetime.timedelta(days=2),
        committee=Committee.objects.filter(slug="agri-supply-chain").first(),
        created_by=operator,
    )
    delegation.cities.set(Location.objects.filter(locode__in=["KZALA"]))
    _member(delegation, aigerim, MemberRole.HOST, "3")
    for organization in importers:
        _member(delegation, organization, MemberRole.PARTICIPANT, "2")
    created["delegations"] += 1
    created["programme items"] += _programme(delegation, OUTBOUND_PROGRAMME, {"aigerim": aigerim})


def seed_delegations(log=None) -> dict:
    log = log or (lambda message: None)
    created = {"delegations": 0, "programme items": 0, "outcomes": 0}
    operator = get_user_model().objects.filter(email="operator@demo.scotemp.org").first()
    with transaction.atomic():
        _seed_inbound(created, operator)
        _seed_outbound(created, operator)
    log(
        f"Delegations: {created['delegations']} new, {created['programme items']} programme items, "
        f"{created['outcomes']} outcomes."
    )
    return created
