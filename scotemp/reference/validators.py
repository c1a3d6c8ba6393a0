"""Validators for codes users type: HS codes, Incoterms 2020, currencies, units.

Each raises ``django.core.exceptions.ValidationError`` with a translated message naming the rule
and a stable ``code`` (``hs_not_digits``, ``incoterm_withdrawn`` …) that API clients can rely on.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import TransportMode
from .models import Currency, HSCode, Incoterm, Location, RetiredIncoterm, Unit


def validate_hs_code(code, levels=(4, 6)) -> HSCode:
    """Check an HS 2022 code: digits only, an allowed length, present in the nomenclature."""
    code = (code or "").strip().replace(".", "").replace(" ", "")
    allowed = _(" or ").join(str(level) for level in levels)
    if not code.isdigit():
        raise ValidationError(
            _("HS code “%(code)s”: use digits only (for example 1001 or 100199)."),
            code="hs_not_digits",
            params={"code": code},
        )
    if len(code) not in levels:
        raise ValidationError(
            _("HS code “%(code)s” has %(length)d digits; use %(allowed)s digits."),
            code="hs_length",
            params={"code": code, "length": len(code), "allowed": allowed},
        )
    hs = HSCode.objects.filter(code=code).first()
    if hs is None:
        raise ValidationError(
            _("HS code “%(code)s” does not exist in the HS 2022 nomenclature."),
            code="hs_unknown",
            params={"code": code},
        )
    return hs


def validate_incoterm(code, place: Location | None = None) -> Incoterm:
    """Check an Incoterms 2020 rule (a code or an ``Incoterm``) and, for the sea-only rules, that
    the named place is a port."""
    code = code.code if isinstance(code, Incoterm) else (code or "").strip().upper()
    rule = Incoterm.objects.filter(code=code).first()
    if rule is None:
        retired = RetiredIncoterm.objects.filter(code=code).first()
        if retired is not None:
            raise ValidationError(
                _("%(code)s was withdrawn in Incoterms %(year)d; use %(replacement)s."),
                code="incoterm_withdrawn",
                params={"code": code, "year": retired.retired_in, "replacement": retired.replaced_by_id},
            )
        raise ValidationError(
            _(
                "“%(code)s” is not an Incoterms 2020 rule "
                "(EXW, FCA, CPT, CIP, DAP, DPU, DDP, FAS, FOB, CFR, CIF)."
            ),
            code="incoterm_unknown",
            params={"code": code},
        )
    if rule.transport_mode == TransportMode.SEA and place is not None and not place.is_sea_or_waterway:
        raise ValidationError(
            _(
                "%(code)s is for sea and inland waterway transport only, and %(place)s is not a port; "
                "use FCA, CPT or CIP instead."
            ),
            code="incoterm_not_port",
            params={"code": code, "place": place.name},
        )
    return rule


def validate_currency(code) -> Currency:
    """Check an ISO 4217 currency code in use."""
    code = (code or "").strip().upper()
    currency = Currency.objects.filter(code=code).first()
    if currency is None:
        raise ValidationError(
            _("“%(code)s” is not an ISO 4217 currency code in use (for example CNY, RUB, KZT, USD)."),
            code="currency_unknown",
            params={"code": code},
        )
    return currency


def validate_unit(code) -> Unit:
    """Check a UN/ECE Recommendation 20 unit code known to the platform."""
    code = (code or "").strip().upper()
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise ValidationError(
            _(
                "“%(code)s” is not a UN/ECE Recommendation 20 unit code known here "
                "(for example KGM, TNE, H87)."
            ),
            code="unit_unknown",
            params={"code": code},
        )
    return unit


def validate_location(code) -> Location:
    """Check a UN/LOCODE place known to the platform (the named place of an Incoterms rule)."""
    code = (code or "").strip().upper()
    place = Location.objects.filter(locode=code).first()
    if place is None:
        raise ValidationError(
            _("“%(code)s” is not a UN/LOCODE place known here (for example KZALA, CNCKG)."),
            code="place_unknown",
            params={"code": code},
        )
    return place
