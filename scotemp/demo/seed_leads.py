"""About 5,000 published demo leads across the committees' sectors, so that the personas see
meaningful matches on first login.

Sell offers follow the region's real trade: wheat and barley from Kazakhstan and Russia, aluminium
from Russia and Kazakhstan, cotton from Uzbekistan, dried fruit from Tajikistan and Uzbekistan,
motorcycles, auto parts, electronics and machinery from Chongqing, potash and NPK from Belarus, rice
from Pakistan, tea and medicines from India, pistachios from Iran, coal from Russia and Kazakhstan.
Buy requests come mostly from Chongqing importers (grain, dried fruit, aluminium, cotton, potash …)
and from Central Asian and Russian importers of Chongqing's manufactured goods. Titles are in the
organization's language (Russian in the CIS, Chinese in China, English elsewhere) with translations
for about a third of them. Prices are typical of 2024–2025 wholesale trade (rounded, illustrative).

Deterministic (fixed seed, public ids derived from the lead's number) and idempotent: only missing
leads are created, in bulk. Persona leads come first: Aigerim's grain trader offers wheat and barley,
Li Wei's Chongqing food processor requests wheat and dried fruit.
"""

import datetime
import random
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from scotemp.accounts.models import Membership, Organization
from scotemp.committees.models import Committee
from scotemp.demo.personas import PERSONAS
from scotemp.reference.models import HSCode, Location
from scotemp.trade.choices import LeadKind, LeadStatus
from scotemp.trade.models import Lead

SEED = 2026_04
TARGET = 5000
NAMESPACE = uuid.UUID("6f1c2a9e-4b7d-4c51-9a53-5c0e7e1d2b10")
SUFFIX = {"en": "en", "zh-hans": "zh_hans", "ru": "ru"}
LANGUAGE_BY_COUNTRY = {
    "CN": "zh-hans",
    "RU": "ru",
    "KZ": "ru",
    "KG": "ru",
    "TJ": "ru",
    "BY": "ru",
    "UZ": "ru",
    "MN": "ru",
}

# kind, HS codes, seller/buyer countries (weights), titles {lang: [variants]}, unit, (qty min, max,
# step), {currency: (price min, max)}, [(incoterm, locode)], acceptable countries, weight, extras
PRODUCTS = [
    # --- grain ---------------------------------------------------------------------------------
    dict(
        kind="sell",
        hs=["100199"],
        countries={"KZ": 3, "RU": 2},
        titles={
            "ru": [
                "Пшеница продовольственная 3 класса",
                "Пшеница мягкая 4 класса",
                "Пшеница урожая 2025 года, протеин 12,5%",
            ],
            "zh-hans": ["三级食用小麦", "四级软质小麦", "2025年产小麦，蛋白质12.5%"],
            "en": ["Milling wheat, class 3", "Soft wheat, class 4", "Wheat, 2025 crop, protein 12.5%"],
        },
        unit="TNE",
        qty=(500, 30000, 500),
        prices={"USD": (205, 265)},
        places=[
            ("FCA", "KZALA"),
            ("FCA", "KZDOS"),
            ("DAP", "KZHOR"),
            ("DAP", "CNAKL"),
            ("CPT", "CNCKG"),
            ("FOB", "RUNVS"),
            ("DAP", "CNMLX"),
            ("FCA", "RUOVB"),
        ],
        to=["CN", "UZ", "TJ", "KG", "IR", "AF"],
        weight=9,
        attributes={
            "protein": ["12.5%", "13%", "11.5%"],
            "moisture": ["14%", "13.5%"],
            "gluten": ["23%", "25%"],
        },
    ),
    dict(
        kind="sell",
        hs=["100390"],
        countries={"KZ": 2, "RU": 2},
        titles={
            "ru": ["Ячмень фуражный", "Ячмень пивоваренный"],
            "zh-hans": ["饲料大麦", "啤酒大麦"],
            "en": ["Feed barley", "Malting barley"],
        },
        unit="TNE",
        qty=(500, 20000, 500),
        prices={"USD": (170, 225)},
        places=[("FCA", "KZAST"), ("DAP", "KZDOS"), ("FOB", "RUNVS"), ("DAP", "CNMLX")],
        to=["CN", "IR", "SA"],
        weight=4,
        attributes={"moisture": ["14%"], "protein": ["11%", "10.5%"]},
    ),
    dict(
        kind="buy",
        hs=["1001", "100199"],
        countries={"CN": 5, "UZ": 1, "TJ": 1},
        titles={
            "zh-hans": ["求购优质小麦", "长期采购中亚小麦", "采购食用小麦，蛋白质≥12%"],
            "ru": ["Закупаем пшеницу продовольственную", "Куплю пшеницу 3 класса"],
            "en": ["Wanted: milling wheat", "Buying wheat, protein 12%+"],
        },
        unit="TNE",
        qty=(1000, 20000, 1000),
        prices={"CNY": (1900, 2300), "USD": (220, 250)},
        places=[("DAP", "CNHRS"), ("DAP", "CNAKL"), ("CPT", "CNCKG"), ("CPT", "CNXIA"), ("DAP", "UZTAS")],
        to=["KZ", "RU"],
        weight=5,
        on_request=0.5,
    ),
    dict(
        kind="buy",
        hs=["1003", "100390"],
        countries={"CN": 3, "IR": 1, "SA": 1},
        titles={
            "zh-hans": ["求购大麦", "采购饲料大麦"],
            "en": ["Wanted: feed barley"],
            "ru": ["Закупаем ячмень"],
        },
        unit="TNE",
        qty=(1000, 15000, 1000),
        prices={"USD": (190, 220)},
        places=[("DAP", "CNMLX"), ("CPT", "CNCKG"), ("CFR", "IRBND")],
        to=["KZ", "RU"],
        weight=2,
        on_request=0.6,
    ),
    # --- metals --------------------------------------------------------------------------------
    dict(
        kind="sell",
        paired=True,
        hs=["760110", "760120", "760110"],
        countries={"RU": 3, "KZ": 1},
        titles={
            "ru": ["Алюминий первичный в чушках А7", "Алюминиевые сплавы в слитках", "Алюминий марки А85"],
            "zh-hans": ["A7原铝锭", "铝合金锭", "A85铝锭"],
            "en": ["Primary aluminium ingots, A7", "Aluminium alloy ingots", "Aluminium ingots, grade A85"],
        },
        unit="TNE",
        qty=(100, 5000, 100),
        prices={"USD": (2200, 2650), "CNY": (18500, 20500)},
        places=[
            ("FCA", "RUKJA"),
            ("CPT", "CNCKG"),
            ("DAP", "CNMLX"),
            ("FCA", "KZAST"),
            ("DAP", "KZDOS"),
            ("FOB", "RUVVO"),
        ],
        to=["CN", "TR", "IN"],
        weight=5,
        attributes={"purity": ["99.7%", "99.85%", "99.5%"], "standard": ["GOST 11069-2019", "ISO 115"]},
    ),
    dict(
        kind="buy",
        hs=["7601", "760110"],
        countries={"CN": 4},
        titles={"zh-hans": ["求购原铝锭", "采购A00铝锭", "长期采购铝合金锭"]},
        unit="TNE",
        qty=(200, 3000, 100),
        prices={"CNY": (18500, 19800)},
        places=[("CPT", "CNCKG"), ("DAP", "CNMLX"), ("DAP", "CNHRS")],
        to=["RU", "KZ"],
        weight=3,
        on_request=0.4,
    ),
    dict(
        kind="sell",
        hs=["270112"],
        countries={"RU": 2, "KZ": 2},
        titles={
            "ru": ["Уголь каменный энергетический", "Уголь марки ДГ"],
            "zh-hans": ["动力煤", "DG牌号烟煤"],
            "en": ["Steam coal, bituminous", "Bituminous coal, grade DG"],
        },
        unit="TNE",
        qty=(5000, 60000, 5000),
        prices={"USD": (80, 130)},
        places=[("FOB", "RUVYP"), ("FOB", "RUNJK"), ("FCA", "KZKGF"), ("DAP", "CNAKL")],
        to=["CN", "IN", "PK", "TR"],
        weight=2,
        attributes={
            "calorific value": ["6000 kcal/kg", "5500 kcal/kg"],
            "ash": ["14%", "16%"],
            "sulphur": ["0.5%"],
        },
    ),
    # --- cotton, dried fruit, nuts -------------------------------------------------------------
    dict(
        kind="sell",
        hs=["520100"],
        countries={"UZ": 4, "TJ": 1},
        titles={
            "ru": ["Хлопок-волокно средневолокнистый", "Хлопок-волокно сорт «Миддлинг»"],
            "zh-hans": ["中绒棉皮棉", "Middling级皮棉"],
            "en": ["Raw cotton lint, medium staple", "Cotton lint, Middling grade"],
        },
        unit="TNE",
        qty=(100, 3000, 50),
        prices={"USD": (1550, 1950)},
        places=[("FCA", "UZTAS"), ("CPT", "CNURC"), ("DAP", "CNKHG"), ("FCA", "UZNVI")],
        to=["CN", "RU", "TR", "PK"],
        weight=4,
        attributes={"staple": ['1-1/8"', '1-3/32"'], "micronaire": ["3.8–4.5", "4.0–4.9"]},
    ),
    dict(
        kind="buy",
        hs=["5201", "520100"],
        countries={"CN": 3, "TR": 1},
        titles={"zh-hans": ["求购中亚皮棉", "采购乌兹别克斯坦棉花"], "en": ["Wanted: raw cotton lint"]},
        unit="TNE",
        qty=(200, 2000, 100),
        prices={"USD": (1600, 1800)},
        places=[("CPT", "CNURC"), ("DAP", "CNKHG"), ("CIF", "TRMER")],
        to=["UZ", "TJ", "KZ"],
        weight=2,
        on_request=0.5,
    ),
    dict(
        kind="sell",
        paired=True,
        hs=["081310", "080620", "081340"],
        countries={"TJ": 3, "UZ": 2, "IR": 1},
        titles={
            "ru": ["Курага сушёная, урожай 2025", "Изюм кишмиш тёмный", "Сухофрукты в ассортименте"],
            "zh-hans": ["杏干（2025年产）", "深色无核葡萄干", "什锦干果"],
            "en": ["Dried apricots, 2025 crop", "Dark seedless raisins", "Assorted dried fruit"],
        },
        unit="TNE",
        qty=(5, 200, 5),
        prices={"USD": (1400, 3600)},
        places=[
            ("FCA", "TJDYU"),
            ("FCA", "TJLBD"),
            ("CPT", "CNKHG"),
            ("DAP", "KGIRK"),
            ("FCA", "UZSKD"),
            ("FOB", "IRBND"),
        ],
        to=["CN", "RU", "KZ"],
        weight=5,
        attributes={
            "moisture": ["18%", "15%"],
            "packing": ["10 kg cartons", "25 kg bags"],
            "size": ["120–140 pcs/kg"],
        },
    ),
    dict(
        kind="buy",
        hs=["0806", "0813", "081310", "080620"],
        countries={"CN": 4, "RU": 1},
        titles={
            "zh-hans": ["求购中亚杏干", "采购葡萄干", "长期采购干果原料"],
            "ru": ["Закупаем сухофрукты", "Куплю курагу и изюм"],
        },
        unit="TNE",
        qty=(10, 200, 10),
        prices={"USD": (1500, 3000)},
        places=[("CPT", "CNCKG"), ("DAP", "CNKHG"), ("CPT", "CNURC"), ("DAP", "RUMOW")],
        to=["TJ", "UZ", "IR"],
        weight=3,
        on_request=0.6,
    ),
    dict(
        kind="sell",
        hs=["080251", "080252"],
        countries={"IR": 3},
        titles={
            "en": ["Pistachios in shell, Akbari", "Shelled pistachio kernels"],
            "zh-hans": ["带壳开心果", "开心果仁"],
            "ru": ["Фисташки в скорлупе", "Фисташки очищенные"],
        },
        unit="TNE",
        qty=(5, 100, 5),
        prices={"USD": (7000, 12000)},
        places=[("FOB", "IRBND"), ("CFR", "CNQZH"), ("DAP", "IRCKT")],
        to=["CN", "RU", "IN"],
        weight=1,
        attributes={"size": ["26–28 per ounce", "28–30 per ounce"]},
    ),
    # --- fertilizer ----------------------------------------------------------------------------
    dict(
        kind="sell",
        paired=True,
        hs=["310420", "310520", "310530"],
        countries={"BY": 3, "RU": 2},
        titles={
            "ru": ["Калий хлористый гранулированный", "Удобрение NPK 16-16-16", "Диаммонийфосфат (ДАФ)"],
            "zh-hans": ["颗粒氯化钾", "复合肥NPK 16-16-16", "磷酸二铵（DAP）"],
            "en": [
                "Granular potassium chloride (MOP)",
                "NPK 16-16-16 fertilizer",
                "Diammonium phosphate (DAP)",
            ],
        },
        unit="TNE",
        qty=(1000, 50000, 1000),
        prices={"USD": (270, 520)},
        places=[("FCA", "BYMSQ"), ("FOB", "RULED"), ("FOB", "RUULU"), ("DAP", "CNMLX"), ("CPT", "UZTAS")],
        to=["CN", "IN", "UZ", "PK"],
        weight=4,
        attributes={"K2O": ["60%", "61%"], "granulometry": ["2–4 mm"]},
    ),
    dict(
        kind="buy",
        hs=["3104", "310420", "3105"],
        countries={"CN": 2, "IN": 1, "UZ": 1},
        titles={
            "zh-hans": ["求购氯化钾", "采购复合肥"],
            "en": ["Wanted: potash (MOP)"],
            "ru": ["Закупаем минеральные удобрения"],
        },
        unit="TNE",
        qty=(2000, 30000, 1000),
        prices={"USD": (280, 330)},
        places=[("DAP", "CNMLX"), ("CFR", "INMUN"), ("DAP", "UZTAS")],
        to=["BY", "RU"],
        weight=2,
        on_request=0.5,
    ),
    # --- rice, tea, pharmaceuticals ------------------------------------------------------------
    dict(
        kind="sell",
        hs=["100630"],
        countries={"PK": 4, "IN": 1},
        titles={
            "en": [
                "Basmati rice 1121, sella",
                "IRRI-6 long grain white rice, 5% broken",
                "Super Kernel basmati rice",
            ],
            "zh-hans": ["1121巴斯马蒂蒸谷米", "IRRI-6长粒白米，碎米5%"],
            "ru": ["Рис басмати 1121, пропаренный", "Рис длиннозёрный IRRI-6"],
        },
        unit="TNE",
        qty=(100, 5000, 100),
        prices={"USD": (430, 1100)},
        places=[
            ("FOB", "PKKHI"),
            ("FOB", "PKBQM"),
            ("CIF", "CNQZH"),
            ("CFR", "CNSHA"),
            ("FOB", "INNSA"),
            ("DAP", "PKSST"),
        ],
        to=["CN", "IR", "AE", "SA", "UZ"],
        weight=4,
        attributes={"broken": ["5%", "2%"], "length": ["8.3 mm", "7.2 mm"]},
    ),
    dict(
        kind="buy",
        hs=["1006", "100630"],
        countries={"CN": 2, "IR": 1, "KZ": 1},
        titles={
            "zh-hans": ["求购巴基斯坦大米"],
            "en": ["Wanted: long grain rice"],
            "ru": ["Закупаем рис длиннозёрный"],
        },
        unit="TNE",
        qty=(200, 3000, 100),
        prices={"USD": (450, 700)},
        places=[("CIF", "CNQZH"), ("CFR", "IRBND"), ("DAP", "KZALA")],
        to=["PK", "IN"],
        weight=2,
        on_request=0.6,
    ),
    dict(
        kind="sell",
        hs=["090230", "090240"],
        countries={"IN": 3},
        titles={
            "en": ["Assam black tea CTC, BOP", "Darjeeling black tea, second flush"],
            "zh-hans": ["阿萨姆CTC红茶", "大吉岭红茶"],
            "ru": ["Чай чёрный ассам CTC", "Чай чёрный дарджилинг"],
        },
        unit="TNE",
        qty=(5, 200, 5),
        prices={"USD": (2400, 6000)},
        places=[("FOB", "INCCU"), ("CIF", "CNSHA"), ("CIP", "KZALA"), ("FOB", "INMAA")],
        to=["RU", "KZ", "IR", "CN"],
        weight=3,
        attributes={"grade": ["BOP", "FTGFOP1", "CTC BP"]},
    ),
    dict(
        kind="sell",
        hs=["300490"],
        countries={"IN": 3},
        titles={
            "en": [
                "Generic medicines: paracetamol 500 mg tablets",
                "Amoxicillin 500 mg capsules",
                "Metformin 850 mg tablets",
            ],
            "ru": ["Парацетамол 500 мг, таблетки", "Амоксициллин 500 мг, капсулы"],
            "zh-hans": ["对乙酰氨基酚片500毫克"],
        },
        unit="XBX",
        qty=(10000, 500000, 10000),
        prices={"USD": (Decimal("0.8"), Decimal("6"))},
        places=[("CIP", "UZTAS"), ("CIP", "KZALA"), ("FOB", "INNSA"), ("CIP", "RUMOW")],
        to=["UZ", "KZ", "KG", "TJ", "RU"],
        weight=3,
        certs=["iso9001"],
        attributes={"pack": ["10 × 10 tablets", "3 × 10 capsules"], "shelf life": ["36 months", "24 months"]},
    ),
    # --- Chongqing manufactured goods ----------------------------------------------------------
    dict(
        kind="sell",
        paired=True,
        hs=["871120", "871130", "871120"],
        countries={"CN": 4},
        titles={
            "zh-hans": ["150cc跨骑式摩托车", "400cc旅行摩托车", "125cc弯梁摩托车"],
            "ru": ["Мотоциклы 150 куб. см", "Мотоциклы туристические 400 куб. см", "Мопеды 125 куб. см"],
            "en": ["150cc street motorcycles", "400cc touring motorcycles", "125cc underbone motorcycles"],
        },
        unit="H87",
        qty=(50, 2000, 50),
        prices={"USD": (420, 1300)},
        places=[
            ("FCA", "CNCKG"),
            ("CPT", "KZALA"),
            ("DAP", "UZTAS"),
            ("CIP", "KGFRU"),
            ("FOB", "CNSHA"),
            ("CIF", "PKKHI"),
        ],
        to=["KZ", "UZ", "KG", "TJ", "PK", "IR", "RU"],
        weight=6,
        certs=["ccc"],
        attributes={"engine": ["150 cc", "250 cc", "125 cc"], "emission": ["Euro 4", "Euro 5"]},
    ),
    dict(
        kind="sell",
        paired=True,
        hs=["870830", "870840", "870899"],
        variant_prices=[(8, 60), (350, 900), (15, 120)],
        countries={"CN": 4},
        titles={
            "zh-hans": ["汽车制动盘及刹车片", "乘用车变速箱总成", "汽车底盘零部件"],
            "ru": [
                "Тормозные диски и колодки",
                "Коробки передач для легковых автомобилей",
                "Детали подвески и шасси",
            ],
            "en": [
                "Brake discs and pads",
                "Gearbox assemblies for passenger cars",
                "Suspension and chassis parts",
            ],
        },
        unit="H87",
        qty=(500, 50000, 500),
        prices={"USD": (8, 650)},
        places=[("FCA", "CNCKG"), ("CPT", "RUMOW"), ("DAP", "KZALA"), ("FOB", "CNSHA")],
        to=["RU", "KZ", "UZ", "BY", "IR"],
        weight=5,
        certs=["iso9001"],
        attributes={"OEM": ["yes", "aftermarket"]},
    ),
    dict(
        kind="sell",
        paired=True,
        hs=["851713", "851762", "847130"],
        variant_prices=[(90, 400), (150, 2500), (250, 700)],
        countries={"CN": 4},
        titles={
            "zh-hans": ["5G智能手机", "企业级交换机和路由器", "14英寸笔记本电脑"],
            "ru": ["Смартфоны 5G", "Коммутаторы и маршрутизаторы", "Ноутбуки 14 дюймов"],
            "en": ["5G smartphones", "Enterprise switches and routers", "14-inch laptops"],
        },
        unit="H87",
        qty=(200, 20000, 100),
        prices={"USD": (60, 650)},
        places=[("FCA", "CNCKG"), ("CIP", "RUMOW"), ("CPT", "KZALA"), ("CIP", "UZTAS"), ("FOB", "CNSZX")],
        to=["RU", "KZ", "UZ", "BY", "PK", "IR"],
        weight=6,
        certs=["ccc", "ce"],
        attributes={"warranty": ["12 months", "24 months"]},
    ),
    dict(
        kind="sell",
        paired=True,
        hs=["842952", "841510"],
        variant_prices=[(60000, 95000), (400, 1500)],
        countries={"CN": 3},
        titles={
            "zh-hans": ["22吨履带式挖掘机", "商用分体式空调"],
            "ru": ["Экскаваторы гусеничные 22 т", "Сплит-системы коммерческие"],
            "en": ["22 t crawler excavators", "Commercial split air conditioners"],
        },
        unit="H87",
        qty=(5, 500, 5),
        prices={"USD": (400, 95000)},
        places=[("FCA", "CNCKG"), ("CPT", "KZALA"), ("DAP", "UZTAS"), ("CIF", "PKKHI")],
        to=["KZ", "UZ", "RU", "MN", "PK"],
        weight=3,
        certs=["ce", "eac"],
    ),
    dict(
        kind="buy",
        paired=True,
        hs=["8711", "8708", "8517", "8471", "8429"],
        countries={"KZ": 3, "UZ": 3, "RU": 2, "KG": 1, "TJ": 1},
        titles={
            "ru": [
                "Закупаем мотоциклы из Китая",
                "Ищем поставщика автозапчастей",
                "Закупка смартфонов оптом",
                "Закупаем ноутбуки",
                "Куплю экскаваторы и спецтехнику из Чунцина",
            ],
            "zh-hans": [
                "采购中国摩托车",
                "寻找汽车配件供应商",
                "批量采购智能手机",
                "采购笔记本电脑",
                "采购重庆挖掘机及工程机械",
            ],
            "en": [
                "Buying motorcycles from China",
                "Looking for an auto parts supplier",
                "Buying smartphones in bulk",
                "Buying laptops",
                "Buying excavators and construction machinery from Chongqing",
            ],
        },
        unit="H87",
        qty=(100, 5000, 100),
        prices={"USD": (100, 900)},
        places=[("DAP", "KZALA"), ("CPT", "UZTAS"), ("DAP", "RUMOW"), ("CPT", "KGFRU"), ("DAP", "TJDYU")],
        to=["CN"],
        weight=7,
        on_request=0.7,
        certs_required=["eac"],
    ),
]

# Persona leads: (persona key, product index, kind-specific HS, title language, Incoterm, place)
PERSONA_LEADS = [
    ("aigerim", 0, "100199", "FCA", "KZALA", 0),
    ("aigerim", 0, "100199", "DAP", "KZHOR", 2),
    ("aigerim", 1, "100390", "FCA", "KZALA", 0),
    ("liwei", 2, "1001", "DAP", "CNHRS", 0),
    ("liwei", 2, "100199", "CPT", "CNCKG", 2),
    ("liwei", 10, "081310", "CPT", "CNCKG", 0),
    ("liwei", 10, "0806", "CPT", "CNCKG", 1),
]


def _weighted(rng, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


class LeadSeeder:
    def __init__(self, log=None):
        self.log = log or (lambda message: None)
        self.rng = random.Random(SEED)
        self.today = timezone.localdate()
        self.now = timezone.now()

    def load(self):
        orgs = Organization.objects.exclude(type__in=["logistics", "financial"]).order_by(
            "country_id", "name"
        )
        self.orgs_by_country: dict[str, list[int]] = {}
        for org_id, country in orgs.values_list("id", "country_id"):
            self.orgs_by_country.setdefault(country, []).append(org_id)
        self.owner = dict(
            Membership.objects.filter(role="owner")
            .order_by("created_at")
            .values_list("organization_id", "user_id")
        )
        self.hs_codes = set(HSCode.objects.values_list("code", flat=True))
        self.places = {loc.locode: loc for loc in Location.objects.filter(curated=True)}
        self.committee_by_chapter = {}
        for committee in Committee.objects.order_by("-position").prefetch_related("hs_chapters"):
            for chapter in committee.hs_chapters.all():
                self.committee_by_chapter[chapter.code] = committee.id  # lowest position wins
        self.persona_orgs = {}
        for persona in PERSONAS:
            if persona.get("org"):
                org = Organization.objects.filter(name=persona["org"]["name"]).first()
                if org is not None:
                    self.persona_orgs[persona["key"]] = org

    def _texts(self, product, language, variant=None):
        titles = product["titles"]
        if language not in titles:
            language = next(lang for lang in ("en", "ru", "zh-hans") if lang in titles)
        own = titles[language]
        if variant is None:
            variant = self.rng.randrange(len(product["hs"]) if product.get("paired") else len(own))
        index = variant % len(own)
        values = {f"title_{s}": "" for s in SUFFIX.values()}
        values[f"title_{SUFFIX[language]}"] = own[index]
        if self.rng.random() < 0.35:  # a translation for about a third
            for other, texts in titles.items():
                if other != language:
                    values[f"title_{SUFFIX[other]}"] = texts[index % len(texts)]
        return language, values, variant

    def build(
        self, number, product, org_id, country, *, hs=None, place=None, variant=None
    ) -> tuple[Lead, list[str]]:
        rng = self.rng
        language = LANGUAGE_BY_COUNTRY.get(country, "en")
        language, texts, variant = self._texts(product, language, variant)
        if hs is None:
            paired = product.get("paired")
            hs = product["hs"][variant % len(product["hs"])] if paired else rng.choice(product["hs"])
        incoterm, locode = place or rng.choice(product["places"])
        lo, hi, step = product["qty"]
        quantity = Decimal(rng.randrange(lo // step, hi // step + 1) * step)
        currency = rng.choice(list(product["prices"]))
        pmin, pmax = product["prices"][currency]
        if product.get("variant_prices") and currency == "USD":
            pmin, pmax = product["variant_prices"][variant % len(product["variant_prices"])]
        on_request = rng.random() < product.get("on_request", 0.1)
        price = None
        if not on_request:
            raw = Decimal(str(pmin)) + (Decimal(str(pmax)) - Decimal(str(pmin))) * Decimal(
                str(round(rng.random(), 3))
            )
            price = raw.quantize(Decimal("0.01") if raw < 10 else Decimal("1"))
        attributes = {
            key: rng.choice(values)
            for key, values in product.get("attributes", {}).items()
            if rng.random() < 0.8
        }
        published = self.now - datetime.timedelta(days=rng.randrange(0, 60), minutes=rng.randrange(0, 1440))
        delivery_from = self.today + datetime.timedelta(days=rng.randrange(7, 60))
        lead = Lead(
            public_id=uuid.uuid5(NAMESPACE, f"demo-lead-{number}"),
            organization_id=org_id,
            author_id=self.owner.get(org_id),
            kind=product["kind"],
            status=LeadStatus.PUBLISHED,
            language=language,
            hs_code_id=hs,
            hs_heading=hs[:4],
            hs_chapter=hs[:2],
            quantity=quantity,
            unit_id=product["unit"],
            min_order=(quantity / 10).quantize(Decimal("1"))
            if product["kind"] == LeadKind.SELL and rng.random() < 0.6
            else None,
            price=price,
            currency_id=currency if price is not None else None,
            price_unit_id=product["unit"] if price is not None else None,
            price_on_request=price is None,
            incoterm_id=incoterm,
            incoterm_place_id=locode,
            origin_country_id=country if product["kind"] == LeadKind.SELL else None,
            delivery_from=delivery_from,
            delivery_until=delivery_from + datetime.timedelta(days=rng.choice([30, 60, 90, 180])),
            payment_terms=rng.sample(
                ["tt_advance", "tt_partial", "lc_sight", "dp", "cad", "open_account"], k=rng.randint(1, 2)
            ),
            certifications_held=list(product.get("certs", [])) if product["kind"] == LeadKind.SELL else [],
            certifications_required=list(product.get("certs_required", [])),
            valid_until=self.today + datetime.timedelta(days=rng.randrange(20, 300)),
            published_at=published,
            committee_id=self.committee_by_chapter.get(hs[:2]),
            attributes=attributes,
            **texts,
        )
        countries = [c for c in product["to"] if c != country]
        countries = rng.sample(countries, k=min(len(countries), rng.randint(1, 3))) if countries else []
        return lead, countries

    def plan(self):
        """(number, Lead, countries) for every demo lead, personas first; same output every run."""
        planned = []
        number = 0
        for key, index, hs, incoterm, locode, variant in PERSONA_LEADS:
            org = self.persona_orgs.get(key)
            if org is None:
                continue
            product = PRODUCTS[index]
            lead, countries = self.build(
                number, product, org.id, org.country_id, hs=hs, place=(incoterm, locode), variant=variant
            )
            lead.price_on_request = lead.price is None
            lead.valid_until = self.today + datetime.timedelta(days=120)
            planned.append((lead, countries))
            number += 1
        weights = [p["weight"] for p in PRODUCTS]
        persona_ids = {org.id for org in self.persona_orgs.values()}
        while number < TARGET:
            product = self.rng.choices(PRODUCTS, weights=weights, k=1)[0]
            country = _weighted(self.rng, product["countries"])
            orgs = self.orgs_by_country.get(country)
            if not orgs:
                continue
            org_id = self.rng.choice(orgs)
            if org_id in persona_ids:
                continue  # the personas' leads are the hand-written ones above
            planned.append(self.build(number, product, org_id, country))
            number += 1
        return planned

    def run(self) -> list[int]:
        self.load()
        planned = self.plan()
        wanted = [lead.public_id for lead, _c in planned]
        existing = set()
        for start in range(0, len(wanted), 900):
            existing |= set(
                Lead.objects.filter(public_id__in=wanted[start : start + 900]).values_list(
                    "public_id", flat=True
                )
            )
        missing = [(lead, countries) for lead, countries in planned if lead.public_id not in existing]
        skipped = [
            lead
            for lead, _c in missing
            if lead.hs_code_id not in self.hs_codes or lead.incoterm_place_id not in self.places
        ]
        missing = [(lead, c) for lead, c in missing if lead not in skipped]
        if not missing:
            self.log(f"Leads: all {len(planned)} demo leads exist.")
            return []
        with transaction.atomic():
            Lead.objects.bulk_create([lead for lead, _c in missing], batch_size=500)
            ids = dict(
                Lead.objects.filter(public_id__in=[lead.public_id for lead, _c in missing]).values_list(
                    "public_id", "id"
                )
            )
            through = Lead.countries.through
            rows = [
                through(lead_id=ids[lead.public_id], country_id=code)
                for lead, countries in missing
                for code in countries
            ]
            through.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        self.log(f"Leads: created {len(missing)} demo leads ({len(existing)} existed).")
        return list(ids.values())


def seed_leads(log=None) -> list[int]:
    """Create the missing demo leads, index them for search and compute their matches."""
    log = log or (lambda message: None)
    created = LeadSeeder(log).run()
    if not created:
        return created
    from scotemp.trade.matching.store import rematch_all
    from scotemp.trade.search import reindex_leads

    with transaction.atomic():
        reindex_leads(created)
    rematch_all()
    return created
