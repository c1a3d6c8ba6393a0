"""Demo: every committee at work. For each committee with a secretary: a charter and activities in three
languages, a deputy secretary from a member organization, this year's work plan, KPI targets, news
(two published posts and one draft waiting in the secretary's dashboard) and a documents library (a
public regulation and members-only minutes, as real PDFs in the three languages).

Deterministic and idempotent: rows are found by their natural keys (committee and title) and only
created when missing, so a second run changes nothing. Rows are written directly (no notices): the demo
should not send every member organization two e-mails per committee."""

import datetime
import hashlib
import uuid
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from scotemp.committees.models import (
    Committee,
    CommitteeDocument,
    CommitteeMembership,
    CommitteeOfficer,
    KpiTarget,
    NewsPost,
    WorkPlanItem,
)
from scotemp.demo.seed_verification import minimal_pdf

SUFFIXES = ("en", "ru", "zh_hans")

CHARTER = {
    "en": (
        "The {name} brings together enterprises, universities and public bodies of Chongqing and of the "
        "SCO region working in its sector. It helps its members find partners, meet at forums and B2B "
        "sessions, agree deals and carry out joint projects, and reports its results to the platform's "
        "council every year. Members are organizations admitted by the secretary on application; they "
        "take part in the committee's meetings, receive its news and read its members-only documents."
    ),
    "ru": (
        "«{name}» объединяет предприятия, университеты и государственные организации Чунцина и "
        "стран ШОС, работающие в этой отрасли. Комитет помогает своим членам находить партнёров, "
        "встречаться на форумах и B2B-сессиях, заключать сделки и реализовывать совместные проекты и "
        "ежегодно отчитывается о результатах перед советом платформы. Членами становятся организации, "
        "заявки которых одобрил секретарь; они участвуют в заседаниях комитета, получают его новости и "
        "читают документы для членов."
    ),
    "zh_hans": (
        "{name}汇聚重庆及上合组织地区本行业的企业、高校和公共机构，帮助成员寻找合作伙伴、参加论坛和"
        "B2B 洽谈、达成交易、开展合作项目，并每年向平台理事会报告工作成果。成员单位经申请、由秘书长"
        "批准加入，可参加委员会会议、接收委员会新闻并阅读仅限成员的文件。"
    ),
}
ACTIVITIES = {
    "en": (
        "Matchmaking between members\nSector forums and B2B sessions\nMarket "
        "and regulation briefings\nJoint projects with SCO partners"
    ),
    "ru": (
        "Подбор партнёров среди членов\nОтраслевые форумы и B2B-сессии\nОбзоры "
        "рынков и регулирования\nСовместные проекты с партнёрами из стран ШОС"
    ),
    "zh_hans": "成员之间的对接撮合\n行业论坛和 B2B 洽谈\n市场与法规解读\n与上合组织伙伴的合作项目",
}
PLAN = [
    # ({language: title}, month, day, status); the secretary writes in their own language
    (
        {
            "en": "Approve the committee's work plan and targets for the year",
            "ru": "Утвердить план работы и цели комитета на год",
            "zh-hans": "审议通过委员会年度工作计划和目标",
        },
        1,
        31,
        "done",
    ),
    (
        {
            "en": "Sector forum in Chongqing with a B2B session",
            "ru": "Отраслевой форум в Чунцине с B2B-сессией",
            "zh-hans": "在重庆举办行业论坛暨 B2B 洽谈会",
        },
        5,
        20,
        "done",
    ),
    (
        {
            "en": "Market briefing for members: import requirements in China",
            "ru": "Обзор для членов: требования к импорту в Китай",
            "zh-hans": "成员市场简报：中国进口要求",
        },
        7,
        15,
        "in_progress",
    ),
    (
        {
            "en": "Trade mission to Almaty and Tashkent",
            "ru": "Торговая миссия в Алматы и Ташкент",
            "zh-hans": "赴阿拉木图和塔什干贸易考察",
        },
        9,
        25,
        "planned",
    ),
    (
        {
            "en": "Annual report to the platform's council",
            "ru": "Годовой отчёт совету платформы",
            "zh-hans": "向平台理事会提交年度报告",
        },
        12,
        15,
        "planned",
    ),
]
NEWS = [
    {
        "key": "plan",
        "days_ago": 40,
        "status": "published",
        "en": (
            "{name}: work plan for {year} approved",
            (
                "The members approved this year's work plan and targets: a sector "
                "forum in Chongqing, a trade mission to Central Asia and monthly "
                "market briefings."
            ),
        ),
        "ru": (
            "{name}: утверждён план работы на {year} год",
            (
                "Члены комитета утвердили план работы и цели на год: отраслевой форум "
                "в Чунцине, торговая миссия в Центральную Азию и ежемесячные обзоры "
                "рынков."
            ),
        ),
        "zh_hans": (
            "{name}：{year} 年工作计划获批",
            "成员单位审议通过了本年度工作计划和目标：在重庆举办行业论坛、赴中亚开展贸易考察，并每月发布市场简报。",
        ),
    },
    {
        "key": "forum",
        "days_ago": 8,
        "status": "published",
        "en": (
            "Members met at the sector forum in Chongqing",
            (
                "More than forty organizations from six countries took part; the B2B "
                "session held over a hundred meetings."
            ),
        ),
        "ru": (
            "Члены комитета встретились на отраслевом форуме в Чунцине",
            (
                "В форуме приняли участие более сорока организаций из шести стран; на "
                "B2B-сессии прошло более ста встреч."
            ),
        ),
        "zh_hans": (
            "成员单位齐聚重庆行业论坛",
            "来自六个国家的四十多家单位参加了论坛，B2B 洽谈会共安排了一百多场会谈。",
        ),
    },
    {
        "key": "mission",
        "days_ago": 0,
        "status": "draft",
        "en": (
            "Call for participants: trade mission to Almaty and Tashkent",
            "Member organizations can register their interest until the end of the month.",
        ),
        "ru": (
            "Набор участников: торговая миссия в Алматы и Ташкент",
            "Организации-члены могут заявить об участии до конца месяца.",
        ),
        "zh_hans": ("征集参团单位：阿拉木图和塔什干贸易考察", "成员单位可在月底前报名。"),
    },
]
DOCUMENTS = [
    # (kind, visibility, {language: title})
    (
        "regulation",
        "public",
        {"en": "Regulation of the committee", "ru": "Положение о комитете", "zh-hans": "委员会工作规则"},
    ),
    (
        "minutes",
        "members",
        {
            "en": "Minutes of the members' meeting",
            "ru": "Протокол собрания членов",
            "zh-hans": "成员大会会议纪要",
        },
    ),
]


def _names(committee) -> dict[str, str]:
    return {s: getattr(committee, f"name_{s}") or committee.name_en or committee.name for s in SUFFIXES}


def _pdf(title: str, lines: list[str]) -> bytes:
    """A PDF with the lines in their own scripts (fpdf2 with the documents' fonts, the first of the
    chain and the others as fallbacks), or an ASCII one-page PDF when no font is installed."""
    from fpdf import FPDF

    from scotemp.deals.documents.fonts import DocumentsUnavailable, find_fonts

    try:
        chain = find_fonts()
    except DocumentsUnavailable:
        return minimal_pdf(title)
    pdf = FPDF()
    names = []
    for i, files in enumerate(chain):
        name = f"f{i}"
        pdf.add_font(name, "", str(files.regular), collection_font_number=files.face)
        names.append(name)
    if len(names) > 1:
        pdf.set_fallback_fonts(names[1:], exact_match=False)
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(names[0], "", 14)
    pdf.multi_cell(0, 8, title)
    pdf.ln(4)
    pdf.set_font(names[0], "", 11)
    for line in lines:
        pdf.multi_cell(0, 6, line)
        pdf.ln(3)
    return bytes(pdf.output())


def _document(committee, kind, visibility, title, content: bytes, uploaded_by):
    doc = CommitteeDocument(
        committee=committee,
        kind=kind,
        title=title,
        visibility=visibility,
        original_name=f"{kind}.pdf",
        content_type="application/pdf",
        extension="pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=uploaded_by,
        public_id=uuid.uuid5(uuid.NAMESPACE_URL, f"scotemp-demo:{committee.slug}:{kind}"),
    )
    doc.file.save("upload", ContentFile(content), save=False)
    doc.save()
    return doc


def _seed_one(committee, year, today, counts):
    names = _names(committee)
    if not committee.charter_en:
        for s in SUFFIXES:
            setattr(committee, f"charter_{s}", CHARTER[s].format(name=names[s]))
            setattr(committee, f"activities_{s}", ACTIVITIES[s])
        committee.save()
        counts["charters"] += 1
    members = list(
        CommitteeMembership.objects.filter(committee=committee, status="approved")
        .select_related("organization")
        .order_by("organization__name")
    )
    if members and not CommitteeOfficer.objects.filter(committee=committee).exists():
        host = members[0].organization
        deputy = host.memberships.select_related("user").order_by("id").first()
        if deputy is not None and deputy.user_id != committee.secretary_id:
            CommitteeOfficer.objects.create(
                committee=committee, user=deputy.user, role="deputy", title=host.name
            )
            counts["officers"] += 1
    language = (committee.secretary.language if committee.secretary else "") or "zh-hans"
    language = language if language in ("en", "ru", "zh-hans") else "en"
    for i, (titles, month, day, status) in enumerate(PLAN):
        title = titles[language]
        owner = members[i % len(members)].organization if members and i % 2 else None
        _item, created = WorkPlanItem.objects.get_or_create(
            committee=committee,
            year=year,
            title=title,
            defaults={
                "due_date": datetime.date(year, month, day),
                "status": status,
                "owner_organization": owner,
                "owner_user": None if owner else committee.secretary,
            },
        )
        counts["plan items"] += created
    if not KpiTarget.objects.filter(committee=committee, year=year).exists():
        targets = {
            "members": max(10, int(len(members) * 1.3)),
            "verified_members": max(5, len(members) // 2),
            "leads": 400,
            "matches": 150,
            "rfqs": 60,
            "deals": 25,
            "deal_value_usd": 5_000_000,
            "events": 4,
            "meetings": 120,
        }
        KpiTarget.objects.bulk_create(
            KpiTarget(committee=committee, year=year, metric=m, target=Decimal(v)) for m, v in targets.items()
        )
        counts["KPI targets"] += len(targets)
    now = timezone.now()
    for spec in NEWS:
        title_en = spec["en"][0].format(name=names["en"], year=year)
        if NewsPost.objects.filter(committee=committee, title_en=title_en).exists():
            continue
        at = now - datetime.timedelta(days=spec["days_ago"])
        post = NewsPost(
            committee=committee, language="zh-hans", author=committee.secretary, status=spec["status"]
        )
        for s in SUFFIXES:
            title, body = spec[s]
            setattr(post, f"title_{s}", title.format(name=names[s], year=year))
            setattr(post, f"body_{s}", body)
        if spec["status"] == "published":
            post.submitted_at = at - datetime.timedelta(days=1)
            post.published_at = at
        post.save()
        counts["news posts"] += 1
    for kind, visibility, titles in DOCUMENTS:
        title = titles[language]
        if CommitteeDocument.objects.filter(committee=committee, kind=kind).exists():
            continue
        lines = (
            [CHARTER[s].format(name=names[s]) for s in SUFFIXES]
            if kind == "regulation"
            else [
                f"{names['en']} — {names['ru']} — {names['zh_hans']}",
                f"{today:%Y-%m-%d}",
                *[
                    f"{i + 1}. {titles_['en']} / {titles_['ru']} / {titles_['zh-hans']}"
                    for i, (titles_, *_r) in enumerate(PLAN)
                ],
            ]
        )
        _document(
            committee, kind, visibility, title, _pdf(f"{title}: {names['en']}", lines), committee.secretary
        )
        counts["documents"] += 1


def seed_committees_work(log=None) -> dict:
    """The workspace of every committee with a secretary (see the module's docstring)."""
    log = log or (lambda message: None)
    counts = dict.fromkeys(
        ("charters", "officers", "plan items", "KPI targets", "news posts", "documents"), 0
    )
    today = timezone.localdate()
    with transaction.atomic():
        for committee in Committee.objects.exclude(secretary=None).order_by("position", "slug"):
            _seed_one(committee, today.year, today, counts)
    log("Committees at work: " + ", ".join(f"{n} {what}" for what, n in counts.items()) + ".")
    return counts
