"""Demo of the import promotion zone: SCO offers to China for the showcase and Chongqing buyers'
requests for the demand signals, created through the trade actions (LeadForm, then ``create_lead``).

- Kazakh wheat, Uzbek raisins and dried apricots, Russian sawn pine and birch plywood, Belarusian
  sawn spruce, each naming China as destination, from organizations of those countries whose demo
  sector sells them (the first by id). No logs: Russia has banned the export of unprocessed
  coniferous logs since 2022, so its timber reaches China sawn or as plywood;
- buy requests of Chongqing organizations whose sector buys wheat, raisins, sawn wood or plywood,
  delivered in the next two quarters, several per product so that the demand page shows sums as well
  as a single buyer's range.

A row whose goods no demo organization trades that way is skipped (every lead stays within its
organization's sector). The requirements for those goods come with the reference data
(``scotemp/imports/data``). Titles are in the organization's language; quantities and prices are
invented but of a plausible order. Idempotent (a lead with the same organization and title is
skipped) and deterministic."""

import datetime

from django.db.models import Q
from django.utils import timezone

from scotemp.accounts.models import Membership, Organization
from scotemp.demo.organizations import sector_by_organization
from scotemp.demo.sectors import SECTORS
from scotemp.trade import actions
from scotemp.trade.forms import LeadForm, lead_values
from scotemp.trade.models import Lead

# (country, HS, title, language, quantity, unit, price USD per unit, Incoterms rule, place)
OFFERS = [
    (
        "KZ",
        "100199",
        "Пшеница мягкая 3 класса, 12,5% протеина",
        "ru",
        "20000",
        "TNE",
        "245",
        "FCA",
        "KZALA",
    ),
    ("UZ", "080620", "Изюм кишмиш узбекский, сорт «Сояки»", "ru", "300", "TNE", "1650", "FCA", "UZTAS"),
    ("UZ", "081310", "Курага сушёная, калибр 1–2", "ru", "120", "TNE", "2900", "FCA", "UZSKD"),
    (
        "RU",
        "440711",
        "Доска обрезная сосновая (ангарская сосна), сорт 1–3",
        "ru",
        "8000",
        "MTQ",
        "260",
        "FCA",
        "RUIKT",
    ),
    (
        "RU",
        "441233",
        "Фанера берёзовая ФК, 1525×1525 мм, сорт 2/4",
        "ru",
        "2000",
        "MTQ",
        "520",
        "FCA",
        "RUKJA",
    ),
    ("BY", "440712", "Пиломатериалы еловые обрезные, сорт 1–4", "ru", "5000", "MTQ", "210", "FCA", "BYMSQ"),
]
# (HS, title, quantity, unit, quarters from now, origins wanted)
REQUESTS = [
    ("1001", "求购哈萨克斯坦优质小麦，重庆交货", "12000", "TNE", 1, ["KZ"]),
    ("1001", "求购中亚小麦，年度合同", "8000", "TNE", 1, ["KZ", "RU"]),
    ("1001", "面粉厂求购硬质小麦", "5000", "TNE", 2, ["KZ"]),
    ("0806", "求购乌兹别克斯坦葡萄干", "60", "TNE", 1, ["UZ"]),
    ("0806", "食品厂求购无核葡萄干", "40", "TNE", 1, ["UZ", "TJ"]),
    ("4407", "求购俄罗斯樟子松板材", "3000", "MTQ", 2, ["RU"]),
    ("4407", "建材公司求购云杉锯材", "2000", "MTQ", 1, ["RU", "BY"]),
    ("4412", "家具厂求购桦木胶合板", "1500", "MTQ", 2, ["RU", "BY"]),
]


def _owner(org):
    membership = Membership.objects.filter(organization=org, role="owner").select_related("user").first()
    return membership.user if membership else None


def _organizations(country: str, kind: str, hs: str, city: str | None = None, count: int = 1) -> list:
    """The first ``count`` organizations of ``country`` (of ``city`` first) whose demo sector trades
    ``hs`` that way (offers what it sells, requests what it buys), each with an owner."""
    sectors = sector_by_organization()

    def trades(org) -> bool:
        key = sectors.get((org.country_id, org.name))
        sector = SECTORS.get(key) if key else None
        if sector is None or not sector.covers(hs):
            return False
        return sector.sells_code(hs) if kind == "sell" else sector.buys_code(hs)

    qs = Organization.objects.filter(country_id=country, memberships__role="owner").order_by("pk").distinct()
    found = [org for org in qs if trades(org)]
    if city:
        found = [org for org in found if org.city_id == city] or found
    return found[:count]


def _quarter_start(quarters_ahead: int, today: datetime.date) -> datetime.date:
    index = today.year * 4 + (today.month - 1) // 3 + quarters_ahead
    return datetime.date(index // 4, index % 4 * 3 + 1, 1)


def _create(org, data: dict) -> bool:
    title = data["title"]
    if Lead.objects.filter(
        Q(title_en=title) | Q(title_ru=title) | Q(title_zh_hans=title), organization=org
    ).exists():
        return False
    user = _owner(org)
    form = LeadForm(data)
    if user is None or not form.is_valid():
        return False
    actions.create_lead(user, org, lead_values(form), publish=True)
    return True


def seed_imports(log=None) -> dict:
    today = timezone.localdate()
    valid_until = (today + datetime.timedelta(days=150)).isoformat()
    created = {"showcase offers": 0, "demand requests": 0}
    for country, hs, title, language, quantity, unit, price, incoterm, place in OFFERS:
        for org in _organizations(country, "sell", hs):
            data = {
                "kind": "sell",
                "language": language,
                "title": title,
                "hs_code": hs,
                "quantity": quantity,
                "unit": unit,
                "price": price,
                "currency": "USD",
                "price_unit": unit,
                "incoterm": incoterm,
                "incoterm_place": place,
                "origin_country": country,
                "countries": ["CN"],
                "delivery_from": (today + datetime.timedelta(days=20)).isoformat(),
                "delivery_until": (today + datetime.timedelta(days=140)).isoformat(),
                "payment_terms": ["lc_sight"],
                "valid_until": valid_until,
            }
            created["showcase offers"] += _create(org, data)
    for i, (hs, title, quantity, unit, ahead, origins) in enumerate(REQUESTS):
        buyers = _organizations("CN", "buy", hs, city="CNCKG", count=3)
        if not buyers:
            continue
        org = buyers[i % len(buyers)]
        start = _quarter_start(ahead, today)
        data = {
            "kind": "buy",
            "language": "zh-hans",
            "title": title,
            "hs_code": hs,
            "quantity": quantity,
            "unit": unit,
            "price_on_request": True,
            "incoterm": "DAP",
            "incoterm_place": "CNCKG",
            "countries": origins,
            "delivery_from": (start + datetime.timedelta(days=14)).isoformat(),
            "delivery_until": (start + datetime.timedelta(days=75)).isoformat(),
            "payment_terms": ["lc_sight"],
            "valid_until": valid_until,
        }
        created["demand requests"] += _create(org, data)
    if log:
        log(
            f"Import zone: {created['showcase offers']} showcase offers, "
            f"{created['demand requests']} demand requests."
        )
    return created
