"""Request and response shapes of the freight API. Inputs are validated by the same forms as the
pages (codes against the reference data → 422 naming the field); the schemas state the formats."""

import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from scotemp.core.api.schema import JsonObject, decimal_in

from ...choices import Equipment, Mode, RateBasis, ServiceKind
from ...choices.freight import MAX_PROVIDERS, MAX_TRANSIT_DAYS, MAX_UNITS

NO_NUL = r"^[^\x00]*$"
NOT_BLANK = r"^[^\x00]*[^\s\x00\x1c-\x1f\x85][^\x00]*$"
CODE3 = r"^[A-Za-z]{3}$"
LOCODE = r"^[A-Za-z]{2} ?[A-Za-z0-9]{3}$"
PRICE = decimal_in(14, 2, positive=True)
WEIGHT = decimal_in(12, 2, positive=True)
VOLUME = decimal_in(10, 2, positive=True)

ModeCode = Literal[tuple(Mode.values)]  # type: ignore[valid-type]
EquipmentCode = Literal[tuple(Equipment.values)]  # type: ignore[valid-type]
BasisCode = Literal[tuple(RateBasis.values)]  # type: ignore[valid-type]
KindCode = Literal[tuple(ServiceKind.values)]  # type: ignore[valid-type]
Days = int


class FreightPartyOut(Schema):
    public_id: UUID
    name: str
    name_latin: str
    country: str | None


def org_out(org) -> dict:
    return {
        "public_id": org.public_id,
        "name": org.name,
        "name_latin": org.name_latin,
        "country": org.country_id,
    }


def dec(value) -> str | None:
    """A stored decimal as an exact string with its two places (``None`` stays ``None``)."""
    if value is None:
        return None
    from decimal import Decimal

    return str(Decimal(value).quantize(Decimal("0.01")))


class LaneRateIn(JsonObject):
    origin: str = Field(pattern=LOCODE, description="UN/LOCODE, e.g. CNCKG.")
    destination: str = Field(pattern=LOCODE, description="UN/LOCODE, e.g. DEDUI.")
    mode: ModeCode
    equipment: EquipmentCode
    basis: BasisCode
    price: PRICE
    currency: str = Field(pattern=CODE3, description="ISO 4217, e.g. USD.")
    transit_days_min: int | None = Field(None, ge=1, le=MAX_TRANSIT_DAYS)
    transit_days_max: int | None = Field(None, ge=1, le=MAX_TRANSIT_DAYS)
    valid_from: datetime.date
    valid_until: datetime.date
    conditions: str = Field("", max_length=5000, pattern=NO_NUL)


class LaneRatePatch(JsonObject):
    origin: str | None = Field(None, pattern=LOCODE)
    destination: str | None = Field(None, pattern=LOCODE)
    mode: ModeCode | None = None
    equipment: EquipmentCode | None = None
    basis: BasisCode | None = None
    price: PRICE | None = None
    currency: str | None = Field(None, pattern=CODE3)
    transit_days_min: int | None = Field(None, ge=1, le=MAX_TRANSIT_DAYS)
    transit_days_max: int | None = Field(None, ge=1, le=MAX_TRANSIT_DAYS)
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    conditions: str | None = Field(None, max_length=5000, pattern=NO_NUL)


class LaneRateOut(Schema):
    public_id: UUID
    provider: FreightPartyOut
    origin: str
    destination: str
    mode: str
    equipment: str
    basis: str
    price: str
    currency: str
    transit_days_min: int | None
    transit_days_max: int | None
    valid_from: datetime.date
    valid_until: datetime.date
    conditions: str
    withdrawn: bool
    is_demo: bool


class CsvResultOut(Schema):
    created: int
    results: list[LaneRateOut]


class ServiceOfferIn(JsonObject):
    kind: KindCode
    title: str = Field(min_length=1, max_length=200, pattern=NOT_BLANK)
    description: str = Field(min_length=1, max_length=5000, pattern=NOT_BLANK)
    language: Literal["en", "ru", "zh-hans"]
    countries: list[str] = Field(default_factory=list, max_length=60)
    places: list[str] = Field(default_factory=list, max_length=50)
    conditions: str = Field("", max_length=5000, pattern=NO_NUL)


class ServiceOfferPatch(JsonObject):
    kind: KindCode | None = None
    title: str | None = Field(None, min_length=1, max_length=200, pattern=NOT_BLANK)
    description: str | None = Field(None, min_length=1, max_length=5000, pattern=NOT_BLANK)
    language: Literal["en", "ru", "zh-hans"] | None = None
    countries: list[str] | None = Field(None, max_length=60)
    places: list[str] | None = Field(None, max_length=50)
    conditions: str | None = Field(None, max_length=5000, pattern=NO_NUL)


class ServiceOfferOut(Schema):
    public_id: UUID
    provider: FreightPartyOut
    kind: str
    kind_label: str
    title: str
    description: str
    language: str
    countries: list[str]
    places: list[str]
    conditions: str
    withdrawn: bool
    is_demo: bool


class FreightRequestIn(JsonObject):
    """Standalone, or for a deal of the caller's organization (``deal``). Either ``providers`` (public
    ids of provider organizations) or ``to_lane: true`` (every provider serving the lane)."""

    origin: str = Field(pattern=LOCODE)
    destination: str = Field(pattern=LOCODE)
    goods: str = Field(min_length=1, max_length=200, pattern=NOT_BLANK)
    hs_code: str | None = Field(None, pattern=r"^[0-9]{4}(\.?[0-9]{2})?$")
    weight_kg: WEIGHT
    volume_m3: VOLUME | None = None
    equipment: EquipmentCode
    units: int = Field(1, ge=1, le=MAX_UNITS)
    ready_date: datetime.date
    incoterm: str | None = Field(None, pattern=CODE3)
    notes: str = Field("", max_length=5000, pattern=NO_NUL)
    providers: list[UUID] = Field(default_factory=list, max_length=MAX_PROVIDERS)
    to_lane: bool = False
    deal: UUID | None = None


class QuoteOut(Schema):
    public_id: UUID
    version: int
    status: str
    status_label: str
    price: str
    currency: str
    basis: str
    transit_days_min: int
    transit_days_max: int
    valid_until: datetime.date
    conditions: str
    is_demo: bool
    created_at: datetime.datetime


class FreightInquiryOut(Schema):
    public_id: UUID
    request: UUID | None = Field(None, description="The request's id, for the shipper's side only.")
    role: str | None
    status: str
    status_label: str
    shipper: FreightPartyOut
    provider: FreightPartyOut
    origin: str
    destination: str
    goods: str
    hs_code: str | None
    weight_kg: str
    volume_m3: str | None
    equipment: str
    units: int
    ready_date: datetime.date
    incoterm: str | None
    notes: str
    decline_reason: str
    unread: int
    current_quote: QuoteOut | None
    created_at: datetime.datetime


class ComparisonRowOut(Schema):
    inquiry: UUID
    provider: FreightPartyOut
    quote: QuoteOut
    total_quoted: str
    total: str | None
    rate: str | None
    rate_date: datetime.date | None
    rate_is_demo: bool
    expired: bool


class FreightRequestOut(Schema):
    public_id: UUID
    status: str
    status_label: str
    origin: str
    destination: str
    goods: str
    hs_code: str | None
    weight_kg: str
    volume_m3: str | None
    equipment: str
    units: int
    ready_date: datetime.date
    incoterm: str | None
    notes: str
    deal: UUID | None
    inquiries: list[FreightInquiryOut]
    created_at: datetime.datetime


class FreightRequestDetailOut(FreightRequestOut):
    currency: str
    comparison: list[ComparisonRowOut]
    uses_demo_rates: bool
    missing_rates: list[str]


class QuoteIn(JsonObject):
    price: PRICE
    currency: str = Field(pattern=CODE3)
    basis: BasisCode
    transit_days_min: int = Field(ge=1, le=MAX_TRANSIT_DAYS)
    transit_days_max: int = Field(ge=1, le=MAX_TRANSIT_DAYS)
    valid_until: datetime.date
    conditions: str = Field("", max_length=5000, pattern=NO_NUL)


class FreightReasonIn(JsonObject):
    reason: str = Field(min_length=1, max_length=500, pattern=NOT_BLANK)


class FreightAttachmentOut(Schema):
    public_id: UUID
    name: str
    content_type: str
    size: int
    url: str


class FreightMessageOut(Schema):
    public_id: UUID
    organization: FreightPartyOut
    author: str | None
    mine: bool
    body: str
    created_at: datetime.datetime
    attachments: list[FreightAttachmentOut]
