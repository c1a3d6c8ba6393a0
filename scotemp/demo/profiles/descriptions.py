"""Profile descriptions of the demo organizations in Russian, Chinese and English, written from the
organization's sector and city."""

from scotemp.demo.sectors import Sector


def local_name(row, language: str) -> str:
    """A translated reference name in ``language`` (the seed runs in English)."""
    if row is None:
        return ""
    return getattr(row, "name_" + language.replace("-", "_"), "") or row.name_en or ""


SERVICES = {
    "logistics": {
        "ru": "Экспедирование грузов, таможенное оформление и складские услуги; офис в г. {place}.",
        "zh-hans": "提供货运代理、报关和仓储服务，办公地点位于{place}。",
        "en": "Freight forwarding, customs clearance and warehousing; office in {place}.",
    },
    "finance": {
        "ru": "Финансирование внешнеторговых сделок: аккредитивы, гарантии, консультации.",
        "zh-hans": "为外贸交易提供融资服务：信用证、保函和咨询。",
        "en": "Trade finance for cross-border deals: letters of credit, guarantees and advice.",
    },
    "education": {
        "ru": "Обучение китайскому и русскому языкам, курсы для специалистов внешней торговли; г. {place}.",
        "zh-hans": "提供中文和俄语培训以及外贸从业人员课程，位于{place}。",
        "en": "Chinese and Russian language training and courses for foreign-trade staff; based in {place}.",
    },
    "tourism": {
        "ru": "Туристические маршруты, деловые поездки и культурные обмены между странами ШОС; г. {place}.",
        "zh-hans": "组织上合组织国家之间的旅游线路、商务考察和人文交流，办公地点位于{place}。",
        "en": "Tours, business trips and cultural exchanges across the SCO countries; office in {place}.",
    },
    "ecommerce": {
        "ru": (
            "Онлайн-продажи потребительских товаров на маркетплейсах стран ШОС, таможенный склад и доставка."
        ),
        "zh-hans": "在上合组织国家电商平台在线销售消费品，提供保税仓储和配送服务。",
        "en": (
            "Online sales of consumer goods on SCO-region marketplaces, with bonded warehousing and delivery."
        ),
    },
}
GENERIC = {
    "ru": "Организация из г. {place}, участник торгово-экономического сотрудничества стран ШОС.",
    "zh-hans": "位于{place}的机构，积极参与上合组织国家经贸合作。",
    "en": "Based in {place}, active in trade and economic cooperation among SCO countries.",
}


def describe(org, sector: Sector | None, language: str) -> str:
    place = local_name(org.city, language) or local_name(org.country, language)
    if sector is None or not sector.words[0]:
        texts = SERVICES.get(sector.key if sector else "", GENERIC)
        return texts[language].format(place=place)
    ru, zh, en = sector.words
    if org.type == "manufacturer":
        lead = ("Производство и экспорт", "专业生产和出口", "Manufacturer and exporter")
    elif sector.activities[:1] == ("importer",):
        lead = ("Импорт и оптовая торговля", "从事进口和批发", "Importer and wholesaler")
    else:
        lead = ("Оптовая торговля и экспорт", "从事批发和进出口", "Wholesale trader and exporter")
    texts = {
        "ru": (
            f"{lead[0]} {ru}. Работаем с партнёрами из стран ШОС, поставки через г. {place}, условия FCA/CPT."
        ),
        "zh-hans": f"{lead[1]}{zh}，面向上合组织国家客户，经{place}发货或收货，可按FCA/CPT条款交货。",
        "en": (
            f"{lead[2]} of {en}, working with partners across the SCO region; "
            f"goods via {place} on FCA/CPT terms."
        ),
    }
    return texts[language]
