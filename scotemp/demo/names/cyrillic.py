"""Company names in Cyrillic: Russian ООО/АО, Kazakh ТОО with Kazakh words (ТОО «Жеңіс Астық»), Kyrgyz
ОсОО/ОАО, Tajik ҶДММ/ҶСК, Belarusian ТАА/ААТ or Russian-language ООО/ОАО, Mongolian ХХК; each with the
Latin name the company uses abroad (transliterated name, English legal form)."""

RU_ROOTS = [
    ("Волга", "Volga"),
    ("Урал", "Ural"),
    ("Алтай", "Altai"),
    ("Амур", "Amur"),
    ("Кубань", "Kuban"),
    ("Байкал", "Baikal"),
    ("Енисей", "Yenisei"),
    ("Обь", "Ob"),
    ("Кама", "Kama"),
    ("Дон", "Don"),
    ("Ока", "Oka"),
    ("Сибирь", "Sibir"),
    ("Евразия", "Evraziya"),
    ("Восток", "Vostok"),
    ("Север", "Sever"),
    ("Меридиан", "Meridian"),
]
RU_TRADES = {
    "grain": [("Зерно", "Zerno"), ("Агро", "Agro"), ("Нива", "Niva"), ("Хлеб", "Khleb")],
    "aluminium": [("Алюминий", "Aluminiy"), ("Металл", "Metall"), ("Прокат", "Prokat")],
    "mining": [("Уголь", "Ugol"), ("Руда", "Ruda"), ("Недра", "Nedra")],
    "fertilizer": [("Азот", "Azot"), ("Калий", "Kaliy"), ("Агрохим", "Agrokhim")],
    "energy": [("Энерго", "Energo"), ("Электро", "Elektro"), ("Энергомаш", "Energomash")],
    "food": [("Продукт", "Produkt"), ("Солод", "Solod"), ("Сухофрукт", "Sukhofrukt")],
    "vehicle_dealers": [("Мото", "Moto"), ("Автодеталь", "Avtodetal"), ("Автоимпорт", "Avtoimport")],
    "electronics_dealers": [("Электроника", "Elektronika"), ("Телеком", "Telekom"), ("Цифра", "Tsifra")],
    "machinery_dealers": [("Спецтехника", "Spetstekhnika"), ("Техника", "Tekhnika")],
    "machinery": [("Маш", "Mash"), ("Техмаш", "Tekhmash")],
    "logistics": [("Логистик", "Logistik"), ("Транс", "Trans"), ("Экспедиция", "Ekspeditsiya")],
    "finance": [("Инвест", "Invest"), ("Факторинг", "Faktoring"), ("Капитал", "Kapital")],
    "education": [("Лингва", "Lingva"), ("Академия", "Akademiya")],
    "tourism": [("Тур", "Tur"), ("Турсервис", "Turservis")],
    "ecommerce": [("Маркет", "Market"), ("Онлайн", "Onlayn")],
    "environment": [("Экология", "Ekologiya"), ("Вторресурс", "Vtorresurs"), ("Водоочистка", "Vodoochistka")],
    "timber": [("Лес", "Les"), ("Лесопром", "Lesoprom"), ("Фанера", "Fanera")],
}
RU_FORMS = [("ООО", "LLC"), ("ООО", "LLC"), ("АО", "JSC")]
RU_EDUCATION_FORMS = [("АНО ДПО", "Training Centre")]

KZ_ROOTS = [
    ("Жеңіс", "Zhenis"),
    ("Тұран", "Turan"),
    ("Қазына", "Kazyna"),
    ("Сарыарқа", "Saryarka"),
    ("Ертіс", "Ertis"),
    ("Алатау", "Alatau"),
    ("Көкшетау", "Kokshetau"),
    ("Жетісу", "Zhetisu"),
    ("Атамекен", "Atameken"),
    ("Бәйтерек", "Baiterek"),
    ("Ақжол", "Akzhol"),
    ("Шығыс", "Shygys"),
]
KZ_TRADES = {
    "grain": [("Астық", "Astyq"), ("Дән", "Dan"), ("Бидай", "Bidai")],
    "aluminium": [("Алюминий", "Aluminiy"), ("Металл", "Metall")],
    "mining": [("Көмір", "Komir"), ("Кен", "Ken"), ("Тау-Кен", "Tau-Ken")],
    "food": [("Азық", "Azyq"), ("Өнім", "Onim")],
    "vehicle_dealers": [("Авто", "Avto"), ("Мото", "Moto"), ("Автобөлшек", "Avtobolshek")],
    "electronics_dealers": [("Техно", "Tekhno"), ("Электроника", "Elektronika")],
    "machinery_dealers": [("Техника", "Tekhnika"), ("Арнайы Техника", "Arnaiy Tekhnika")],
    "energy": [("Энерго", "Energo"), ("Жарық", "Zharyq")],
    "pharma": [("Фарм", "Farm"), ("Дәрі", "Dari")],
    "logistics": [("Көлік", "Kolik"), ("Логистик", "Logistik"), ("Транзит", "Tranzit")],
    "finance": [("Қаржы", "Karzhy"), ("Инвест", "Invest")],
    "education": [("Білім", "Bilim"), ("Тіл Әлемі", "Til Alemi")],
    "tourism": [("Саяхат", "Sayakhat"), ("Тур", "Tur")],
    "environment": [("Таза Орта", "Taza Orta"), ("Эко", "Eko")],
}
KZ_FORMS = [("ТОО", "LLP"), ("ТОО", "LLP"), ("АО", "JSC")]

KG_ROOTS = [
    ("Ала-Тоо", "Ala-Too"),
    ("Ысык-Көл", "Issyk-Kul"),
    ("Манас", "Manas"),
    ("Теңир-Тоо", "Tengir-Too"),
    ("Нарын", "Naryn"),
    ("Талас", "Talas"),
    ("Айчүрөк", "Aichurok"),
    ("Кут", "Kut"),
    ("Ош", "Osh"),
    ("Чүй", "Chui"),
]
KG_TRADES = {
    "vehicle_dealers": [("Авто", "Avto"), ("Мото", "Moto")],
    "electronics_dealers": [("Техно", "Tekhno"), ("Электроника", "Elektronika")],
    "mining": [("Тоо-Кен", "Too-Ken"), ("Алтын", "Altyn"), ("Кен", "Ken")],
    "fruit": [("Мөмө-Жемиш", "Momo-Zhemish"), ("Жаңгак", "Zhangak")],
    "logistics": [("Жол", "Zhol"), ("Транс", "Trans"), ("Логистик", "Logistik")],
    "finance": [("Финанс", "Finans"), ("Капитал", "Kapital")],
    "tourism": [("Саякат", "Sayakat"), ("Тур", "Tur")],
    "education": [("Билим", "Bilim"), ("Окуу Борбору", "Okuu Borboru")],
}
KG_FORMS = [("ОсОО", "LLC"), ("ОсОО", "LLC"), ("ОАО", "OJSC")]

TJ_ROOTS = [
    ("Сомон", "Somon"),
    ("Помир", "Pomir"),
    ("Ҳисор", "Hisor"),
    ("Зарафшон", "Zarafshon"),
    ("Суғд", "Sughd"),
    ("Хуҷанд", "Khujand"),
    ("Кӯҳистон", "Kuhiston"),
    ("Варзоб", "Varzob"),
    ("Бохтар", "Bokhtar"),
    ("Ориён", "Oriyon"),
]
TJ_TRADES = {
    "fruit": [("Мева", "Meva"), ("Хушкмева", "Khushkmeva"), ("Боғ", "Bogh")],
    "cotton": [("Пахта", "Pakhta"), ("Нассоҷӣ", "Nassoji")],
    "food": [("Ғалла", "Ghalla"), ("Орд", "Ord")],
    "vehicle_dealers": [("Авто", "Avto"), ("Мото", "Moto")],
    "electronics_dealers": [("Техно", "Tekhno"), ("Электроника", "Elektronika")],
    "aluminium": [("Алюминий", "Aluminiy"), ("Металл", "Metall")],
    "logistics": [("Нақлиёт", "Nakliyot"), ("Логистик", "Logistik")],
}
TJ_FORMS = [("ҶДММ", "LLC"), ("ҶДММ", "LLC"), ("ҶСК", "OJSC")]

# Belarus: half the names in Belarusian (ТАА, ААТ), half in Russian (ООО, ОАО); same places in both.
BY_ROOTS = [
    ("Нёман", "Неман", "Neman"),
    ("Палессе", "Полесье", "Polesye"),
    ("Свіслач", "Свислочь", "Svisloch"),
    ("Бярэзіна", "Березина", "Berezina"),
    ("Дняпро", "Днепр", "Dnepr"),
    ("Прыпяць", "Припять", "Pripyat"),
    ("Нарач", "Нарочь", "Naroch"),
    ("Сож", "Сож", "Sozh"),
]
BE_TRADES = {
    "fertilizer": [("Калій", "Kaliy"), ("Азот", "Azot"), ("Аграхім", "Agrokhim")],
    "machinery": [("Машбуд", "Mashbud"), ("Тэхмаш", "Tekhmash")],
    "logistics": [("Транс", "Trans"), ("Лагістык", "Logistik")],
    "finance": [("Інвест", "Invest")],
    "education": [("Веды", "Vedy")],
    "environment": [("Эка", "Eko"), ("Чыстая Вада", "Chistaya Voda")],
    "tourism": [("Вандроўка", "Vandrouka"), ("Тур", "Tur")],
    "timber": [("Лес", "Les"), ("Дрэва", "Dreva")],
}
BE_FORMS = [("ТАА", "LLC"), ("ААТ", "OJSC")]
BY_RU_FORMS = [("ООО", "LLC"), ("ОАО", "OJSC")]

MN_ROOTS = [
    ("Хангай", "Khangai"),
    ("Говь", "Gobi"),
    ("Эрдэнэ", "Erdene"),
    ("Тэнгэр", "Tenger"),
    ("Хэрлэн", "Kherlen"),
    ("Сэлэнгэ", "Selenge"),
    ("Өлзий", "Olzii"),
]
MN_TRADES = {
    "mining": [("Уул Уурхай", "Mining"), ("Ресурс", "Resources"), ("Зэс", "Copper")],
    "logistics": [("Тээвэр", "Transport"), ("Ложистик", "Logistics")],
    "machinery_dealers": [("Техник", "Machinery"), ("Хүнд Машин", "Heavy Machinery")],
}

TABLES = {
    "RU": (RU_ROOTS, RU_TRADES, RU_FORMS, "-"),
    "KZ": (KZ_ROOTS, KZ_TRADES, KZ_FORMS, " "),
    "KG": (KG_ROOTS, KG_TRADES, KG_FORMS, " "),
    "TJ": (TJ_ROOTS, TJ_TRADES, TJ_FORMS, " "),
}
COUNTRIES = {*TABLES, "BY", "MN"}


# Chinese trading names of Russian and Kazakh companies, as their partners in China write them.
CHINESE_ROOTS = {
    "Волга": "伏尔加",
    "Урал": "乌拉尔",
    "Алтай": "阿尔泰",
    "Амур": "阿穆尔",
    "Кубань": "库班",
    "Байкал": "贝加尔",
    "Енисей": "叶尼塞",
    "Обь": "鄂毕",
    "Кама": "卡马",
    "Дон": "顿河",
    "Ока": "奥卡",
    "Сибирь": "西伯利亚",
    "Евразия": "欧亚",
    "Восток": "东方",
    "Север": "北方",
    "Меридиан": "子午线",
    "Жеңіс": "热尼斯",
    "Тұран": "图兰",
    "Қазына": "卡济纳",
    "Сарыарқа": "萨雷阿尔卡",
    "Ертіс": "额尔齐斯",
    "Алатау": "阿拉套",
    "Көкшетау": "科克舍套",
    "Жетісу": "七河",
    "Атамекен": "阿塔梅肯",
    "Бәйтерек": "巴伊杰列克",
    "Ақжол": "阿克若尔",
    "Шығыс": "东方",
}
CHINESE_TRADES = {
    "grain": "粮食",
    "aluminium": "铝业",
    "mining": "矿业",
    "fertilizer": "化肥",
    "energy": "能源",
    "food": "食品",
    "vehicle_dealers": "汽摩配",
    "electronics_dealers": "电子",
    "machinery_dealers": "工程机械",
    "logistics": "物流",
    "finance": "投资",
    "education": "教育培训",
    "tourism": "旅游",
    "ecommerce": "电子商务",
    "environment": "环保",
    "pharma": "医药",
    "timber": "木业",
}
CHINESE_FORMS = {"ООО": "有限责任公司", "ТОО": "有限责任合伙企业", "АО": "股份公司", "АНО ДПО": "培训中心"}
# Joint-stock companies are the large producers; shops, schools and agencies are limited companies.
JOINT_STOCK_SECTORS = {
    "aluminium",
    "mining",
    "fertilizer",
    "energy",
    "grain",
    "cotton",
    "machinery",
    "finance",
    "timber",
}


def _forms(forms, sector):
    return forms if sector in JOINT_STOCK_SECTORS else forms[:1]


def _quoted(form, root, trade, sep, sector="") -> tuple[str, str, str]:
    chinese = ""
    if root[0] in CHINESE_ROOTS and form[0] in CHINESE_FORMS and sector in CHINESE_TRADES:
        chinese = CHINESE_ROOTS[root[0]] + CHINESE_TRADES[sector] + CHINESE_FORMS[form[0]]
    return f"{form[0]} «{root[0]}{sep}{trade[0]}»", f"{root[1]}{sep}{trade[1]} {form[1]}", chinese


def name(country: str, sector: str, rng) -> tuple[str, str]:
    if country == "MN":
        (root, root_en), (trade, trade_en) = rng.choice(MN_ROOTS), rng.choice(MN_TRADES[sector])
        return f"{root} {trade} ХХК", f"{root_en} {trade_en} LLC", ""
    if country == "BY":
        be, ru, latin = rng.choice(BY_ROOTS)
        if rng.random() < 0.5:
            return _quoted(
                rng.choice(_forms(BE_FORMS, sector)), (be, latin), rng.choice(BE_TRADES[sector]), " "
            )
        return _quoted(
            rng.choice(_forms(BY_RU_FORMS, sector)), (ru, latin), rng.choice(RU_TRADES[sector]), "-"
        )
    roots, trades, forms, sep = TABLES[country]
    if country == "RU" and sector == "education":
        forms = RU_EDUCATION_FORMS
    return _quoted(
        rng.choice(_forms(forms, sector)), rng.choice(roots), rng.choice(trades[sector]), sep, sector
    )
