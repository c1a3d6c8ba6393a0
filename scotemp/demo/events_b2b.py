"""Demo B2B meetings, through the actions (audit rows, notifications and holds are real):

- the B2B session of the "China–SCO Digital Economy Forum 2026" (``events_keys.forum_event``): about
  60 participants from 8 countries with profiles from their sector (HS headings sold and sought,
  working languages of their country), 16 slots of 20 minutes over the two days, 20 tables, four
  interpreters across three language pairs (zh–ru, zh–en, ru–en), requests accepted, pending and
  declined, and a few meetings the participants booked themselves. Li Wei (Chinese only) and Aigerim
  (Russian, Kazakh) have an accepted "must meet" request, left for the organizer's scheduler, which
  gives them a zh–ru interpreter. The schedule itself is not computed here (the scheduler's demo
  step does it afterwards); the session is left in "requests closed";
- the committee's past "SCO Agricultural Supply Chain B2B Session 2026": meetings held in a final
  schedule, with both sides' outcomes; some became RFQs (sent through the deals actions, linked to
  the outcome) and one a signed cooperation agreement.

Idempotent: a session that already has participants is left as it is. Deterministic: organizations
are taken in a fixed order and choices come from a seeded random generator."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from scotemp.accounts.models import Membership, Organization
from scotemp.committees.models import Committee
from scotemp.demo.events_keys import forum_event
from scotemp.demo.organizations import sector_by_organization
from scotemp.demo.personas import PERSONAS
from scotemp.demo.sectors import LATE_SECTORS, SECTORS
from scotemp.events.actions import b2b as actions
from scotemp.events.choices import (
    AttendeeType,
    B2BPhase,
    EventKind,
    EventStatus,
    Outcome,
    Priority,
    RegistrationStatus,
)
from scotemp.events.models import B2BSession, Event, Participant, Registration
from scotemp.reference.models import Currency, HSCode, Incoterm, Location, Unit

PAST_TITLE_EN = "SCO Agricultural Supply Chain B2B Session 2026"
COUNTRIES = ("CN", "RU", "KZ", "UZ", "KG", "BY", "IN", "PK")
PER_COUNTRY = {"CN": 14, "RU": 9, "KZ": 9, "UZ": 7, "KG": 5, "BY": 5, "IN": 5, "PK": 4}
LANGUAGES = {
    "CN": ["zh"],
    "RU": ["ru"],
    "KZ": ["ru", "kk"],
    "UZ": ["ru", "uz"],
    "KG": ["ru", "ky"],
    "BY": ["ru", "be"],
    "IN": ["en", "hi"],
    "PK": ["en", "ur"],
}
ZONES = {
    "CN": "Asia/Shanghai",
    "RU": "Europe/Moscow",
    "KZ": "Asia/Almaty",
    "UZ": "Asia/Tashkent",
    "KG": "Asia/Bishkek",
    "BY": "Europe/Minsk",
    "IN": "Asia/Kolkata",
    "PK": "Asia/Karachi",
}
TRADING = {"manufacturer", "trader"}


def _operator():
    return get_user_model().objects.filter(is_operator=True).order_by("pk").first()


def _persona(key: str):
    persona = next(p for p in PERSONAS if p["key"] == key)
    org = Organization.objects.filter(
        name=persona["org"]["name"], country_id=persona["org"]["country"]
    ).first()
    if org is None:
        return None, None
    user = Membership.objects.filter(organization=org, user__email=persona["email"]).first()
    return (user.user if user else None), org


def _owner(org):
    membership = (
        Membership.objects.filter(organization=org).order_by("-role", "pk").select_related("user").first()
    )
    return membership.user if membership else None


def _candidates(sectors_wanted=None):
    """(country, org, user, sector) of demo trading organizations, country by country, by Latin name."""
    by_name = sector_by_organization()
    persona_names = {p["org"]["name"] for p in PERSONAS if p.get("org")}
    out = {c: [] for c in COUNTRIES}
    orgs = Organization.objects.filter(country_id__in=COUNTRIES).exclude(name__in=persona_names)
    for org in orgs.order_by("country_id", "name_latin", "pk"):
        key = by_name.get((org.country_id, org.name))
        sector = SECTORS.get(key) if key else None
        if sector is None or sector.type not in TRADING or not (sector.sells or sector.buys):
            continue
        if key in LATE_SECTORS:  # came after the sessions' participants were chosen
            continue
        if sectors_wanted and key not in sectors_wanted:
            continue
        out[org.country_id].append((org, sector))
    return out


def _register(event, user, org, attendee_type, language):
    registration, _created = Registration.objects.get_or_create(
        event=event,
        user=user,
        defaults={
            "organization": org,
            "attendee_type": attendee_type,
            "status": RegistrationStatus.CONFIRMED,
            "language": language,
        },
    )
    if registration.status != RegistrationStatus.CONFIRMED or registration.organization_id is None:
        Registration.objects.filter(pk=registration.pk).update(
            status=RegistrationStatus.CONFIRMED, organization=org
        )
        registration.refresh_from_db()
    return registration


def _join(session, user, org, sector, country, offers="", seeks=""):
    if Participant.objects.filter(session=session, organization=org).exists():
        return Participant.objects.get(session=session, organization=org)
    language = {"zh": "zh-hans", "ru": "ru"}.get(LANGUAGES[country][0], "en")
    attendee = AttendeeType.SELLER if sector.sells else AttendeeType.BUYER
    registration = _register(session.event, user, org, attendee, language)
    return actions.join_session(
        user,
        session,
        registration,
        {
            "offers": offers,
            "seeks": seeks,
            "offer_hs": list(sector.sells[:3]),
            "seek_hs": list(sector.buys[:3]),
            "languages": LANGUAGES[country],
            "time_zone": ZONES[country],
        },
    )


def _complements(a: Participant, b: Participant) -> bool:
    return any(x[:4] == y[:4] for x in a.offer_hs for y in b.seek_hs) or any(
        x[:4] == y[:4] for x in b.offer_hs for y in a.seek_hs
    )


def _session(event, organizer, slot_ranges, tables, interpreters, cap=8):
    session = B2BSession.objects.filter(event=event).first()
    if session is None:
        session = actions.create_session(organizer, event, slot_minutes=20, meeting_cap=cap, request_cap=20)
    if not session.slots.exists():
        for start, end in slot_ranges:
            actions.add_slots(organizer, session, start, end, 20)
    if not session.tables.exists():
        actions.add_tables(organizer, session, labels=[f"B2B-{i:02d}" for i in range(1, tables + 1)])
    if not session.interpreters.exists():
        for name, pairs in interpreters:
            actions.add_interpreter(organizer, session, name, pairs)
    return session


# ---- the forum -------------------------------------------------------------------------------------


def seed_forum_b2b(rng, log) -> dict:
    event = forum_event()
    organizer = _operator()
    session = B2BSession.objects.filter(event=event).first()
    if session is not None and session.participants.exists():
        return {}
    local = event.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=8)))
    day1 = local.replace(hour=14, minute=0)
    day2 = (local + datetime.timedelta(days=1)).replace(hour=9, minute=0)
    ranges = [(day1, day1 + datetime.timedelta(minutes=160)), (day2, day2 + datetime.timedelta(minutes=160))]
    interpreters = [
        ("王丽娜 / Ван Лина", ["zh-ru"]),
        ("Сергей Ли / 李谢尔盖", ["zh-ru"]),
        ("陈敏 / Chen Min", ["zh-en"]),
        ("Анна Смит / Anna Smith", ["en-ru"]),
    ]
    session = _session(event, organizer, ranges, 20, interpreters)
    actions.set_phase(organizer, session, B2BPhase.REQUESTS_OPEN)

    participants = []
    li_user, li_org = _persona("liwei")
    ai_user, ai_org = _persona("aigerim")
    li = ai = None
    if li_user and li_org:
        li = _join(session, li_user, li_org, SECTORS["food"], "CN", "粮油食品加工与分销", "小麦、大麦、油籽")
        participants.append((li_user, li))
    if ai_user and ai_org:
        ai = _join(
            session, ai_user, ai_org, SECTORS["grain"], "KZ", "Пшеница, ячмень, масличные", "Удобрения"
        )
        participants.append((ai_user, ai))
    candidates = _candidates()
    for country in COUNTRIES:
        for org, sector in candidates[country][: PER_COUNTRY[country]]:
            user = _owner(org)
            if user is None:
                continue
            participants.append((user, _join(session, user, org, sector, country)))
    log(f"  B2B forum: {len(participants)} participants")

    requests = []
    if li and ai:
        must = actions.send_request(li_user, li, ai, Priority.MUST, "希望洽谈小麦长期供货。")
        requests.append((must, "accept"))
    users = {p.pk: u for u, p in participants}
    for user, me in participants:
        others = [p for _u, p in participants if p.pk != me.pk and p.organization_id != me.organization_id]
        matching = [p for p in others if _complements(me, p)]
        rng.shuffle(matching)
        for other in matching[:3]:
            try:
                priority = Priority.MUST if rng.random() < 0.3 else Priority.WOULD_LIKE
                request = actions.send_request(user, me, other, priority)
            except Exception:  # an opposite request exists, a cap: skip, as a participant would
                continue
            roll = rng.random()
            requests.append((request, "accept" if roll < 0.65 else ("decline" if roll < 0.8 else "pending")))
    accepted = []
    for request, answer in requests:
        if answer == "pending":
            continue
        recipient_user = users[request.recipient_id]
        actions.answer_request(recipient_user, request, answer == "accept")
        if answer == "accept":
            accepted.append(request)
    # A few meetings booked by the participants themselves (never Li Wei and Aigerim's).
    booked = 0
    for request in accepted[1:]:
        if booked >= 6:
            break
        request.refresh_from_db()
        free = actions.free_common_slots(request)
        if free:
            actions.book_meeting(users[request.requester_id], request, free[len(free) // 2])
            booked += 1
    actions.set_phase(organizer, session, B2BPhase.REQUESTS_CLOSED)
    log(f"  B2B forum: {len(requests)} requests, {len(accepted)} accepted, {booked} booked by participants")
    return {"B2B participants": len(participants), "meeting requests": len(requests)}


# ---- the past committee session --------------------------------------------------------------------


def _past_event():
    committee = Committee.objects.filter(slug="agri-supply-chain").first()
    start = (timezone.now() - datetime.timedelta(days=45)).replace(hour=1, minute=0, second=0, microsecond=0)
    event, _created = Event.objects.get_or_create(
        title_en=PAST_TITLE_EN,
        defaults={
            "title": PAST_TITLE_EN,
            "title_zh_hans": "2026上合组织农业供应链B2B洽谈会",
            "title_ru": "B2B-сессия ШОС по агропродовольственным цепочкам поставок 2026",
            "kind": EventKind.B2B,
            "status": EventStatus.PUBLISHED,
            "committee": committee,
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=8),
            "time_zone": "Asia/Shanghai",
            "venue": "重庆国际博览中心 / Chongqing International Expo Center",
        },
    )
    return event


def _rfq_values(hs: str, goods: str, qty: str, place: str = "CNCKG") -> dict:
    return {
        "goods": goods,
        "hs_code": HSCode.objects.get(code=hs),
        "quantity": Decimal(qty),
        "unit": Unit.objects.get(code="TNE"),
        "target_price": None,
        "currency": Currency.objects.get(code="USD"),
        "incoterm": Incoterm.objects.get(code="CPT"),
        "incoterm_place": Location.objects.get(locode=place),
        "delivery_from": None,
        "delivery_until": None,
        "questions": "",
        "respond_by": None,
    }


def seed_past_session(rng, log) -> dict:
    event = _past_event()
    session = B2BSession.objects.filter(event=event).first()
    if session is not None and session.participants.exists():
        return {}
    organizer = (
        event.committee.secretary if event.committee and event.committee.secretary_id else None
    ) or _operator()
    local = event.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=8)))
    start = local.replace(hour=13, minute=0)
    session = _session(
        event,
        organizer,
        [(start, start + datetime.timedelta(minutes=160))],
        8,
        [("王丽娜 / Ван Лина", ["zh-ru"]), ("陈敏 / Chen Min", ["zh-en"])],
        cap=6,
    )
    actions.set_phase(organizer, session, B2BPhase.REQUESTS_OPEN)
    people = []
    li_user, li_org = _persona("liwei")
    ai_user, ai_org = _persona("aigerim")
    if li_user and li_org:
        people.append((li_user, _join(session, li_user, li_org, SECTORS["food"], "CN", "粮油食品", "小麦")))
    if ai_user and ai_org:
        people.append(
            (ai_user, _join(session, ai_user, ai_org, SECTORS["grain"], "KZ", "Пшеница", "Удобрения"))
        )
    agri = _candidates({"grain", "food", "fruit", "fertilizer", "rice", "tea"})
    for country in ("CN", "RU", "KZ", "UZ", "KG"):
        for org, sector in agri[country][:2]:
            user = _owner(org)
            if user:
                people.append((user, _join(session, user, org, sector, country)))
    pairs = []
    if len(people) >= 2 and li_user and ai_user:
        pairs.append((people[0], people[1]))  # Li Wei meets Aigerim: their RFQ for wheat
    others = people[2:]
    for i in range(0, len(others) - 1, 2):
        pairs.append((others[i], others[i + 1]))
    if li_user:
        pairs += [(people[0], other) for other in others[:3]]
    slots = list(session.slots.all())
    meetings = []
    for (au, a), (bu, b) in pairs:
        try:
            request = actions.send_request(au, a, b, Priority.MUST if not meetings else Priority.WOULD_LIKE)
            actions.answer_request(bu, request, True)
        except Exception:
            continue
        for slot in slots:
            try:
                meetings.append((actions.place_meeting(organizer, request, slot), au, bu))
                break
            except Exception:
                continue
    actions.set_phase(organizer, session, B2BPhase.FINAL)
    rfqs = agreements = 0
    for index, (meeting, au, bu) in enumerate(meetings):
        a, b = meeting.request.requester, meeting.request.recipient
        if index == 0:  # Li Wei asks Aigerim for a quotation: the RFQ shows where it came from
            actions.record_outcome(
                au,
                meeting,
                Outcome.RFQ,
                "500 t milling wheat, CPT Chongqing",
                rfq_values=_rfq_values("100199", "Milling wheat, 3rd class", "500"),
            )
            actions.record_outcome(bu, meeting, Outcome.FOLLOW_UP, "Отправим предложение до конца недели.")
            rfqs += 1
        elif index == 1:
            actions.record_outcome(
                au, meeting, Outcome.AGREEMENT, "Cooperation agreement signed at the session."
            )
            actions.record_outcome(bu, meeting, Outcome.AGREEMENT, "Соглашение о сотрудничестве подписано.")
            agreements += 1
        elif index % 3 == 2 and b.offer_hs:
            hs = b.offer_hs[0]
            code = (
                HSCode.objects.filter(code__startswith=hs, level=6).order_by("code").first()
                or HSCode.objects.filter(code=hs).first()
            )
            try:
                actions.record_outcome(
                    au, meeting, Outcome.RFQ, "", rfq_values=_rfq_values(code.code, f"HS {code.code}", "100")
                )
                rfqs += 1
            except Exception:
                actions.record_outcome(au, meeting, Outcome.FOLLOW_UP, "")
            actions.record_outcome(bu, meeting, Outcome.FOLLOW_UP, "")
        else:
            actions.record_outcome(au, meeting, rng.choice([Outcome.FOLLOW_UP, Outcome.NO_INTEREST]), "")
    log(f"  B2B past session: {len(meetings)} meetings held, {rfqs} RFQs, {agreements} agreement")
    return {"past B2B meetings": len(meetings), "RFQs from meetings": rfqs}


def seed_events_b2b(log=print) -> dict:
    rng = random.Random(2026)
    created = {}
    created.update(seed_forum_b2b(rng, log))
    created.update(seed_past_session(rng, log))
    return created
