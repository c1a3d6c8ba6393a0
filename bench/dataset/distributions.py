"""The dataset's distributions: countries, the staple products and their origins, Incoterm rules,
certifications, title and description templates, and the reference data they are drawn from."""

import random

SEED = 7
LEADS_PER_ORG = 25

COUNTRY_WEIGHTS = {
    "CN": 34,
    "RU": 16,
    "KZ": 11,
    "UZ": 7,
    "KG": 4,
    "BY": 4,
    "TJ": 3,
    "IN": 8,
    "PK": 4,
    "IR": 3,
    "MN": 1,
    "TR": 2,
    "AZ": 1,
    "AE": 1,
    "SA": 1,
}
LANGUAGE_OF = {"CN": "zh_hans", "RU": "ru", "KZ": "ru", "KG": "ru", "BY": "ru", "TJ": "ru", "UZ": "ru"}

# The staples, most traded first: heading -> (unit, origins weighted, names zh/ru/en).
STAPLES = {
    "1001": ("TNE", {"KZ": 5, "RU": 5}, ("小麦", "Пшеница", "Wheat")),
    "7601": ("TNE", {"RU": 5, "KZ": 3, "IN": 1}, ("原铝", "Алюминий первичный", "Primary aluminium")),
    "5201": ("TNE", {"UZ": 6, "TJ": 2, "PK": 2, "IN": 2}, ("棉花", "Хлопок-волокно", "Raw cotton")),
    "8471": ("H87", {"CN": 9, "IN": 1}, ("计算机", "Компьютеры", "Computers")),
    "8708": ("H87", {"CN": 8, "IN": 1, "TR": 1}, ("汽车零部件", "Автозапчасти", "Auto parts")),
    "1003": ("TNE", {"KZ": 5, "RU": 4}, ("大麦", "Ячмень", "Barley")),
    "0806": ("TNE", {"UZ": 5, "TJ": 3, "IR": 2}, ("葡萄干", "Изюм", "Raisins")),
    "8711": ("H87", {"CN": 9, "IN": 2}, ("摩托车", "Мотоциклы", "Motorcycles")),
    "1006": ("TNE", {"PK": 5, "IN": 4}, ("大米", "Рис", "Rice")),
    "3105": ("TNE", {"BY": 5, "RU": 4}, ("复合肥料", "Комплексные удобрения", "Compound fertilizers")),
    "0813": ("TNE", {"TJ": 4, "UZ": 4, "IR": 2}, ("干果", "Сухофрукты", "Dried fruit")),
    "0902": ("KGM", {"IN": 5, "CN": 4}, ("茶叶", "Чай", "Tea")),
    "8429": (
        "H87",
        {"CN": 8, "BY": 1},
        ("推土机和挖掘机", "Бульдозеры и экскаваторы", "Bulldozers and excavators"),
    ),
    "7604": ("TNE", {"RU": 4, "CN": 4, "KZ": 1}, ("铝型材", "Алюминиевые профили", "Aluminium profiles")),
    "3004": ("KGM", {"IN": 6, "CN": 2, "RU": 1}, ("药品", "Лекарственные средства", "Medicaments")),
    "5205": ("TNE", {"UZ": 5, "PK": 3, "IN": 2}, ("棉纱", "Хлопковая пряжа", "Cotton yarn")),
    "8517": (
        "H87",
        {"CN": 10},
        ("手机和通信设备", "Телефоны и аппаратура связи", "Phones and telecom equipment"),
    ),
    "3104": ("TNE", {"BY": 6, "RU": 3}, ("钾肥", "Калийные удобрения", "Potash fertilizers")),
    "0808": ("TNE", {"UZ": 3, "CN": 3, "IR": 2}, ("苹果", "Яблоки", "Apples")),
    "8432": ("H87", {"CN": 5, "BY": 3, "RU": 1}, ("农业机械", "Сельхозтехника", "Agricultural machinery")),
    "1205": ("TNE", {"KZ": 4, "RU": 4}, ("油菜籽", "Семена рапса", "Rapeseed")),
    "7208": ("TNE", {"RU": 4, "CN": 4, "KZ": 2}, ("热轧钢板", "Горячекатаный прокат", "Hot-rolled steel")),
    "2709": ("TNE", {"RU": 5, "KZ": 3, "IR": 2}, ("原油", "Сырая нефть", "Crude oil")),
    "8504": ("H87", {"CN": 8, "RU": 1}, ("变压器", "Трансформаторы", "Transformers")),
}
SEA_RULES = {"FAS", "FOB", "CFR", "CIF"}
CERTIFICATIONS = [
    "ISO9001",
    "ISO22000",
    "HACCP",
    "HALAL",
    "EAC",
    "GOST-R",
    "CE",
    "GMP",
    "ORGANIC",
    "ISO14001",
]
PAYMENT_TERMS = ["tt_advance", "tt_partial", "lc_sight", "lc_usance", "dp", "open_account", "cad"]
CURRENCIES = {"CN": "CNY", "RU": "RUB", "KZ": "KZT", "IN": "INR"}
SELL_WORDS = {"zh_hans": "供应", "ru": "Продаём", "en": "Offer:"}
BUY_WORDS = {"zh_hans": "求购", "ru": "Купим", "en": "Wanted:"}
DESCRIPTIONS = {
    "zh_hans": [
        "{p}，质量稳定，可长期供货。",
        "{p}，符合国际标准，欢迎询价。",
        "长期采购{p}，要求质量稳定。",
    ],
    "ru": [
        "{p}. Стабильное качество, долгосрочные поставки.",
        "{p}. Соответствует ГОСТ, возможна отгрузка ж/д.",
    ],
    "en": [
        "{p}. Stable quality, long-term supply.",
        "{p}. Inspection by SGS at loading, documents in order.",
    ],
}


def _short(text: str) -> str:
    """A product name from an HS description: its first clause, at most 60 characters."""
    for sep in (";", "；", ":", "：", "(", "（"):
        text = text.split(sep)[0]
    text = text.strip(" ,，-–")
    return text[:60] or "—"


class Universe:
    """Reference data and distributions loaded once from the database."""

    def __init__(self, rng: random.Random):
        from scotemp.committees.queries import hs_scope_index
        from scotemp.reference.models import HSCode, Incoterm, Location

        headings = {
            code: (_short(en), _short(zh or en), _short(ru or en))
            for code, en, zh, ru in HSCode.objects.filter(level=4).values_list(
                "code", "description_en", "description_zh_hans", "description_ru"
            )
        }
        self.subheadings: dict[str, list[str]] = {}
        for code in HSCode.objects.filter(level=6).values_list("code", flat=True):
            self.subheadings.setdefault(code[:4], []).append(code)
        others = sorted(set(headings) - set(STAPLES))
        rng.shuffle(others)
        ranked = [h for h in STAPLES if h in headings] + others[: 800 - len(STAPLES)]
        self.headings = ranked
        self.heading_weights = [1.0 / (rank + 1) for rank in range(len(ranked))]
        self.names = {h: headings[h] for h in ranked}
        for h, (_unit, _origins, (zh, ru, en)) in STAPLES.items():
            if h in self.names:
                self.names[h] = (en, zh, ru)
        self.countries, self.country_weights = zip(*COUNTRY_WEIGHTS.items(), strict=True)
        self.places: dict[str, list[str]] = {}
        self.ports: dict[str, list[str]] = {}
        for locode, country, functions in Location.objects.values_list("locode", "country_id", "functions"):
            self.places.setdefault(country, []).append(locode)
            if {"port", "river_port"} & set(functions):
                self.ports.setdefault(country, []).append(locode)
        self.incoterms = list(Incoterm.objects.values_list("code", flat=True))
        self.committee_of = hs_scope_index()  # committee id by HS heading or chapter
