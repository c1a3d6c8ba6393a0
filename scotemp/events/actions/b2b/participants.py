"""A registered attendee joins the B2B session, describes what their organization offers and seeks
(HS codes, countries, free text, working languages, time zone) and marks the slots when they are free.
Profiles change in any phase before the final schedule."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from scotemp.core.effects import announce
from scotemp.core.permissions import is_member
from scotemp.reference.models import Country, HSCode

from ...choices import B2BPhase, RegistrationStatus
from ...models import Participant
from ...models.events import validate_time_zone
from .common import check_phase, conflict, refuse, require_member
from .sessions import LANGUAGE_CODES

JOIN_PHASES = (B2BPhase.PROFILE, B2BPhase.REQUESTS_OPEN, B2BPhase.REQUESTS_CLOSED)
PROFILE_PHASES = (B2BPhase.PROFILE, B2BPhase.REQUESTS_OPEN, B2BPhase.REQUESTS_CLOSED, B2BPhase.PROVISIONAL)
MAX_CODES = 30
TEXT_MAX = 2000


def join_session(user, session, registration, values: dict | None = None) -> Participant:
    """Join ``session`` from ``registration`` (the caller's own, confirmed, for an organization they
    belong to); one participant per organization."""
    check_phase(
        session, JOIN_PHASES, "phase", _("The B2B session no longer takes participants (phase: %(phase)s).")
    )
    if registration.event_id != session.event_id or registration.user_id != user.pk:
        raise refuse("registration", _("Join with your own registration for this event."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise refuse(
            "registration", _("Your registration must be confirmed before you join the B2B meetings.")
        )
    if registration.organization_id is None or not is_member(user, registration.organization_id):
        raise refuse("registration", _("Register for your organization to take part in B2B meetings."))
    if Participant.objects.filter(session=session, organization_id=registration.organization_id).exists():
        raise conflict(_("Your organization already takes part in this B2B session."))
    cleaned = clean_profile(values or {}, default_language=registration.language or user.language)
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                session=session,
                registration=registration,
                organization_id=registration.organization_id,
                **cleaned,
            )
            announce(
                "b2b_participant.joined",
                subject=participant,
                actor=user,
                organization=registration.organization_id,
            )
    except IntegrityError:
        raise conflict(_("Your organization already takes part in this B2B session.")) from None
    return participant


def _language(code: str) -> str:
    return {"zh-hans": "zh"}.get(code, code or "en")


def clean_profile(values: dict, default_language: str = "") -> dict:
    """The profile fields from ``values``, each checked; refused naming the field."""
    out = {}
    for field, label in (("offers", _("What we offer")), ("seeks", _("What we seek"))):
        if field in values:
            text = (values.get(field) or "").strip()
            if len(text) > TEXT_MAX or "\x00" in text:
                raise refuse(
                    field, _("%(field)s: at most %(max)d characters.") % {"field": label, "max": TEXT_MAX}
                )
            out[field] = text
    for field, label in (("offer_hs", _("HS codes offered")), ("seek_hs", _("HS codes sought"))):
        if field in values:
            out[field] = _hs_codes(field, label, values.get(field) or [])
    if "countries" in values:
        codes = sorted({str(c).strip().upper() for c in values.get("countries") or [] if str(c).strip()})
        known = set(Country.objects.filter(iso2__in=codes).values_list("iso2", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise refuse(
                "countries",
                _("Countries of interest: %(codes)s is not an ISO 3166 country code.")
                % {"codes": ", ".join(unknown[:5])},
            )
        out["countries"] = codes
    if "languages" in values or default_language:
        languages = values.get("languages")
        if languages is None:
            languages = [_language(default_language)]
        codes = list(dict.fromkeys(str(c).strip().lower() for c in languages if str(c).strip()))
        bad = [c for c in codes if c not in LANGUAGE_CODES]
        if bad or not codes:
            raise refuse(
                "languages",
                _("Working languages: ISO 639-1 codes such as zh, ru, en (at least one).")
                if not bad
                else _("Working languages: “%(code)s” is not a language code we know.")
                % {"code": bad[0][:10]},
            )
        out["languages"] = codes
    if "time_zone" in values:
        zone = (values.get("time_zone") or "").strip()
        if zone:
            try:
                validate_time_zone(zone)
            except Exception:
                raise refuse("time_zone", _("Time zone: an IANA name such as Asia/Almaty.")) from None
        out["time_zone"] = zone
    return out


def _hs_codes(field, label, codes) -> list[str]:
    codes = list(dict.fromkeys(str(c).strip().replace(".", "") for c in codes if str(c).strip()))
    if len(codes) > MAX_CODES:
        raise refuse(field, _("%(field)s: at most %(max)d codes.") % {"field": label, "max": MAX_CODES})
    known = set(HSCode.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise refuse(
            field,
            _("%(field)s: %(code)s is not an HS code (2, 4 or 6 digits of HS 2022).")
            % {"field": label, "code": unknown[0][:10]},
        )
    return codes


def update_profile(user, participant, values: dict) -> Participant:
    require_member(user, participant)
    session = participant.session
    check_phase(session, PROFILE_PHASES, "phase", _("Profiles can no longer change (phase: %(phase)s)."))
    cleaned = clean_profile(values)
    with transaction.atomic():
        for field, value in cleaned.items():
            setattr(participant, field, value)
        participant.save()
        announce(
            "b2b_participant.profile",
            subject=participant,
            actor=user,
            organization=participant.organization_id,
            data={"fields": sorted(cleaned)},
        )
    return participant


def set_availability(user, participant, slot_ids) -> list[int]:
    """Mark the slots (ids of the session's slots) when the participant is free; an empty list
    means free in every slot. A slot not of this session is refused."""
    require_member(user, participant)
    session = participant.session
    check_phase(session, PROFILE_PHASES, "slots", _("Availability can no longer change (phase: %(phase)s)."))
    wanted = {int(s) for s in slot_ids}
    slots = list(session.slots.filter(pk__in=wanted))
    if len(slots) != len(wanted):
        raise refuse("slots", _("Free slots: choose among this session's time slots."))
    with transaction.atomic():
        participant.available_slots.set(slots)
        announce(
            "b2b_participant.availability",
            subject=participant,
            actor=user,
            organization=participant.organization_id,
            data={"slots": sorted(wanted)},
        )
    return sorted(wanted)
