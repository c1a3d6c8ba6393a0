"""The demo deals as data: who buys what from whom, in which currency, and how far each deal got."""

import datetime
from zoneinfo import ZoneInfo

from scotemp.deals.choices import DealStatus
from scotemp.demo.personas import PERSONAS

LOCAL = ZoneInfo("Asia/Shanghai")
PERSONA_ORGS = {p["key"]: (p["org"]["name"], p["org"]["country"]) for p in PERSONAS if p.get("org")}
D = datetime.date

# Parties: ("persona", key) or (country, index among that country's demo organizations whose sector
# sells the goods, or buys them for the buyer).
# Days are the day of agreement (the report's day); steps after it follow at fixed distances.
DEALS = [
    dict(buyer=("persona", "liwei"), seller=("persona", "aigerim"), until=DealStatus.COMPLETED,
         goods="三级食用小麦，蛋白质12.5%", hs="100199", unit="TNE", qty="3000", price="236", cur="USD",
         place=("DAP", "CNAKL"), day=D(2026, 2, 16)),
    dict(buyer=("CN", 0), seller=("BY", 0), until=DealStatus.COMPLETED,
         goods="氯化钾（钾肥，K2O 60%）", hs="310420", unit="TNE", qty="5000", price="285", cur="USD",
         place=("DAP", "CNMLX"), day=D(2026, 3, 18)),
    dict(buyer=("CN", 1), seller=("UZ", 0), until=DealStatus.COMPLETED,
         goods="乌兹别克斯坦原棉，中级", hs="520100", unit="TNE", qty="400", price="12600", cur="CNY",
         place=("CPT", "CNURC"), day=D(2026, 4, 22)),
    dict(buyer=("CN", 2), seller=("RU", 0), until=DealStatus.COMPLETED,
         goods="原铝锭 A7（Al 99.7%）", hs="760110", unit="TNE", qty="1000", price="2380", cur="USD",
         place=("DAP", "CNMLX"), day=D(2026, 5, 6)),
    dict(buyer=("CN", 3), seller=("KZ", 0), until=DealStatus.CANCELLED,
         goods="饲料大麦", hs="100390", unit="TNE", qty="2000", price="205", cur="USD",
         place=("DAP", "CNHRS"), day=D(2026, 5, 19),
         cancel_reason="买方未能按期取得进口配额，双方同意取消合同。", ask_operator=True),
    dict(buyer=("KZ", 1), seller=("CN", 4), until=DealStatus.COMPLETED,
         goods="Мотоциклы 150 куб. см, комплектация CKD", hs="871120", unit="C62", qty="400", price="690",
         cur="USD", place=("DAP", "KZALA"), day=D(2026, 6, 10)),
    dict(buyer=("CN", 5), seller=("TJ", 0), until=DealStatus.IN_FULFILMENT,
         goods="塔吉克斯坦杏干，一级", hs="081310", unit="TNE", qty="60", price="2450", cur="USD",
         place=("CPT", "CNURC"), day=D(2026, 7, 14)),
    dict(buyer=("UZ", 1), seller=("BY", 1), until=DealStatus.COMPLETED,
         goods="Удобрение NPK 16-16-16", hs="310520", unit="TNE", qty="2000", price="345", cur="USD",
         place=("DAP", "UZTAS"), day=D(2026, 8, 5)),
    dict(buyer=("persona", "liwei"), seller=("persona", "aigerim"), until=DealStatus.IN_FULFILMENT,
         goods="四级软质小麦", hs="100199", unit="TNE", qty="2500", price="1720", cur="CNY",
         place=("DAP", "CNHRS"), day=D(2026, 9, 8),
         messages=[("seller", "Первые 50 вагонов отгружены со ст. Алтынколь, документы приложены к счёту."),
                   ("buyer", "收到，谢谢。请告知预计到达霍尔果斯的日期。")]),
    dict(buyer=("RU", 1), seller=("KZ", 2), until=DealStatus.COMPLETED,
         goods="Ячмень пивоваренный, урожай 2026", hs="100390", unit="TNE", qty="1500", price="19500",
         cur="RUB", place=("FCA", "KZAST"), day=D(2026, 10, 2)),
    dict(buyer=("persona", "zhangmin"), seller=("RU", 2), until=DealStatus.CONTRACT_SIGNED,
         goods="A7铝锭集中采购（会员企业）", hs="760110", unit="TNE", qty="500", price="2450", cur="USD",
         place=("DAP", "CNCKG"), day=D(2026, 10, 20), buyer_counter="2410"),
    dict(buyer=("persona", "dmitry"), seller=("CN", 6), until=DealStatus.AGREED,
         goods="Контейнеры 40 футов (40HC), новые", hs="860900", unit="C62", qty="60", price="3150",
         cur="USD", place=("FCA", "CNCKG"), day=D(2026, 11, 16), seller_signed=True),
    dict(buyer=("persona", "liwei"), seller=("persona", "aigerim"), until=DealStatus.NEGOTIATING,
         goods="饲料大麦，2027年一季度交货", hs="100390", unit="TNE", qty="1000", price="198", cur="USD",
         place=("DAP", "CNHRS"), day=D(2026, 11, 20), seller_counter="205"),
]  # fmt: skip

# The open RFQ: Li Wei asks three grain sellers; quotations in three currencies, Aigerim's revised.
OPEN_RFQ = dict(
    buyer=("persona", "liwei"),
    goods="三级食用小麦，2027年一季度交货",
    hs="100199", unit="TNE", qty="5000", target="1700", cur="CNY", place=("DAP", "CNAKL"),
    day=D(2026, 11, 18),
    quotes=[
        (("persona", "aigerim"), [("241", "USD"), ("237", "USD")]),
        (("KZ", 3), [("1710", "CNY")]),
        (("RU", 3), [("20800", "RUB")]),
    ],
    messages=[
        ("buyer", "请问蛋白质和湿面筋含量能保证多少？是否可以提供第三方检验证书？"),
        ("seller", "Протеин не ниже 12,5%, клейковина 23%. Сертификат SGS предоставим, цену пересмотрели."),
        ("buyer", "好的，我们本周内确认。"),
    ],
)  # fmt: skip
WAITING = dict(
    buyer=("persona", "liwei"), seller=("persona", "aigerim"), goods="啤酒大麦，蛋白质≤11.5%",
    hs="100390", unit="TNE", qty="800", target="215", cur="USD", place=("DAP", "CNHRS"), day=D(2026, 11, 24),
)  # fmt: skip
DECLINED = dict(
    buyer=("persona", "liwei"), seller=("UZ", 2), goods="乌兹别克斯坦杏干，去核",
    hs="081310", unit="TNE", qty="40", target="2300", cur="USD", place=("CPT", "CNCKG"), day=D(2026, 10, 27),
    reason="Урожай этого года уже законтрактован; предложим цену на новый урожай в июле.",
)  # fmt: skip

# Distances from the day of agreement to each step of a deal.
STEP_DAYS = {
    "rfq": -18,
    "quote": -14,
    "opened": -9,
    "terms_proposed": -6,
    "terms_decided": -5,
    "agree": 0,
    "sign": 6,
    "start_fulfilment": 20,
    "complete": 50,
    "cancel": 14,
}
FORWARD = ["agree", "sign", "start_fulfilment", "complete"]
BUYER_STEPS = {"agree", "complete", "cancel"}
BOTH_SIDES = {"agree", "sign"}  # each side confirms; the buyer's side goes first for "agree"
# The signed contract a demo seller uploads with its confirmation (a minimal, valid PDF).
SIGNED_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
# Aigerim's offer on Li Wei's published wheat buy request.
OFFER = dict(
    buyer=("persona", "liwei"), seller=("persona", "aigerim"), hs_heading="1001",
    goods="Пшеница мягкая 3 класса, протеин 12,5%, урожай 2026", price="239", cur="USD",
    message="Готовы отгрузить первую партию в январе, сертификат SGS предоставим.", day=D(2026, 11, 27),
)  # fmt: skip
