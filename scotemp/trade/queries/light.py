"""Match rows read as plain values, for the match lists.

A page of twenty matches joins nine rows per match (the match, both leads, their organizations,
countries and HS codes). Built as model instances, with the translated fields' descriptors, those
rows cost ten times the query itself; the lists read a dozen values of them. Here they are read with
``values()`` into small objects that offer exactly the attributes the match rows, the match API and
:func:`~scotemp.trade.queries.matches.match_views` read (the same names as the models), and nothing
else: a list that needs more reads the model."""

from django.conf import settings
from django.utils.translation import get_language

from ..choices import LeadKind

# modeltranslation's order when the active language has no text (MODELTRANSLATION_FALLBACK_LANGUAGES).
FALLBACK = tuple(settings.MODELTRANSLATION_FALLBACK_LANGUAGES.get("default", ("en",)))


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
    __slots__ = ("country", "country_id", "id", "name", "pk", "public_id")

    def __init__(self, v: dict, prefix: str):
        self.id = self.pk = v[f"{prefix}id"]
        self.name = v[f"{prefix}name"]
        self.public_id = v[f"{prefix}public_id"]
        self.country_id = v[f"{prefix}country_id"]
        self.country = (
            _Named(self.country_id, _strip(v, f"{prefix}country__"), "name") if self.country_id else None
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
        for name in (
            "id",
            "public_id",
            "kind",
            "language",
            "hs_code_id",
            "incoterm_place_id",
            "organization_id",
        ):
            setattr(self, name, v[f"{prefix}{name}"])
        for language in ("en", "ru", "zh_hans"):
            setattr(self, f"title_{language}", v[f"{prefix}title_{language}"])
        self.pk = self.id
        self.organization = LightOrganization(v, f"{prefix}organization__")
        self.hs_code = _Named(self.hs_code_id, _strip(v, f"{prefix}hs_code__"), "description")

    def get_kind_display(self) -> str:
        return str(LeadKind(self.kind).label)


class LightMatch:
    __slots__ = (
        "buy_lead",
        "buy_lead_id",
        "buy_organization_id",
        "buy_verified",
        "id",
        "parts",
        "pk",
        "score",
        "sell_lead",
        "sell_lead_id",
        "sell_organization_id",
        "sell_verified",
    )

    def __init__(self, v: dict):
        for name in (
            "id",
            "score",
            "parts",
            "sell_lead_id",
            "buy_lead_id",
            "sell_organization_id",
            "buy_organization_id",
            "sell_verified",
            "buy_verified",
        ):
            setattr(self, name, v[name])
        self.pk = self.id
        self.sell_lead = LightLead(v, "sell_lead__")
        self.buy_lead = LightLead(v, "buy_lead__")


def _strip(values: dict, prefix: str) -> dict:
    return {key[len(prefix) :]: value for key, value in values.items() if key.startswith(prefix)}


def _lead_columns(side: str) -> list[str]:
    lead = f"{side}_lead__"
    org = f"{lead}organization__"
    columns = [f"{lead}{name}" for name in LEAD_FIELDS]
    columns += [f"{lead}title_{language}" for language in ("en", "ru", "zh_hans")]
    columns += [f"{org}{name}" for name in ("id", "name", "public_id", "country_id")]
    columns += [f"{org}country__name_{language}" for language in ("en", "ru", "zh_hans")]
    columns += [f"{lead}hs_code__description_{language}" for language in ("en", "ru", "zh_hans")]
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


def light_matches(queryset) -> dict:
    """``{pk: LightMatch}`` of a match queryset annotated with ``sell_verified`` / ``buy_verified``."""
    return {v["id"]: LightMatch(v) for v in queryset.values(*MATCH_COLUMNS)}
