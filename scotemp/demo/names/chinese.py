"""Chinese company names: place + brand + trade + legal form, as a company registry writes them
(重庆嘉陵铝业有限公司), with the English name the company would use
(Chongqing Jialing Aluminium Co., Ltd.) and the Russian one its partners in Russia and Central Asia
know (Чунцин Цзялин Алюминий Ко., Лтд.; Palladius transcription)."""

PLACES = [
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
    ("长寿", "Changshou"),
    ("永川", "Yongchuan"),
    ("江津", "Jiangjin"),
]
BRANDS = [
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
    ("鑫源", "Xinyuan"),
    ("德润", "Derun"),
    ("新航", "Xinhang"),
]
TRADES = {
    "aluminium": [("铝业", "Aluminium"), ("铝材", "Aluminium Products"), ("轻合金", "Light Alloy")],
    "food": [
        ("粮油", "Grain & Oil"),
        ("食品", "Foods"),
        ("面业", "Flour Milling"),
        ("干果食品", "Dried Fruit Foods"),
    ],
    "textiles": [("纺织", "Textile"), ("棉纺", "Cotton Spinning"), ("服饰", "Apparel")],
    "motorcycles": [("摩托车", "Motorcycle"), ("机车", "Motor")],
    "auto_parts": [
        ("汽车配件", "Auto Parts"),
        ("汽车零部件", "Automotive Components"),
        ("制动系统", "Brake Systems"),
    ],
    "electronics": [
        ("电子科技", "Electronics Technology"),
        ("通信设备", "Communication Equipment"),
        ("智能科技", "Smart Technology"),
    ],
    "machinery": [("机械", "Machinery"), ("工程机械", "Construction Machinery"), ("重工", "Heavy Industry")],
    "fertilizer": [("化肥", "Fertilizer"), ("农资", "Agricultural Supplies")],
    "pharma": [("医药", "Pharmaceutical"), ("制药", "Pharmaceutical Manufacturing"), ("药业", "Pharma")],
    "mining": [("矿业", "Mining"), ("矿产", "Minerals"), ("矿山机械", "Mining Machinery")],
    "energy": [("能源", "Energy"), ("电力设备", "Power Equipment"), ("新能源", "New Energy")],
    "environment": [
        ("环保科技", "Environmental Technology"),
        ("再生资源", "Renewable Resources"),
        ("水处理设备", "Water Treatment Equipment"),
    ],
    "logistics": [
        ("国际物流", "International Logistics"),
        ("供应链管理", "Supply Chain Management"),
        ("国际货运代理", "International Freight Forwarding"),
    ],
    "finance": [("融资担保", "Financing Guarantee"), ("商业保理", "Commercial Factoring")],
    "ecommerce": [("跨境电子商务", "Cross-border E-commerce"), ("电子商务", "E-commerce")],
    "tourism": [("国际旅行社", "International Travel Service"), ("文化旅游", "Culture & Tourism")],
    "wood_products": [("家具", "Furniture"), ("木业", "Wood Industry"), ("木材", "Timber")],
}
FORMS = [
    ("有限公司", "Co., Ltd."),
    ("有限公司", "Co., Ltd."),
    ("股份有限公司", "Corp."),
    ("集团有限公司", "Group Co., Ltd."),
]
# Schools are not companies: their kind is the whole of the name's ending.
EDUCATION = [
    ("职业培训学校", "Vocational Training School"),
    ("语言培训中心", "Language Training Centre"),
    ("国际教育交流中心", "International Education Exchange Centre"),
]


RUSSIAN = {
    "重庆": "Чунцин",
    "成都": "Чэнду",
    "西安": "Сиань",
    "乌鲁木齐": "Урумчи",
    "上海": "Шанхай",
    "广州": "Гуанчжоу",
    "宁波": "Нинбо",
    "郑州": "Чжэнчжоу",
    "两江": "Лянцзян",
    "渝北": "Юйбэй",
    "璧山": "Бишань",
    "涪陵": "Фулин",
    "长寿": "Чаншоу",
    "永川": "Юнчуань",
    "江津": "Цзянцзинь",
    "长江": "Чанцзян",
    "嘉陵": "Цзялин",
    "天府": "Тяньфу",
    "丝路": "Сылу",
    "华欧": "Хуаоу",
    "渝新": "Юйсинь",
    "金桥": "Цзиньцяо",
    "恒通": "Хэнтун",
    "瑞丰": "Жуйфэн",
    "宏达": "Хунда",
    "中亚": "Чжунъя",
    "博远": "Боюань",
    "鑫源": "Синьюань",
    "德润": "Дэжунь",
    "新航": "Синьхан",
    "铝业": "Алюминий",
    "铝材": "Алюминиевые изделия",
    "轻合金": "Лёгкие сплавы",
    "粮油": "Зерно и масло",
    "食品": "Продукты питания",
    "面业": "Мукомольная компания",
    "干果食品": "Сухофрукты",
    "纺织": "Текстиль",
    "棉纺": "Хлопкопрядильная компания",
    "服饰": "Одежда",
    "摩托车": "Мотоциклы",
    "机车": "Мототехника",
    "汽车配件": "Автозапчасти",
    "汽车零部件": "Автокомпоненты",
    "制动系统": "Тормозные системы",
    "电子科技": "Электроника",
    "通信设备": "Телекоммуникационное оборудование",
    "智能科技": "Умные технологии",
    "机械": "Машиностроение",
    "工程机械": "Строительная техника",
    "重工": "Тяжёлое машиностроение",
    "化肥": "Удобрения",
    "农资": "Агроснабжение",
    "医药": "Фармацевтика",
    "制药": "Фармацевтическое производство",
    "药业": "Фарма",
    "矿业": "Горнодобывающая компания",
    "矿产": "Минеральное сырьё",
    "矿山机械": "Горные машины",
    "能源": "Энергетика",
    "电力设备": "Энергооборудование",
    "新能源": "Новая энергетика",
    "环保科技": "Экотехнологии",
    "再生资源": "Вторичные ресурсы",
    "水处理设备": "Водоочистное оборудование",
    "国际物流": "Международная логистика",
    "供应链管理": "Управление цепями поставок",
    "国际货运代理": "Международное экспедирование",
    "融资担保": "Финансовые гарантии",
    "商业保理": "Факторинг",
    "跨境电子商务": "Трансграничная электронная торговля",
    "电子商务": "Электронная торговля",
    "国际旅行社": "Международное турагентство",
    "文化旅游": "Культурный туризм",
    "家具": "Мебель",
    "木业": "Деревообработка",
    "木材": "Лесоматериалы",
    "职业培训学校": "Профессиональная школа",
    "语言培训中心": "Языковой центр",
    "国际教育交流中心": "Центр международных образовательных обменов",
}


def name(sector: str, rng) -> tuple[str, str, str]:
    """(Chinese legal name, English name, Russian trading name)."""
    (place, place_en), (brand, brand_en) = rng.choice(PLACES), rng.choice(BRANDS)
    if sector == "education":
        kind, kind_en = rng.choice(EDUCATION)
        russian = f"{RUSSIAN[kind]} «{RUSSIAN[brand]}» ({RUSSIAN[place]})"
        return f"{place}{brand}{kind}", f"{place_en} {brand_en} {kind_en}", russian
    (trade, trade_en), (form, form_en) = rng.choice(TRADES[sector]), rng.choice(FORMS)
    russian = f"{RUSSIAN[place]} {RUSSIAN[brand]} {RUSSIAN[trade]} Ко., Лтд."
    return f"{place}{brand}{trade}{form}", f"{place_en} {brand_en} {trade_en} {form_en}", russian
