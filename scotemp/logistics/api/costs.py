"""``POST /api/v1/logistics/landed-cost``: the delivered cost of one purchase, line by line.

Public: it reads only the published schedules and exchange rates, never anyone's data; throttled per
caller (anonymous by address) because each call costs a few queries."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.throttling import SimpleRateThrottle

from scotemp.core.api import PUBLIC_ERRORS, ErrorOut, form_data, public_auth
from scotemp.core.api.auth import OptionalSession
from scotemp.core.api.errors import validation_body
from scotemp.core.api.schema import OPTIONAL_AUTH

from ..forms.costs import LandedCostForm
from ..queries.costs import landed_cost

router = Router()

# Anyone may ask: a token, a session or nobody. It changes nothing and reads nobody's data, so a
# session needs no CSRF token here (an anonymous caller has none to send).
AUTH = [OptionalSession(csrf=False) if isinstance(a, OptionalSession) else a for a in public_auth()]


class _Throttle(SimpleRateThrottle):
    """Per signed-in user (session or token), or per address for anonymous callers. (ninja's
    AnonRateThrottle and AuthRateThrottle both take the anonymous marker of ``public_auth`` for a user
    and would put every anonymous caller in one bucket.)"""

    signed_in = False

    def get_cache_key(self, request):
        user = getattr(request, "user", None)
        authenticated = bool(user is not None and user.is_authenticated)
        if authenticated != self.signed_in:
            return None
        ident = user.pk if authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousThrottle(_Throttle):
    scope = "logistics-landed-cost-anonymous"


class SignedInThrottle(_Throttle):
    scope = "logistics-landed-cost-user"
    signed_in = True


# Error keys of the flat form fields, as the nested JSON body names them.
NESTED = {
    f"{name}_{part}": f"{name}.{part}"
    for name in ("freight", "insurance", "fees")
    for part in ("amount", "currency")
}


class MoneyIn(Schema):
    amount: Decimal | str
    currency: str = ""


class LandedCostIn(Schema):
    hs_code: str
    origin: str
    destination: str
    incoterm: str
    goods_value: Decimal | str
    currency: str
    quantity: Decimal | str
    unit: str
    freight: MoneyIn | None = None
    insurance: MoneyIn | None = None
    fees: MoneyIn | None = None
    target_currency: str | None = None


class LineOut(Schema):
    kind: str
    label: str
    amount: Decimal | None
    payer: str
    included: bool
    original_amount: Decimal | None
    original_currency: str
    fx_rate: Decimal | None
    fx_date: datetime.date | None
    fx_demo: bool
    rate_pct: Decimal | None
    rate_text: str
    duty_kind: str
    source: str
    source_date: str
    confidence: str
    indicative: bool
    estimate: bool
    notes: list[str]
    source_notes: list[str]


class LandedCostOut(Schema):
    lines: list[LineOut]
    total: Decimal
    currency: str
    complete: bool
    customs_value: Decimal | None
    customs_basis: str
    incoterm: str
    on_date: datetime.date
    uses_demo_rates: bool
    notes: list[str]


def _flat(payload: LandedCostIn) -> dict:
    data = payload.model_dump(exclude={"freight", "insurance", "fees"})
    for name in ("freight", "insurance", "fees"):
        money = getattr(payload, name)
        if money is not None:
            data[f"{name}_amount"], data[f"{name}_currency"] = money.amount, money.currency
    return form_data(data)


def _invalid(errors: dict) -> Status:
    errors = {NESTED.get(k, k): v for k, v in errors.items()}
    first = next(iter(errors.values()), [""])
    detail = first[0] if len(errors) == 1 and len(first) == 1 else _("Some fields are not valid.")
    return Status(422, {"detail": detail, "errors": errors})


@router.post(
    "/landed-cost",
    response={200: LandedCostOut, **PUBLIC_ERRORS, 403: ErrorOut, 429: ErrorOut},
    auth=AUTH,
    throttle=[AnonymousThrottle("30/m"), SignedInThrottle("120/m")],
    openapi_extra=OPTIONAL_AUTH,
    summary="Delivered (landed) cost of a purchase: goods, freight, insurance, duty, VAT and fees",
)
def landed_cost_endpoint(request, payload: LandedCostIn):
    form = LandedCostForm(_flat(payload))
    if not form.is_valid():
        return _invalid({f: [str(m) for m in ms] for f, ms in form.errors.items()})
    try:
        result = landed_cost(form.cost_input())
    except ValidationError as exc:
        body = validation_body(exc)
        return _invalid(body.get("errors") or {"__all__": [body["detail"]]})
    return {
        "lines": [vars(line) for line in result.lines],
        "total": result.total,
        "currency": result.currency,
        "complete": result.complete,
        "customs_value": result.customs_value,
        "customs_basis": result.customs_basis,
        "incoterm": result.incoterm,
        "on_date": result.on_date,
        "uses_demo_rates": result.uses_demo_rates,
        "notes": result.notes,
    }
