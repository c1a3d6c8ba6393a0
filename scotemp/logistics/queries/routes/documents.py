"""The transport and trade documents a route needs: one list of rules, each with its source.

A rule looks at the legs of an option (their modes, which cross a border, which countries they
join) and at the cargo's HS code. The list is what a forwarder checks first, not a legal opinion:
the page says so next to it."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Member states of the European Union on or next to the corridors: a rail consignment entering one
# from a 1,520 mm country travels on the common CIM/SMGS note.
EU = {"PL", "DE", "HU", "LT", "LV", "SK", "AT", "CZ", "NL", "BE", "FR", "IT", "ES"}


@dataclass(frozen=True)
class Document:
    code: str
    name: object  # lazy translated string
    source: str


SMGS = Document(
    "smgs",
    _("SMGS rail consignment note"),
    "OSJD Agreement on International Goods Transport by Rail (SMGS), Annex 1, in force 2015-07-01",
)
CIM_SMGS = Document(
    "cim_smgs",
    _("CIM/SMGS common consignment note"),
    "CIT/OSJD CIM/SMGS Consignment Note Manual (GLV CIM/SMGS), 2006, updated 2024",
)
CMR = Document(
    "cmr",
    _("CMR road consignment note"),
    "UNECE Convention on the Contract for the International Carriage of Goods by Road (CMR), 1956",
)
TIR = Document("tir", _("TIR carnet"), "UNECE TIR Convention, 1975")
BILL_OF_LADING = Document("bl", _("Bill of lading"), "Hague-Visby Rules, 1968; UNCITRAL Hamburg Rules, 1978")
AIR_WAYBILL = Document("awb", _("Air waybill"), "Montreal Convention, 1999, art. 4–11; IATA Resolution 600a")
ORIGIN = Document(
    "origin",
    _("Certificate of origin"),
    "WCO Revised Kyoto Convention, Specific Annex K (rules of origin), 2006",
)
PHYTO = Document(
    "phyto",
    _("Phytosanitary certificate"),
    "IPPC, ISPM 12 Phytosanitary certificates (2011, rev. 2022); "
    "HS 2022 chapters 06–14 (plants and plant products) and 44 (wood)",
)
PLANT_CHAPTERS = {f"{chapter:02d}" for chapter in range(6, 15)} | {"44"}

RULES = (
    "rail across a border → SMGS; rail entering the EU from outside → CIM/SMGS",
    "road across a border → CMR and TIR carnet",
    "sea → bill of lading; air → air waybill",
    "origin and destination in different countries → certificate of origin",
    "HS chapters 06–14 and 44 → phytosanitary certificate",
)


def documents_for(legs, countries: list[str], hs_code: str = "") -> list[Document]:
    """The documents for an option: ``legs`` (objects with ``mode``, ``border_crossing``,
    ``origin_country``, ``destination_country``), the countries along the way in order, the HS code."""
    found = []

    def need(document):
        if document not in found:
            found.append(document)

    for leg in legs:
        crosses = leg.border_crossing or leg.origin_country != leg.destination_country
        if leg.mode == "rail" and crosses:
            enters_eu = (leg.origin_country in EU) != (leg.destination_country in EU)
            need(CIM_SMGS if enters_eu else SMGS)
        elif leg.mode == "road" and crosses:
            need(CMR)
            need(TIR)
        elif leg.mode == "sea":
            need(BILL_OF_LADING)
        elif leg.mode == "air":
            need(AIR_WAYBILL)
    # A rail route that also runs between 1,520 mm countries before reaching the EU needs both.
    if countries and len(set(countries)) > 1:
        need(ORIGIN)
    if hs_code[:2] in PLANT_CHAPTERS:
        need(PHYTO)
    return found
