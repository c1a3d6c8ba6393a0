"""Company names in Arabic script: Persian for Iran (شرکت بازرگانی پسته رفسنجان), Arabic for the Emirates
(… ذ.م.م) and Saudi Arabia (شركة … المحدودة); each with its English name."""

IR_ROOTS = [
    ("پارس", "Pars"),
    ("آریا", "Arya"),
    ("البرز", "Alborz"),
    ("سپاهان", "Sepahan"),
    ("خزر", "Khazar"),
    ("کرمان", "Kerman"),
    ("زاگرس", "Zagros"),
    ("دماوند", "Damavand"),
    ("کویر", "Kavir"),
    ("رفسنجان", "Rafsanjan"),
]
IR_TRADES = {
    "fruit": [
        ("بازرگانی پسته", "Pistachio Trading"),
        ("خشکبار", "Dried Fruit"),
        ("صادرات خشکبار", "Dried Fruit Export"),
    ],
    "food": [("صنایع غذایی", "Food Industries"), ("بازرگانی غلات", "Grain Trading")],
    "energy": [("پتروشیمی", "Petrochemical"), ("انرژی", "Energy")],
    "logistics": [("حمل و نقل بین\u200cالمللی", "International Transport")],
    "tourism": [("گردشگری", "Tourism"), ("خدمات مسافرتی", "Travel Services")],
}
ARAB_ROOTS = [
    ("الخليج", "Al Khaleej"),
    ("النخبة", "Al Nukhba"),
    ("الواحة", "Al Waha"),
    ("الهلال", "Al Hilal"),
    ("النور", "Al Noor"),
    ("الصقر", "Al Saqr"),
    ("الريان", "Al Rayyan"),
]
AE_TRADES = {
    "food": [("للمواد الغذائية", "Foodstuff Trading")],
    "logistics": [("للشحن", "Shipping"), ("للخدمات اللوجستية", "Logistics")],
    "finance": [("للاستثمار", "Investment")],
}
SA_TRADES = {
    "food": [("للأغذية", "Foods"), ("للتجارة", "Trading")],
    "finance": [("للاستثمار", "Investment")],
}

COUNTRIES = {"IR", "AE", "SA"}


def name(country: str, sector: str, rng) -> tuple[str, str]:
    if country == "IR":
        (root, root_en), (trade, trade_en) = rng.choice(IR_ROOTS), rng.choice(IR_TRADES[sector])
        private = rng.random() < 0.5
        return (
            f"شرکت {trade} {root}" + (" (سهامی خاص)" if private else ""),
            f"{root_en} {trade_en} Co." + (" (Private Joint Stock)" if private else ""),
        )
    (root, root_en) = rng.choice(ARAB_ROOTS)
    if country == "AE":
        trade, trade_en = rng.choice(AE_TRADES[sector])
        return f"{root} {trade} ذ.م.م", f"{root_en} {trade_en} LLC"
    trade, trade_en = rng.choice(SA_TRADES[sector])
    return f"شركة {root} {trade} المحدودة", f"{root_en} {trade_en} Co. Ltd."
