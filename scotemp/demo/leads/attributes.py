"""The demo leads' attributes, written as their authors write them.

The products list the attributes in English. A Kazakh exporter writes their lead in Russian and a
Chongqing manufacturer in Chinese, so the names, the words in the values and the decimal comma
follow the lead's language. Codes that traders write the same way everywhere (K2O, OEM, tea grades
such as FTGFOP1, ISO 115) stay as they are."""

import re

NAMES = {
    "protein": {"ru": "белок", "zh-hans": "蛋白质"},
    "moisture": {"ru": "влажность", "zh-hans": "水分"},
    "gluten": {"ru": "клейковина", "zh-hans": "湿面筋"},
    "staple": {"ru": "длина волокна", "zh-hans": "纤维长度"},
    "micronaire": {"ru": "микронейр", "zh-hans": "马克隆值"},
    "packing": {"ru": "упаковка", "zh-hans": "包装"},
    "size": {"ru": "калибр", "zh-hans": "规格"},
    "granulometry": {"ru": "гранулометрия", "zh-hans": "粒度"},
    "broken": {"ru": "дроблёные зёрна", "zh-hans": "碎米率"},
    "length": {"ru": "длина зерна", "zh-hans": "粒长"},
    "grade": {"ru": "сорт", "zh-hans": "等级"},
    "purity": {"ru": "чистота", "zh-hans": "纯度"},
    "standard": {"ru": "стандарт", "zh-hans": "标准"},
    "calorific value": {"ru": "теплота сгорания", "zh-hans": "发热量"},
    "ash": {"ru": "зольность", "zh-hans": "灰分"},
    "sulphur": {"ru": "сера", "zh-hans": "硫分"},
    "pack": {"ru": "упаковка", "zh-hans": "包装规格"},
    "shelf life": {"ru": "срок годности", "zh-hans": "有效期"},
    "engine": {"ru": "объём двигателя", "zh-hans": "排量"},
    "emission": {"ru": "экологический класс", "zh-hans": "排放标准"},
    "warranty": {"ru": "гарантия", "zh-hans": "保修期"},
    "Cu": {"ru": "медь", "zh-hans": "铜品位"},
}

VALUES = {
    "10 kg cartons": {"ru": "коробки по 10 кг", "zh-hans": "10公斤纸箱"},
    "25 kg bags": {"ru": "мешки по 25 кг", "zh-hans": "25公斤袋装"},
    "120–140 pcs/kg": {"ru": "120–140 шт./кг", "zh-hans": "每公斤120–140粒"},
    "26–28 per ounce": {"ru": "26–28 шт. на унцию", "zh-hans": "每盎司26–28粒"},
    "28–30 per ounce": {"ru": "28–30 шт. на унцию", "zh-hans": "每盎司28–30粒"},
    '1-1/8"': {"ru": "1-1/8 дюйма", "zh-hans": "1-1/8英寸"},
    '1-3/32"': {"ru": "1-3/32 дюйма", "zh-hans": "1-3/32英寸"},
    "2–4 mm": {"ru": "2–4 мм", "zh-hans": "2–4毫米"},
    "7.2 mm": {"ru": "7,2 мм", "zh-hans": "7.2毫米"},
    "8.3 mm": {"ru": "8,3 мм", "zh-hans": "8.3毫米"},
    "GOST 11069-2019": {"ru": "ГОСТ 11069-2019", "zh-hans": "GOST 11069-2019"},
    "5500 kcal/kg": {"ru": "5500 ккал/кг", "zh-hans": "5500大卡/千克"},
    "6000 kcal/kg": {"ru": "6000 ккал/кг", "zh-hans": "6000大卡/千克"},
    "10 × 10 tablets": {"ru": "10 × 10 таблеток", "zh-hans": "10片×10板"},
    "3 × 10 capsules": {"ru": "3 × 10 капсул", "zh-hans": "10粒×3板"},
    "12 months": {"ru": "12 месяцев", "zh-hans": "12个月"},
    "24 months": {"ru": "24 месяца", "zh-hans": "24个月"},
    "36 months": {"ru": "36 месяцев", "zh-hans": "36个月"},
    "125 cc": {"ru": "125 см³", "zh-hans": "125毫升"},
    "150 cc": {"ru": "150 см³", "zh-hans": "150毫升"},
    "250 cc": {"ru": "250 см³", "zh-hans": "250毫升"},
    "Euro 4": {"ru": "Евро-4", "zh-hans": "欧4"},
    "Euro 5": {"ru": "Евро-5", "zh-hans": "欧5"},
    "yes": {"ru": "да", "zh-hans": "是"},
    "aftermarket": {"ru": "неоригинальные", "zh-hans": "副厂件"},
}

_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


def written_in(language: str, attributes: dict[str, str]) -> dict[str, str]:
    """The attributes as an author writing in ``language`` writes them."""
    if language not in ("ru", "zh-hans"):
        return dict(attributes)
    out = {}
    for name, value in attributes.items():
        written = VALUES.get(value, {}).get(language)
        if written is None:
            written = _DECIMAL_POINT.sub(",", value) if language == "ru" else value
        out[NAMES.get(name, {}).get(language, name)] = written
    return out
