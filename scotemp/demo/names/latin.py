"""Company names in Latin script: Uzbek (Latin alphabet, oʻ and gʻ with U+02BB) «…» MChJ/AJ, Indian
Pvt. Ltd., Pakistani (Pvt.) Ltd., Turkish A.Ş./Ltd. Şti., Azerbaijani MMC/ASC; each with its English name."""

from .cyrillic import JOINT_STOCK_SECTORS

OKINA = "\u02bb"  # the Uzbek letter mark in oʻ and gʻ

UZ_ROOTS = [
    ("Samarqand", "Samarkand"),
    ("Buxoro", "Bukhara"),
    (f"Farg{OKINA}ona", "Fergana"),
    ("Toshkent", "Tashkent"),
    ("Navoiy", "Navoi"),
    ("Andijon", "Andijan"),
    ("Zarafshon", "Zarafshan"),
    ("Oltin Vodiy", "Oltin Vodiy"),
    ("Xorazm", "Khorezm"),
    ("Namangan", "Namangan"),
    ("Qarshi", "Karshi"),
    ("Turon", "Turon"),
    (f"G{OKINA}ijduvon", "Gijduvan"),
]
UZ_TRADES = {
    "cotton": [
        ("Paxta", "Cotton"),
        ("Paxta Tozalash", "Cotton Ginning"),
        (f"To{OKINA}qimachilik", "Textile"),
    ],
    "fruit": [
        ("Quruq Meva", "Dried Fruit"),
        ("Meva-Sabzavot", "Fruit & Vegetables"),
        (f"Bog{OKINA}", "Orchards"),
    ],
    "food": [("Un Mahsulotlari", "Flour Products"), ("Oziq-ovqat", "Foods"), ("Non", "Bakery")],
    "fertilizer": [("Agrokimyo", "Agrochemicals"), (f"O{OKINA}g{OKINA}it Savdo", "Fertiliser Trading")],
    "vehicle_dealers": [("Avto", "Auto"), ("Moto Savdo", "Moto Trading"), ("Avtoehtiyot", "Auto Parts")],
    "electronics_dealers": [("Elektronika", "Electronics"), ("Texno", "Techno")],
    "machinery_dealers": [("Texnika", "Machinery"), ("Maxsus Texnika", "Special Machinery")],
    "textiles": [(f"To{OKINA}qimachilik", "Textile"), ("Tikuv", "Garments")],
    "pharma": [("Farm", "Pharm"), ("Dori-Darmon", "Medicines")],
    "logistics": [("Logistik", "Logistics"), ("Yuk Tashish", "Freight"), ("Trans", "Trans")],
    "finance": [("Invest", "Invest"), ("Moliya", "Finance")],
    "education": [("Bilim", "Bilim Learning"), ("Til Markazi", "Language Centre")],
}
UZ_FORMS = [("MChJ", "LLC"), ("MChJ", "LLC"), ("AJ", "JSC")]

IN_ROOTS = [
    "Bharat",
    "Ganga",
    "Deccan",
    "Sagar",
    "Himalaya",
    "Shakti",
    "Surya",
    "Narmada",
    "Kaveri",
    "Konark",
    "Vindhya",
    "Malabar",
    "Coromandel",
    "Brahmaputra",
]
IN_TRADES = {
    "tea": ["Tea Estates", "Tea Exports", "Tea Company"],
    "pharma": ["Pharmaceuticals", "Lifesciences", "Remedies", "Formulations"],
    "rice": ["Rice Mills", "Agro Foods", "Basmati Exports"],
    "fertilizer": ["Agro Chemicals", "Fertilisers", "Agri Inputs"],
    "textiles": ["Textiles", "Spinning Mills", "Cotspin"],
    "logistics": ["Logistics", "Freight Carriers", "Shipping"],
    "education": ["Institute of Languages", "Academy of Foreign Trade"],
}
IN_FORMS = ["Pvt. Ltd.", "Pvt. Ltd.", "Ltd."]

PK_ROOTS = [
    "Indus",
    "Karakoram",
    "Punjab",
    "Sindh",
    "Margalla",
    "Ravi",
    "Chenab",
    "Khyber",
    "Mehran",
    "Jhelum",
    "Potohar",
]
PK_TRADES = {
    "rice": ["Rice Mills", "Rice Exports", "Agro Industries"],
    "textiles": ["Textile Mills", "Spinning Mills", "Fabrics"],
    "energy": ["Power", "Energy"],
    "logistics": ["Logistics", "Cargo Services"],
    "finance": ["Capital", "Investments"],
}
PK_FORMS = ["(Pvt.) Ltd.", "(Pvt.) Ltd.", "Ltd."]

TR_ROOTS = [
    ("Anadolu", "Anadolu"),
    ("Boğaziçi", "Bogazici"),
    ("Ege", "Ege"),
    ("Kapadokya", "Kapadokya"),
    ("Marmara", "Marmara"),
    ("Toros", "Toros"),
    ("Karadeniz", "Karadeniz"),
    ("Çukurova", "Cukurova"),
]
TR_TRADES = {
    "textiles": [("Tekstil", "Textile"), ("İplik", "Yarn"), ("Örme", "Knitwear")],
    "logistics": [("Lojistik", "Logistics"), ("Nakliyat", "Transport")],
    "food": [("Gıda", "Foods")],
}
TR_FORMS = [("San. ve Tic. A.Ş.", "Inc."), ("Ltd. Şti.", "Ltd.")]

AZ_ROOTS = [
    ("Xəzər", "Khazar"),
    ("Qafqaz", "Gafgaz"),
    ("Gəncə", "Ganja"),
    ("Şirvan", "Shirvan"),
    ("Abşeron", "Absheron"),
    ("Naxçıvan", "Nakhchivan"),
]
AZ_TRADES = {
    "energy": [("Enerji", "Energy")],
    "logistics": [("Logistika", "Logistics"), ("Nəqliyyat", "Transport")],
    "fruit": [("Meyvə", "Fruit"), ("Aqro", "Agro")],
}
AZ_FORMS = [("MMC", "LLC"), ("ASC", "OJSC")]

COUNTRIES = {"UZ", "IN", "PK", "TR", "AZ"}


def name(country: str, sector: str, rng) -> tuple[str, str]:
    if country == "UZ":
        (root, root_en), (trade, trade_en), (form, form_en) = (
            rng.choice(UZ_ROOTS),
            rng.choice(UZ_TRADES[sector]),
            rng.choice(UZ_FORMS if sector in JOINT_STOCK_SECTORS else UZ_FORMS[:1]),
        )
        return f"«{root} {trade}» {form}", f"{root_en} {trade_en} {form_en}"
    if country in ("IN", "PK"):
        roots, trades, forms = (
            (IN_ROOTS, IN_TRADES, IN_FORMS) if country == "IN" else (PK_ROOTS, PK_TRADES, PK_FORMS)
        )
        root, trade = rng.choice(roots), rng.choice(trades[sector])
        if sector == "education":  # an institute, not a company
            return f"{root} {trade}", f"{root} {trade}"
        text = f"{root} {trade} {rng.choice(forms)}"
        return text, text
    roots, trades, forms = (
        (TR_ROOTS, TR_TRADES, TR_FORMS) if country == "TR" else (AZ_ROOTS, AZ_TRADES, AZ_FORMS)
    )
    (root, root_en), (trade, trade_en), (form, form_en) = (
        rng.choice(roots),
        rng.choice(trades[sector]),
        rng.choice(forms),
    )
    return f"{root} {trade} {form}", f"{root_en} {trade_en} {form_en}"
