"""Building blocks for plausible, clearly fictitious company names in each country's own script,
each paired with a Latin rendering. Deterministic: the caller passes a seeded Random."""

import random

# (own script, Latin) pairs.
CN_PLACES = [
    ("重庆", "Chongqing"),
    ("成都", "Chengdu"),
    ("西安", "Xi'an"),
    ("乌鲁木齐", "Urumqi"),
    ("上海", "Shanghai"),
    ("广州", "Guangzhou"),
    ("宁波", "Ningbo"),
    ("郑州", "Zhengzhou"),
    ("两江", "Liangjiang"),
    ("渝北", "Yubei"),
    ("璧山", "Bishan"),
    ("涪陵", "Fuling"),
]
CN_BRANDS = [
    ("长江", "Changjiang"),
    ("嘉陵", "Jialing"),
    ("天府", "Tianfu"),
    ("丝路", "Silu"),
    ("华欧", "Hua'ou"),
    ("渝新", "Yuxin"),
    ("金桥", "Jinqiao"),
    ("恒通", "Hengtong"),
    ("瑞丰", "Ruifeng"),
    ("宏达", "Hongda"),
    ("中亚", "Zhongya"),
    ("博远", "Boyuan"),
]
CN_TRADES = [
    ("铝业", "Aluminium", "manufacturer"),
    ("粮油", "Grain & Oil", "trader"),
    ("摩托车", "Motorcycle", "manufacturer"),
    ("汽车配件", "Auto Parts", "manufacturer"),
    ("电子科技", "Electronics", "manufacturer"),
    ("机械", "Machinery", "manufacturer"),
    ("国际物流", "International Logistics", "logistics"),
    ("农产品", "Agricultural Products", "trader"),
    ("茶业", "Tea", "trader"),
    ("医药", "Pharmaceutical", "manufacturer"),
    ("化工", "Chemical", "manufacturer"),
    ("进出口贸易", "Import & Export", "trader"),
    ("供应链管理", "Supply Chain Management", "service_provider"),
    ("矿业", "Mining", "manufacturer"),
]
CN_FORMS = [("有限公司", "Co., Ltd."), ("股份有限公司", "Corp."), ("集团有限公司", "Group Co., Ltd.")]

CYR_ROOTS = [
    ("Сибирь", "Sibir"),
    ("Евразия", "Eurasia"),
    ("Восток", "Vostok"),
    ("Алтын", "Altyn"),
    ("Шёлковый путь", "Shyolkovy Put"),
    ("Транзит", "Tranzit"),
    ("Степь", "Step"),
    ("Байкал", "Baikal"),
    ("Орион", "Orion"),
    ("Меридиан", "Meridian"),
    ("Полюс", "Polyus"),
    ("Берёзка", "Beryozka"),
    ("Ак Жол", "Ak Zhol"),
    ("Тянь-Шань", "Tian Shan"),
    ("Памир", "Pamir"),
]
CYR_TRADES = [
    ("Агро", "Agro", "trader"),
    ("Зерно", "Zerno", "trader"),
    ("Металл", "Metall", "manufacturer"),
    ("Алюминий", "Aluminiy", "manufacturer"),
    ("Логистик", "Logistic", "logistics"),
    ("Трейд", "Trade", "trader"),
    ("Хим", "Khim", "manufacturer"),
    ("Маш", "Mash", "manufacturer"),
    ("Фрукт", "Frukt", "trader"),
    ("Фарм", "Farm", "manufacturer"),
    ("Энерго", "Energo", "manufacturer"),
    ("Экспедиция", "Ekspeditsiya", "logistics"),
    ("Инвест", "Invest", "financial"),
]
CYR_FORMS = {
    "RU": [("ООО", "LLC"), ("АО", "JSC"), ("ПАО", "PJSC")],
    "KZ": [("ТОО", "LLP"), ("АО", "JSC")],
    "KG": [("ОсОО", "LLC"), ("ОАО", "OJSC")],
    "TJ": [("ООО", "LLC"), ("ОАО", "OJSC")],
    "BY": [("ООО", "LLC"), ("ОАО", "OJSC"), ("УП", "UE")],
    "MN": [("ХХК", "LLC")],
}

LATIN_ROOTS = {
    "UZ": ["Samarqand", "Buxoro", "Farg'ona", "Toshkent", "Navoiy", "Andijon", "Zarafshon", "Oltin Vodiy"],
    "IN": ["Bharat", "Ganga", "Deccan", "Sagar", "Himalaya", "Indus Valley", "Shakti", "Surya"],
    "PK": ["Indus", "Karakoram", "Punjab", "Sindh", "Margalla", "Ravi", "Chenab", "Khyber"],
    "TR": ["Anadolu", "Boğaziçi", "Ege", "Kapadokya", "Marmara", "Toros"],
    "AZ": ["Xəzər", "Qafqaz", "Gəncə", "Şirvan"],
}
LATIN_TRADES = [
    ("Agro", "trader"),
    ("Textiles", "manufacturer"),
    ("Cotton", "trader"),
    ("Foods", "manufacturer"),
    ("Pharma", "manufacturer"),
    ("Logistics", "logistics"),
    ("Metals", "manufacturer"),
    ("Rice Mills", "manufacturer"),
    ("Tea Estates", "trader"),
    ("Fertilizers", "manufacturer"),
    ("Trading", "trader"),
    ("Engineering", "service_provider"),
]
LATIN_FORMS = {
    "UZ": ["MChJ", "AJ"],
    "IN": ["Pvt. Ltd.", "Ltd."],
    "PK": ["(Pvt.) Ltd.", "Ltd."],
    "TR": ["A.Ş.", "Ltd. Şti."],
    "AZ": ["MMC", "ASC"],
}

ARABIC = [
    ("الخليج", "Al Khaleej"),
    ("النخبة", "Al Nukhba"),
    ("الواحة", "Al Waha"),
    ("الصحراء", "Al Sahraa"),
    ("الهلال", "Al Hilal"),
    ("النور", "Al Noor"),
]
ARABIC_TRADES = [
    ("للتجارة", "Trading", "trader"),
    ("للصناعات", "Industries", "manufacturer"),
    ("للخدمات اللوجستية", "Logistics", "logistics"),
    ("للأغذية", "Foods", "trader"),
]
PERSIAN = [("پارس", "Pars"), ("آریا", "Arya"), ("البرز", "Alborz"), ("سپاهان", "Sepahan"), ("خزر", "Khazar")]
PERSIAN_TRADES = [
    ("بازرگانی", "Trading", "trader"),
    ("صنایع", "Industries", "manufacturer"),
    ("پتروشیمی", "Petrochemical", "manufacturer"),
    ("خشکبار", "Dried Fruit", "trader"),
]


def company_name(country: str, rng: random.Random) -> tuple[str, str, str]:
    """Return (name in the country's script, Latin name, organization type)."""
    if country == "CN":
        place, brand, trade, form = (rng.choice(x) for x in (CN_PLACES, CN_BRANDS, CN_TRADES, CN_FORMS))
        return (f"{place}{brand}{trade[0]}{form[0]}", f"{place[1]} {brand[1]} {trade[1]} {form[1]}", trade[2])
    if country in CYR_FORMS:
        root, trade, form = rng.choice(CYR_ROOTS), rng.choice(CYR_TRADES), rng.choice(CYR_FORMS[country])
        return (f"{form[0]} «{root[0]} {trade[0]}»", f"{root[1]} {trade[1]} {form[1]}", trade[2])
    if country in LATIN_ROOTS:
        root, trade, form = (
            rng.choice(LATIN_ROOTS[country]),
            rng.choice(LATIN_TRADES),
            rng.choice(LATIN_FORMS[country]),
        )
        name = f"{root} {trade[0]} {form}"
        return name, name, trade[1]
    if country == "IR":
        root, trade = rng.choice(PERSIAN), rng.choice(PERSIAN_TRADES)
        return (f"{trade[0]} {root[0]}", f"{root[1]} {trade[1]} Co.", trade[2])
    root, trade = rng.choice(ARABIC), rng.choice(ARABIC_TRADES)
    return (f"{root[0]} {trade[0]}", f"{root[1]} {trade[1]} LLC", trade[2])
