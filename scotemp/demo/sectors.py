"""The sectors of the demo organizations: what each one sells and buys (HS headings), the HS scope its
trade stays within, its organization type and the words that describe it in Russian, Chinese and
English. Names (``scotemp.demo.names``), profiles, leads and committee memberships all follow an
organization's sector, so a mining group sells ores and buys mining equipment, never cotton lint.

A sector belongs in the committees suggested for the goods it sells and buys (the committee whose
sector each heading is, ``committees.queries.committee_id_for_hs``) and in its service committees.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sector:
    key: str
    type: str  # accounts.OrganizationType
    sells: tuple[str, ...] = ()  # HS headings of its offers (profile exports, sell leads)
    buys: tuple[str, ...] = ()  # HS headings of its requests (profile imports, buy leads)
    extra_scope: tuple[str, ...] = ()  # further chapters or headings of its trade
    services: tuple[str, ...] = ()  # committees it belongs to without an HS overlap
    words: tuple[str, str, str] = ("", "", "")  # what it trades or does: (ru genitive, zh, en)
    activities: tuple[str, ...] = field(default=())

    @property
    def scope(self) -> tuple[str, ...]:
        """Every HS code (chapter or heading) the sector's trade may name."""
        return tuple(dict.fromkeys((*self.sells, *self.buys, *self.extra_scope)))

    def covers(self, hs_code: str) -> bool:
        return any(hs_code.startswith(code) for code in self.scope)

    def sells_code(self, hs_code: str) -> bool:
        return any(hs_code.startswith(code) or code.startswith(hs_code) for code in self.sells)

    def buys_code(self, hs_code: str) -> bool:
        return any(hs_code.startswith(code) or code.startswith(hs_code) for code in self.buys)

    def committees(self, index: dict[str, str]) -> list[str]:
        """The committees the sector belongs in, its own first: those suggested for the headings it
        sells, then for those it buys (``index``: committee slug by HS scope code, see
        ``committees.queries.hs_scope_index``), then its service committees."""
        from scotemp.committees.queries import committee_id_for_hs

        found = [committee_id_for_hs(index, code) for code in (*self.sells, *self.buys)]
        return list(dict.fromkeys([slug for slug in found if slug] + list(self.services)))


GOODS = ("exporter", "wholesaler")
MAKER = ("manufacturer", "exporter")
BUYER = ("importer", "wholesaler")

SECTORS = {
    s.key: s
    for s in [
        Sector(
            "grain",
            "trader",
            sells=("1001", "1003", "1205", "1101"),
            buys=("3105", "8433"),
            words=("зерна и муки", "粮食和面粉", "grain and flour"),
            activities=GOODS,
        ),
        Sector(
            "food",
            "manufacturer",
            sells=("1101", "1905", "2008"),
            buys=("1001", "1003", "1006", "0806", "0813"),
            words=("продуктов питания из импортного сырья", "食品（进口原料加工）", "food products"),
            activities=("manufacturer", "importer"),
        ),
        Sector(
            "fruit",
            "trader",
            sells=("0813", "0806", "0802"),
            buys=("4819",),
            words=("сухофруктов и орехов", "干果和坚果", "dried fruit and nuts"),
            activities=GOODS,
        ),
        Sector(
            "cotton",
            "manufacturer",
            sells=("5201", "5203", "5205"),
            buys=("8445",),
            words=("хлопка-волокна и пряжи", "皮棉和棉纱", "cotton lint and yarn"),
            activities=MAKER,
        ),
        Sector(
            "textiles",
            "manufacturer",
            sells=("5208", "6109", "6203"),
            buys=("5201", "5205"),
            words=("хлопчатобумажных тканей и одежды", "棉布和服装", "cotton fabrics and garments"),
            activities=("manufacturer", "exporter", "importer"),
        ),
        Sector(
            "aluminium",
            "manufacturer",
            sells=("7601", "7604", "7606", "7608"),
            buys=("2606", "2818", "7601"),
            words=("алюминия и алюминиевого проката", "铝锭和铝材", "aluminium ingots and products"),
            activities=MAKER,
        ),
        Sector(
            "mining",
            "manufacturer",
            sells=("2701", "2603", "2601", "2608"),
            buys=("8430", "8474"),
            extra_scope=("25", "26", "71"),
            words=("угля, руды и концентратов", "煤炭、矿石和精矿", "coal, ores and concentrates"),
            activities=("manufacturer", "exporter"),
        ),
        Sector(
            "fertilizer",
            "manufacturer",
            sells=("3104", "3105", "3102"),
            buys=("3104", "3105", "2814"),
            words=("минеральных удобрений", "化肥", "mineral fertilisers"),
            activities=MAKER,
        ),
        Sector(
            "rice",
            "manufacturer",
            sells=("1006",),
            buys=("8437",),
            words=("риса", "大米", "rice"),
            activities=MAKER,
        ),
        Sector(
            "tea",
            "trader",
            sells=("0902", "0910"),
            buys=("4819",),
            words=("чая и пряностей", "茶叶和香料", "tea and spices"),
            activities=GOODS,
        ),
        Sector(
            "pharma",
            "manufacturer",
            sells=("3004", "3002"),
            buys=("2941", "2936", "3004"),
            extra_scope=("30", "9018"),
            words=("лекарственных препаратов", "药品", "medicines"),
            activities=MAKER,
        ),
        Sector(
            "motorcycles",
            "manufacturer",
            sells=("8711", "8714"),
            buys=("8407",),
            words=("мотоциклов и запчастей к ним", "摩托车及零部件", "motorcycles and their parts"),
            activities=MAKER,
        ),
        Sector(
            "auto_parts",
            "manufacturer",
            sells=("8708", "8707", "8409", "8511"),
            buys=("8483",),
            words=("автокомпонентов", "汽车零部件", "automotive components"),
            activities=MAKER,
        ),
        Sector(
            "electronics",
            "manufacturer",
            sells=("8517", "8471", "8528"),
            buys=("8542",),
            words=("электроники и средств связи", "电子产品和通信设备", "electronics and telecom equipment"),
            activities=MAKER,
        ),
        Sector(
            "machinery",
            "manufacturer",
            sells=("8429", "8415", "8474", "8430"),
            buys=("8412",),
            words=(
                "строительной и горной техники",
                "工程机械和矿山机械",
                "construction and mining machinery",
            ),
            activities=MAKER,
        ),
        Sector(
            "vehicle_dealers",
            "trader",
            buys=("8711", "8708"),
            sells=("8714",),
            words=("мототехники и автозапчастей", "摩托车和汽车配件", "motorcycles and auto parts"),
            activities=BUYER,
        ),
        Sector(
            "electronics_dealers",
            "trader",
            buys=("8517", "8471"),
            sells=("8528",),
            words=("электроники и средств связи", "电子产品和通信设备", "electronics and telecom equipment"),
            activities=BUYER,
        ),
        Sector(
            "machinery_dealers",
            "trader",
            buys=("8429", "8426"),
            sells=("8431",),
            words=("строительной техники", "工程机械", "construction machinery"),
            activities=BUYER,
        ),
        Sector(
            "energy",
            "manufacturer",
            sells=("8504", "8541", "8502"),
            buys=("8504", "8502", "2711"),
            extra_scope=("27",),
            words=("энергетического оборудования", "电力设备", "power equipment"),
            activities=MAKER,
        ),
        Sector(
            "environment",
            "manufacturer",
            sells=("8421",),
            buys=("3915", "4707", "7204"),
            extra_scope=("3825",),
            words=(
                "очистного оборудования и вторсырья",
                "水处理设备和再生资源",
                "treatment equipment and recycling",
            ),
            activities=("manufacturer", "exporter", "importer"),
        ),
        Sector(
            "logistics",
            "logistics",
            sells=("8609",),  # forwarders trade the containers they ship in
            buys=("8609",),
            services=("logistics",),
            activities=("forwarder", "customs_broker", "warehouse"),
        ),
        Sector("finance", "financial", services=("trade-finance",), activities=("bank", "consulting")),
        Sector("education", "education", services=("education",), activities=("education",)),
        Sector("tourism", "service_provider", services=("culture-tourism",), activities=("consulting",)),
        Sector(
            "ecommerce", "service_provider", services=("ecommerce",), activities=("wholesaler", "consulting")
        ),
        Sector("association", "association", activities=("consulting",)),
        # The timber trade (a LATE_SECTORS pair): Russian and Belarusian sawmills sell sawn wood and
        # plywood, not logs (Russia has banned the export of unprocessed coniferous logs since 2022);
        # Chongqing's furniture and joinery makers import them.
        Sector(
            "timber",
            "manufacturer",
            sells=("4407", "4412"),
            buys=("8465",),
            words=("пиломатериалов и фанеры", "锯材和胶合板", "sawn timber and plywood"),
            activities=MAKER,
        ),
        Sector(
            "wood_products",
            "manufacturer",
            sells=("9403", "4418"),
            buys=("4407", "4412"),
            words=("мебели и столярных изделий", "家具和木制品", "furniture and joinery"),
            activities=("manufacturer", "importer"),
        ),
    ]
}

# Sectors that came after the demo's first plan: their organizations are planned after all the others,
# with a random generator of their own (``organizations.plan_organizations``), so that every name,
# lead, meeting and deal drawn before stays as it was; the B2B sessions' participants were chosen
# before they came (``events_b2b``).
LATE_SECTORS = ("timber", "wood_products")
# Sectors whose organizations of a country are all in one city (by UN/LOCODE), rather than one drawn
# at random: the furniture makers that import timber are Chongqing's.
SECTOR_CITY = {("wood_products", "CN"): "CNCKG"}

# The demo's organizations per country, by sector (the personas come on top of these).
COMPOSITION = {
    "CN": {
        "aluminium": 7, "food": 10, "textiles": 6, "motorcycles": 7, "auto_parts": 7, "electronics": 8,
        "machinery": 6, "fertilizer": 4, "pharma": 4, "mining": 4, "energy": 5, "logistics": 7,
        "finance": 3, "ecommerce": 4, "environment": 4, "education": 2, "tourism": 2, "wood_products": 3,
    },
    "RU": {
        "grain": 6, "aluminium": 4, "mining": 5, "fertilizer": 4, "energy": 3, "food": 3,
        "vehicle_dealers": 3, "electronics_dealers": 3, "machinery_dealers": 2, "logistics": 5,
        "finance": 2, "education": 2, "tourism": 1, "ecommerce": 1, "environment": 1, "timber": 3,
    },
    "KZ": {
        "grain": 8, "aluminium": 2, "mining": 5, "food": 2, "vehicle_dealers": 4, "electronics_dealers": 3,
        "machinery_dealers": 3, "energy": 2, "pharma": 1, "logistics": 4, "finance": 2, "education": 2,
        "tourism": 1, "environment": 1,
    },
    "UZ": {
        "cotton": 5, "fruit": 4, "food": 2, "fertilizer": 2, "vehicle_dealers": 3, "electronics_dealers": 2,
        "machinery_dealers": 1, "textiles": 1, "pharma": 1, "logistics": 2, "finance": 1, "education": 1,
    },
    "KG": {
        "vehicle_dealers": 3, "electronics_dealers": 2, "mining": 2, "fruit": 1, "logistics": 3,
        "finance": 1, "tourism": 2, "education": 1,
    },
    "BY": {"fertilizer": 6, "machinery": 2, "logistics": 3, "finance": 1, "education": 1, "environment": 1,
           "tourism": 1, "timber": 1},
    "TJ": {"fruit": 5, "cotton": 2, "food": 1, "vehicle_dealers": 1, "electronics_dealers": 1, "aluminium": 1,
           "logistics": 1},
    "IN": {"tea": 3, "pharma": 4, "rice": 2, "fertilizer": 2, "textiles": 2, "logistics": 1, "education": 1},
    "PK": {"rice": 5, "textiles": 3, "energy": 1, "logistics": 2, "finance": 1},
    "IR": {"fruit": 4, "food": 2, "energy": 2, "logistics": 1, "tourism": 1},
    "MN": {"mining": 3, "logistics": 1, "machinery_dealers": 1},
    "TR": {"textiles": 3, "logistics": 1, "food": 1},
    "AZ": {"energy": 1, "logistics": 2, "fruit": 1},
    "AE": {"food": 1, "logistics": 2, "finance": 1},
    "SA": {"food": 2, "finance": 1},
}  # fmt: skip

# Buyers and resellers of a producing sector: the fertiliser companies of China, India and Uzbekistan
# trade fertiliser, they do not make it; Kazakhstan's and Uzbekistan's pharma firms distribute medicines.
TYPE_BY_COUNTRY = {
    ("fertilizer", "CN"): "trader", ("fertilizer", "IN"): "trader", ("fertilizer", "UZ"): "trader",
    ("pharma", "KZ"): "trader", ("pharma", "UZ"): "trader", ("food", "SA"): "trader",
    ("food", "AE"): "trader", ("cotton", "TJ"): "trader",
}  # fmt: skip

# The personas' organizations and their sectors.
PERSONA_SECTORS = {"aigerim": "grain", "liwei": "food", "zhangmin": "aluminium", "dmitry": "logistics"}
