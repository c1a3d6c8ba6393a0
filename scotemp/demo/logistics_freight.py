"""Demo freight: lane rates, service offers and a freight quote request with quotes, all labelled as
demo data wherever shown (``is_demo``), like the demo exchange rates.

- Dmitry's forwarder in Novosibirsk (SibTransLogistic) and two more demo providers — a forwarder or
  carrier in Kazakhstan (Almaty preferred) and one in China (Chongqing preferred), picked
  deterministically by country, city and Latin name — publish lane rates on the corridors: Almaty →
  Chongqing (wheat in hopper wagons, 40′ containers), Chongqing → Duisburg (40′ by rail), Chongqing →
  Singapore via Qinzhou (rail–sea), Chongqing → Tashkent and Chongqing → Moscow;
- each publishes a service offer in its own language;
- Li Wei's importer asked the Almaty provider and Dmitry for a wheat train Almaty → Chongqing; both
  quoted and the Almaty quote is booked (Dmitry's marked not chosen).

The prices are invented but of a plausible order for 2025–2026 (not verified against any tariff);
they are shown with the "demo data" label. Everything goes through the actions; idempotent (a rate,
offer or request that exists is skipped) and deterministic. Lanes whose places are not in the
reference data loaded (e.g. Duisburg outside the SCO extract) are skipped.
"""

import datetime
from decimal import Decimal

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from scotemp.accounts.models import Membership, Organization
from scotemp.directory.models import OrganizationProfile, ProfileActivity
from scotemp.logistics.actions import freight as actions
from scotemp.logistics.models import FreightQuote, FreightRequest, LaneRate, ServiceOffer
from scotemp.reference.models import Currency, HSCode, Incoterm, Location

DMITRY = "dmitry@demo.scotemp.org"
LIWEI = "liwei@demo.scotemp.org"
REQUEST_GOODS = "三级食用小麦，整列漏斗车，阿拉木图—重庆"

# (origin, destination, mode, equipment, basis, price USD, days min, days max, conditions) per provider.
LANES = {
    "dmitry": [
        ("CNCKG", "RUMOW", "rail", "40GP", "container", "6800", 14, 18,
         "Демо-ставка. Ж/д Чунцин — Забайкальск — Москва, станция Белый Раст; СМГС-накладная."),
        ("CNCKG", "RUOVB", "rail", "40GP", "container", "5200", 10, 13,
         "Демо-ставка. Чунцин — Алашанькоу/Достык — Новосибирск (Клещиха)."),
        ("CNCKG", "DEDUI", "rail", "40GP", "container", "7500", 16, 20,
         "Демо-ставка. Китай — Европа через Достык и Брест/Малашевиче, ЦИМ/СМГС."),
        ("CNCKG", "UZTAS", "rail", "40GP", "container", "4600", 12, 15,
         "Демо-ставка. Через Хоргос, Алматы; перегруз на колею 1520 мм."),
    ],
    "almaty": [
        ("KZALA", "CNCKG", "rail", "wagon_hopper", "tonne", "61", 10, 14,
         "Демо-ставка. Пшеница в зерновозах через Алтынколь/Хоргос, перегруз на 1435 мм; "
         "фитосертификат отправителя."),
        ("KZALA", "CNCKG", "rail", "40GP", "container", "3900", 9, 12,
         "Демо-ставка. Контейнерный поезд Алматы — Хоргос — Чунцин."),
        ("CNCKG", "UZTAS", "rail", "40GP", "container", "4400", 11, 14,
         "Демо-ставка. Обратная загрузка через Хоргос и Алматы."),
    ],
    "chongqing": [
        ("CNCKG", "DEDUI", "rail", "40GP", "container", "7200", 15, 18,
         "演示运价。中欧班列（渝新欧），经阿拉山口—多斯特克—布列斯特/马拉舍维奇。"),
        ("CNCKG", "SGSIN", "sea", "40GP", "container", "1900", 10, 14,
         "演示运价。西部陆海新通道铁海联运：重庆铁路至钦州港，海运至新加坡。"),
        ("CNCKG", "RUMOW", "rail", "40GP", "container", "6600", 15, 18,
         "演示运价。经满洲里/后贝加尔斯克至莫斯科。"),
        ("CNCKG", "UZTAS", "rail", "40GP", "container", "4500", 12, 15,
         "演示运价。经霍尔果斯出境至塔什干。"),
    ],
}  # fmt: skip

OFFERS = {
    "dmitry": ("customs_brokerage", "ru", ["RU"], ["RUOVB", "RUMOW"],
               "Таможенное оформление импорта из Китая",
               "Декларирование, сертификаты и разрешения, склад временного хранения в Новосибирске. "
               "Демо-предложение."),
    "almaty": ("forwarding", "ru", ["KZ", "CN"], ["KZALA"],
               "Экспедирование зерна в Китай",
               "Зерновозы, перегруз на границе, фитосанитарный контроль, слежение за вагонами. "
               "Демо-предложение."),
    "chongqing": ("warehousing", "zh-hans", ["CN"], ["CNCKG"],
                  "重庆团结村集装箱中心站仓储与拼箱",
                  "中欧班列及西部陆海新通道货物仓储、拼箱、报关协助。演示服务。"),
}  # fmt: skip


def _owner(org):
    membership = Membership.objects.filter(organization=org).order_by("-role", "pk").select_related("user")
    membership = membership.filter(role="owner").first() or membership.first()
    return membership.user if membership else None


def _provider(country: str, city: str, exclude=()) -> Organization | None:
    ids = ProfileActivity.objects.filter(activity__in=("forwarder", "carrier")).values(
        "profile__organization_id"
    )
    return (
        Organization.objects.filter(pk__in=ids, country_id=country, memberships__isnull=False)
        .exclude(pk__in=[o.pk for o in exclude if o])
        .annotate(here=Case(When(city_id=city, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("here", "name_latin", "pk")
        .distinct()
        .first()
    )


def _ensure_forwarder(org):
    profile, _created = OrganizationProfile.objects.get_or_create(organization=org)
    ProfileActivity.objects.get_or_create(profile=profile, activity="forwarder")


def seed_logistics_freight(log=None) -> dict:
    log = log or (lambda message: None)
    created = {"lane rates": 0, "service offers": 0, "freight requests": 0}
    dmitry = Organization.objects.filter(memberships__user__email=DMITRY).first()
    liwei_user = Membership.objects.filter(user__email=LIWEI).select_related("user", "organization").first()
    if dmitry is None or liwei_user is None:
        log("Freight: demo personas missing, skipped.")
        return created
    _ensure_forwarder(dmitry)
    shipper = liwei_user.organization
    almaty = _provider("KZ", "KZALA", exclude=[dmitry, shipper])
    chongqing = _provider("CN", "CNCKG", exclude=[dmitry, shipper])
    providers = {"dmitry": dmitry, "almaty": almaty, "chongqing": chongqing}
    today = timezone.localdate()
    usd = Currency.objects.get(code="USD")
    for key, org in providers.items():
        user = _owner(org) if org else None
        if user is None:
            log(f"Freight: no demo provider for {key}, skipped.")
            continue
        for origin, destination, mode, equipment, basis, price, low, high, conditions in LANES[key]:
            places = {p.pk: p for p in Location.objects.filter(pk__in=[origin, destination])}
            if len(places) < 2:
                continue
            lane = {"origin_id": origin, "destination_id": destination, "equipment": equipment}
            if LaneRate.objects.filter(provider=org, **lane, is_demo=True).exists():
                continue
            rate = actions.publish_lane_rate(
                user,
                org,
                {
                    "origin": places[origin],
                    "destination": places[destination],
                    "mode": mode,
                    "equipment": equipment,
                    "basis": basis,
                    "price": Decimal(price),
                    "currency": usd,
                    "transit_days_min": low,
                    "transit_days_max": high,
                    "valid_from": today,
                    "valid_until": today + datetime.timedelta(days=90),
                    "conditions": conditions,
                },
            )
            LaneRate.objects.filter(pk=rate.pk).update(is_demo=True)
            created["lane rates"] += 1
        kind, language, countries, place_codes, title, description = OFFERS[key]
        if not ServiceOffer.objects.filter(provider=org, kind=kind, is_demo=True).exists():
            offer = actions.publish_service_offer(
                user,
                org,
                {"kind": kind, "title": title, "description": description, "language": language},
                countries=countries,
                places=list(Location.objects.filter(pk__in=place_codes)),
            )
            ServiceOffer.objects.filter(pk=offer.pk).update(is_demo=True)
            created["service offers"] += 1
    if almaty is not None and _seed_request(liwei_user.user, shipper, almaty, dmitry, today):
        created["freight requests"] += 1
    log(
        "Freight: created {lane rates} lane rates, {service offers} service offers, "
        "{freight requests} freight requests (demo data).".format(**created)
    )
    return created


def _seed_request(user, shipper, almaty, dmitry, today) -> bool:
    if FreightRequest.objects.filter(shipper=shipper, goods=REQUEST_GOODS).exists():
        return False
    places = {p.pk: p for p in Location.objects.filter(pk__in=["KZALA", "CNCKG"])}
    request = actions.send_freight_request(
        user,
        shipper,
        {
            "origin": places["KZALA"],
            "destination": places["CNCKG"],
            "goods": REQUEST_GOODS,
            "hs_code": HSCode.objects.filter(code="100199").first(),
            "weight_kg": Decimal("1300000"),
            "volume_m3": None,
            "equipment": "wagon_hopper",
            "units": 20,
            "ready_date": today + datetime.timedelta(days=21),
            "incoterm": Incoterm.objects.filter(code="FCA").first(),
            "notes": "20节漏斗车，约1300吨，FCA阿拉木图站。请报含换装费用的全程运价。",
        },
        [almaty.public_id, dmitry.public_id],
    )
    usd = Currency.objects.get(code="USD")
    quotes = []
    for provider, price, basis, low, high, conditions in (
        (almaty, "60", "tonne", 10, 13, "Демо-предложение. Включая перегруз в Алтынколе, без охраны."),
        (dmitry, "3950", "wagon", 12, 16, "Демо-предложение. Через Достык — Алашанькоу, перегруз включён."),
    ):
        inquiry = request.inquiries.get(provider=provider)
        quote = actions.send_freight_quote(
            _owner(provider),
            inquiry,
            {
                "price": Decimal(price),
                "currency": usd,
                "basis": basis,
                "transit_days_min": low,
                "transit_days_max": high,
                "valid_until": today + datetime.timedelta(days=14),
                "conditions": conditions,
            },
        )
        quotes.append(quote)
    FreightQuote.objects.filter(pk__in=[q.pk for q in quotes]).update(is_demo=True)
    actions.book_freight_quote(user, quotes[0])
    return True
