"""Match rows read as plain values, for the match lists.

A page of twenty matches joins nine rows per match (the match, both leads, their organizations,
countries and HS codes). Built as model instances, with the translated fields' descriptors, those
rows cost ten times the query itself; the lists read a dozen values of them. Here they are read with
``values()`` into small objects that offer exactly the attributes the match rows, the match API and
:func:`~scotemp.trade.queries.matches.match_views` read (the same names as the models), and nothing
else: a list that needs more reads the model."""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language

from scotemp.core.prepared import PreparedQuery
from scotemp.directory.models import OrganizationProfile

from ..choices import LeadKind
from ..models import Match

# modeltranslation's order when the active language has no text (MODELTRANSLATION_FALLBACK_LANGUAGES).
FALLBACK = tuple(settings.MODELTRANSLATION_FALLBACK_LANGUAGES.get("default", ("en",)))
LANGUAGES = ("en", "ru", "zh_hans")


def _suffix(language: str) -> str:
    return language.replace("-", "_")


def translated(values: dict, field: str) -> str:
    """``field`` in the active language, falling back as modeltranslation does."""
    for language in dict.fromkeys((get_language() or settings.LANGUAGE_CODE, *FALLBACK)):
        text = values.get(f"{field}_{_suffix(language)}")
        if text:
            return text
    return values.get(field) or ""


LEAD_FIELDS = ("id", "public_id", "kind", "language", "hs_code_id", "incoterm_place_id", "organization_id")


def _translations(prefix: str, field: str) -> tuple[tuple[str, str], ...]:
    """(name in the small row, name in the values) of ``field``'s translations under ``prefix``."""
    return tuple((f"{field}_{language}", f"{prefix}{field}_{language}") for language in LANGUAGES)


class _Named:
    """A reference row (country, HS code) with its translated name."""

    __slots__ = ("_field", "_values", "pk")

    def __init__(self, pk, values: dict, field: str):
        self.pk, self._values, self._field = pk, values, field

    def __getattr__(self, name):
        if name == self._field:
            return translated(self._values, name)
        raise AttributeError(name)


class LightOrganization:
    __slots__ = ("country", "country_id", "id", "name", "pk")

    def __init__(self, v: dict, prefix: str):
        self.id = self.pk = v[f"{prefix}id"]
        self.name = v[f"{prefix}name"]
        self.country_id = v[f"{prefix}country_id"]
        self.country = (
            _Named(self.country_id, {key: v[column] for key, column in _COUNTRY[prefix]}, "name")
            if self.country_id
            else None
        )


class LightLead:
    """The lead columns a match row shows, under the model's names."""

    __slots__ = (
        "hs_code",
        "hs_code_id",
        "id",
        "incoterm_place_id",
        "kind",
        "language",
        "organization",
        "organization_id",
        "pk",
        "public_id",
        "title_en",
        "title_ru",
        "title_zh_hans",
    )

    def __init__(self, v: dict, prefix: str):
        for name, column in _LEAD[prefix]:
            setattr(self, name, v[column])
        self.pk = self.id
        self.organization = LightOrganization(v, f"{prefix}organization__")
        self.hs_code = _Named(self.hs_code_id, {key: v[column] for key, column in _HS[prefix]}, "description")

    def get_kind_display(self) -> str:
        return str(LeadKind(self.kind).label)


class LightMatch:
    __slots__ = (
        "_parts",
        "buy_lead",
        "buy_lead_id",
        "buy_organization_id",
        "buy_verified",
        "id",
        "parts_text",
        "pk",
        "score",
        "sell_lead",
        "sell_lead_id",
        "sell_organization_id",
        "sell_verified",
    )

    def __init__(self, v: dict, parts_text: str | None = None):
        # The parts as stored: a key for explanations remembered, decoded only when read.
        self.parts_text = parts_text
        for name in (
            "id",
            "score",
            "sell_lead_id",
            "buy_lead_id",
            "sell_organization_id",
            "buy_organization_id",
            "sell_verified",
            "buy_verified",
        ):
            setattr(self, name, v[name])
        self._parts = v["parts"]
        self.pk = self.id
        self.sell_lead = LightLead(v, "sell_lead__")
        self.buy_lead = LightLead(v, "buy_lead__")

    @property
    def parts(self) -> list:
        """The score's parts, decoded as the field decodes them."""
        if self._parts is None and self.parts_text is not None:
            self._parts = _PARTS_FIELD.from_db_value(self.parts_text, None, None)
        return self._parts


_COUNTRY = {
    f"{side}_lead__organization__": _translations(f"{side}_lead__organization__country__", "name")
    for side in ("sell", "buy")
}
_HS = {f"{side}_lead__": _translations(f"{side}_lead__hs_code__", "description") for side in ("sell", "buy")}
# (attribute, column) of a lead's own values, per side.
_LEAD = {
    prefix: tuple((name, f"{prefix}{name}") for name in (*LEAD_FIELDS, *(f"title_{x}" for x in LANGUAGES)))
    for prefix in ("sell_lead__", "buy_lead__")
}


def _lead_columns(side: str) -> list[str]:
    lead = f"{side}_lead__"
    org = f"{lead}organization__"
    columns = [f"{lead}{name}" for name in LEAD_FIELDS]
    columns += [f"{lead}title_{language}" for language in LANGUAGES]
    columns += [f"{org}{name}" for name in ("id", "name", "country_id")]
    columns += [f"{org}country__name_{language}" for language in LANGUAGES]
    columns += [f"{lead}hs_code__description_{language}" for language in LANGUAGES]
    return columns


MATCH_COLUMNS = (
    "id",
    "score",
    "parts",
    "sell_lead_id",
    "buy_lead_id",
    "sell_organization_id",
    "buy_organization_id",
    "sell_verified",
    "buy_verified",
    *_lead_columns("sell"),
    *_lead_columns("buy"),
)


_PARTS_FIELD = Match._meta.get_field("parts")


def verified_subquery(side: str) -> Exists:
    """Whether the organization on ``side`` (``"sell"`` or ``"buy"``) of the outer match row is verified."""
    return Exists(
        OrganizationProfile.objects.filter(
            organization_id=OuterRef(f"{side}_organization_id"), verification_status="verified"
        )
    )


# Compiling the nine-table ``values()`` query cost ten times running it for twenty rows: it is
# compiled once per database. The parts stay as stored, decoded by LightMatch.parts when read.
_MATCHES = PreparedQuery(
    lambda ids: (
        Match.objects.filter(pk__in=ids)
        .order_by()
        .annotate(sell_verified=verified_subquery("sell"), buy_verified=verified_subquery("buy"))
        .values(*MATCH_COLUMNS)
    ),
    ids=list[int],
    unconverted=("parts",),
)


def matches_by_id(ids, using: str = "default") -> dict:
    """``{pk: LightMatch}`` of the matches ``ids``, with whether each side's organization is verified:
    one query, whatever the number of ids. The caller has read ``ids`` through the permission
    mechanism (this reads them by primary key, as a queryset filtered on them would)."""
    out = {}
    for values in _MATCHES(ids=list(ids), using=using):
        parts = values["parts"]
        match = LightMatch({**values, "parts": None}, parts) if isinstance(parts, str) else LightMatch(values)
        out[match.pk] = match
    return out
