"""The demo's cooperation projects as data (seeded by :mod:`scotemp.demo.projects`): owners and partners
as personas or sector organizations, stages, values, texts in three languages and milestones."""

# ruff: noqa: E501 (texts of the demo in three languages)

import datetime
from decimal import Decimal

from django.utils import timezone

from scotemp.projects.choices import MilestoneStatus, PartnerRole, PartnerStatus, ProjectStage

AIGERIM = "aigerim@demo.scotemp.org"
LI_WEI = "liwei@demo.scotemp.org"
ZHANG_MIN = "zhangmin@demo.scotemp.org"


def day_of_2026(month: int, day: int) -> datetime.date:
    """A day of 2026, moved back before today if the demo runs earlier in the year."""
    wanted = datetime.date(2026, month, day)
    latest = timezone.localdate() - datetime.timedelta(days=3)
    return min(wanted, latest)


# (owner, partners [(org, role, status, message)], committee, field, stage, published, value,
#  currency, signed_on, signed at the agricultural B2B session, texts, milestones, stopped reason)
# An organization is ("persona", email) or ("sector", country, sector, index).
PROJECTS = [
    {
        "key": "education",
        "owner": ("sector", "CN", "education", 0),
        "partners": [
            (("sector", "KZ", "education", 0), PartnerRole.LEAD_PARTNER, PartnerStatus.ACCEPTED, "")
        ],
        "committee": "education",
        "field": "education",
        "stage": ProjectStage.IMPLEMENTING,
        "value": Decimal("2400000"),
        "currency": "CNY",
        "signed_on": (3, 18),
        "at_event": False,
        "title": (
            "Chongqing–Kazakhstan vocational programme: Chinese and logistics trades",
            "Программа профподготовки Чунцин — Казахстан: китайский язык и логистические профессии",
            "重庆—哈萨克斯坦职业教育合作项目：汉语与物流技能",
        ),
        "summary": (
            "Two-year programme for 120 Kazakh students a year: a first year of Chinese and technical "
            "subjects in Kazakhstan, a second year of warehouse, customs brokerage and rail freight practice "
            "in Chongqing, with internships at logistics companies of the platform.",
            "Двухлетняя программа для 120 казахстанских студентов в год: первый год — китайский язык и "
            "технические дисциплины в Казахстане, второй — практика складской работы, таможенного "
            "оформления и железнодорожных перевозок в Чунцине со стажировкой в логистических компаниях платформы.",
            "面向哈萨克斯坦学生的两年制项目，每年招收120人：第一年在哈萨克斯坦学习汉语和专业基础课，第二年在重庆"
            "进行仓储、报关和铁路货运实训，并在平台物流企业实习。",
        ),
        "milestones": [
            ("Curriculum agreed by both schools", "en", (2, 20), MilestoneStatus.DONE),
            ("Первый набор: 120 студентов", "ru", (9, 1), MilestoneStatus.DONE),
            ("首批学生赴渝实训", "zh-hans", (12, 20), MilestoneStatus.IN_PROGRESS),
        ],
    },
    {
        "key": "aluminium",
        "owner": ("sector", "CN", "aluminium", 6),
        "partners": [
            (("sector", "KZ", "aluminium", 0), PartnerRole.LEAD_PARTNER, PartnerStatus.ACCEPTED, ""),
            (("persona", ZHANG_MIN), PartnerRole.ADVISER, PartnerStatus.ACCEPTED, ""),
            (
                ("sector", "RU", "aluminium", 3),
                PartnerRole.INVESTOR,
                PartnerStatus.INTERESTED,
                "Готовы рассмотреть долевое участие и поставки катанки.",
            ),
        ],
        "committee": "aluminium",
        "field": "industry",
        "stage": ProjectStage.AGREEMENT_SIGNED,
        "value": Decimal("48000000"),
        "currency": "USD",
        "signed_on": (10, 21),
        "at_event": False,
        "title": (
            "Aluminium processing joint venture: extrusions and rolled products",
            "Совместное предприятие по переработке алюминия: профили и прокат",
            "铝加工合资项目：挤压型材与轧制产品",
        ),
        "summary": (
            "A joint venture to process Kazakh primary aluminium into extrusions and rolled products for "
            "construction and vehicles, with a first line of 30,000 t a year; the Chongqing partner brings the "
            "equipment and process, the Kazakh partner the metal and the site.",
            "Совместное предприятие по переработке казахстанского первичного алюминия в профили и прокат для "
            "строительства и транспорта; первая линия — 30 000 т в год. Чунцинский партнёр даёт оборудование и "
            "технологию, казахстанский — металл и площадку.",
            "合资将哈萨克斯坦原铝加工为建筑和交通用挤压型材及轧制产品，一期产能每年3万吨；重庆方提供设备和工艺，"
            "哈方提供原料和场地。",
        ),
        "milestones": [
            ("Feasibility study approved", "en", (8, 30), MilestoneStatus.DONE),
            ("合资公司注册", "zh-hans", (12, 31), MilestoneStatus.PLANNED),
        ],
    },
    {
        "key": "cold_chain",
        "owner": ("persona", LI_WEI),
        "partners": [
            (("persona", AIGERIM), PartnerRole.LEAD_PARTNER, PartnerStatus.ACCEPTED, ""),
            (("sector", "CN", "logistics", 6), PartnerRole.CONTRACTOR, PartnerStatus.ACCEPTED, ""),
            (("sector", "UZ", "logistics", 0), PartnerRole.PARTNER, PartnerStatus.ACCEPTED, ""),
        ],
        "committee": "agri-supply-chain",
        "field": "agriculture",
        "stage": ProjectStage.IMPLEMENTING,
        "value": Decimal("36000000"),
        "currency": "CNY",
        "signed_on": None,  # the day of the B2B session
        "at_event": True,
        "title": (
            "Agricultural cold chain Almaty–Tashkent–Chongqing",
            "Агрохолодовая цепь Алматы — Ташкент — Чунцин",
            "阿拉木图—塔什干—重庆农产品冷链",
        ),
        "summary": (
            "Refrigerated rail containers and a bonded cold store in Chongqing for Kazakh grain products and "
            "Uzbek fresh and dried fruit, with temperature tracking shared by the three partners.",
            "Рефрижераторные железнодорожные контейнеры и таможенный холодильный склад в Чунцине для "
            "казахстанской зерновой продукции и узбекских свежих и сушёных фруктов; контроль температуры "
            "доступен всем трём партнёрам.",
            "为哈萨克斯坦粮食制品和乌兹别克斯坦鲜果、干果提供铁路冷藏集装箱和重庆保税冷库，温度数据三方共享。",
        ),
        "milestones": [
            ("首批冷藏集装箱班列", "zh-hans", (11, 15), MilestoneStatus.DONE),
            ("Сертификация холодильного склада", "ru", (12, 28), MilestoneStatus.IN_PROGRESS),
        ],
    },
    {
        "key": "idea",
        "owner": ("persona", AIGERIM),
        "partners": [],
        "committee": "agri-supply-chain",
        "field": "agriculture",
        "stage": ProjectStage.IDEA,
        "published": False,
        "value": None,
        "currency": None,
        "title": (
            "Grain quality laboratory at Almaty station",
            "Лаборатория качества зерна на станции Алматы",
            "阿拉木图站粮食质量检测实验室",
        ),
        "summary": (
            "",
            "Аккредитованная лаборатория для проверки пшеницы перед отправкой в Китай по требованиям покупателя.",
            "",
        ),
        "milestones": [],
    },
    {
        "key": "partners_sought",
        "owner": ("sector", "KZ", "energy", 1),
        "partners": [
            (
                ("persona", LI_WEI),
                PartnerRole.INVESTOR,
                PartnerStatus.INTERESTED,
                "我们有兴趣了解项目的投资规模。",
            ),
        ],
        "committee": "energy",
        "field": "energy",
        "stage": ProjectStage.PARTNERS_SOUGHT,
        "value": Decimal("12500000"),
        "currency": "USD",
        "title": (
            "Solar power for grain elevators in Almaty region",
            "Солнечная энергетика для элеваторов Алматинской области",
            "阿拉木图州粮库光伏发电项目",
        ),
        "summary": (
            "Rooftop and ground solar plants of 18 MW in total for grain elevators; partners sought for panels, "
            "inverters and financing.",
            "Крышные и наземные солнечные станции общей мощностью 18 МВт для элеваторов; ищем партнёров по "
            "панелям, инверторам и финансированию.",
            "为粮库建设总装机18兆瓦的屋顶及地面光伏电站，寻求组件、逆变器和融资合作伙伴。",
        ),
        "milestones": [],
    },
    {
        "key": "negotiating",
        "owner": ("sector", "CN", "pharma", 3),
        "partners": [(("sector", "UZ", "pharma", 0), PartnerRole.PARTNER, PartnerStatus.ACCEPTED, "")],
        "committee": "healthcare",
        "field": "health",
        "stage": ProjectStage.NEGOTIATING,
        "value": Decimal("5600000"),
        "currency": "USD",
        "title": (
            "Generic medicines packaging line in Bukhara",
            "Линия упаковки дженериков в Бухаре",
            "布哈拉仿制药包装线",
        ),
        "summary": (
            "A packaging line for generic medicines registered in Uzbekistan, supplied with active ingredients from Chongqing.",
            "Линия упаковки дженериков, зарегистрированных в Узбекистане, с поставкой субстанций из Чунцина.",
            "在乌兹别克斯坦建设已注册仿制药的包装线，原料药由重庆供应。",
        ),
        "milestones": [],
    },
    {
        "key": "completed",
        "owner": ("sector", "CN", "tourism", 0),
        "partners": [(("sector", "KZ", "tourism", 0), PartnerRole.PARTNER, PartnerStatus.ACCEPTED, "")],
        "committee": "culture-tourism",
        "field": "tourism",
        "stage": ProjectStage.COMPLETED,
        "value": Decimal("180000"),
        "currency": "USD",
        "signed_on": (1, 28),
        "title": (
            "Chongqing–Almaty tour packages for the summer season",
            "Турпакеты Чунцин — Алматы на летний сезон",
            "重庆—阿拉木图夏季旅游线路",
        ),
        "summary": (
            "Joint tour packages sold by both agencies from May to September.",
            "Совместные турпакеты, которые оба агентства продавали с мая по сентябрь.",
            "两家旅行社于5月至9月联合销售的旅游线路。",
        ),
        "milestones": [("Season closed: 1,400 travellers", "en", (9, 30), MilestoneStatus.DONE)],
    },
    {
        "key": "stopped",
        "owner": ("sector", "CN", "mining", 0),
        "partners": [(("sector", "KZ", "mining", 1), PartnerRole.PARTNER, PartnerStatus.WITHDRAWN, "")],
        "committee": "mining",
        "field": "industry",
        "stage": ProjectStage.STOPPED,
        "value": None,
        "currency": None,
        "stopped_reason": "合作方撤出，项目暂停，待寻找新的合作伙伴。",
        "title": (
            "Mining equipment service centre in Karaganda",
            "Сервисный центр горного оборудования в Караганде",
            "卡拉干达矿山设备服务中心",
        ),
        "summary": ("", "", "为中亚客户提供矿山机械维修和备件服务。"),
        "milestones": [],
    },
    {
        "key": "hydro",
        "owner": ("sector", "RU", "energy", 2),
        "partners": [(("sector", "CN", "energy", 3), PartnerRole.PARTNER, PartnerStatus.ACCEPTED, "")],
        "committee": "energy",
        "field": "science",
        "stage": ProjectStage.IMPLEMENTING,
        "value": Decimal("420000000"),
        "currency": "RUB",
        "signed_on": (6, 12),
        "title": (
            "Small hydropower turbines: joint design and test bench",
            "Турбины малых ГЭС: совместная разработка и испытательный стенд",
            "小水电水轮机联合设计与试验台",
        ),
        "summary": (
            "Joint design of turbines of 1 to 10 MW for mountain rivers and a shared test bench in Chongqing.",
            "Совместная разработка турбин мощностью от 1 до 10 МВт для горных рек и общий испытательный стенд в Чунцине.",
            "联合设计适用于山区河流的1至10兆瓦水轮机，并在重庆共建试验台。",
        ),
        "milestones": [("Испытательный стенд смонтирован", "ru", (11, 30), MilestoneStatus.DONE)],
    },
    {
        "key": "bonded_warehouse",
        "owner": ("sector", "KZ", "logistics", 0),
        "partners": [(("sector", "CN", "logistics", 4), PartnerRole.INVESTOR, PartnerStatus.ACCEPTED, "")],
        "committee": "logistics",
        "field": "trade",
        "stage": ProjectStage.IMPLEMENTING,
        "value": Decimal("2100000000"),
        "currency": "KZT",
        "signed_on": (5, 8),
        "title": (
            "Bonded warehouse at Khorgos for flour and vegetable oil",
            "Таможенный склад в Хоргосе для муки и растительного масла",
            "霍尔果斯面粉和植物油保税仓库",
        ),
        "summary": (
            "A bonded warehouse of 12,000 m² at the Khorgos border crossing, consolidating Kazakh flour and "
            "vegetable oil for rail to Chongqing.",
            "Таможенный склад площадью 12 000 м² у перехода Хоргос: консолидация казахстанской муки и "
            "растительного масла для отправки по железной дороге в Чунцин.",
            "在霍尔果斯口岸建设1.2万平方米保税仓库，集拼哈萨克斯坦面粉和植物油，经铁路运往重庆。",
        ),
        "milestones": [],
    },
]
