"""What the demo organizations offer and request: one entry per kind of lead, with the sector of the
organizations that publish it (``scotemp.demo.sectors``), their countries, titles in three languages,
quantities, prices and places. Prices are typical of 2024–2025 wholesale trade (rounded, illustrative).

Entry fields: sector, kind, HS codes (``paired``: the n-th title goes with the n-th code), countries
(weights), titles {language: [variants]}, unit, (qty min, max, step), {currency: (price min, max)},
[(Incoterm, UN/LOCODE)], acceptable countries, weight, extras (attributes, certificates, share of
prices on request).
"""

from .farm import PRODUCTS as FARM
from .industry import PRODUCTS as INDUSTRY

PRODUCTS = FARM + INDUSTRY
WHEAT_OFFER, BARLEY_OFFER, WHEAT_REQUEST = FARM[0], FARM[1], FARM[2]
DRIED_FRUIT_REQUEST = next(p for p in FARM if p["kind"] == "buy" and "0813" in p["hs"])

# Persona leads: (persona key, product, HS code, Incoterm, place, title variant)
PERSONA_LEADS = [
    ("aigerim", WHEAT_OFFER, "100199", "FCA", "KZALA", 0),
    ("aigerim", WHEAT_OFFER, "100199", "DAP", "KZHOR", 2),
    ("aigerim", BARLEY_OFFER, "100390", "FCA", "KZALA", 0),
    ("liwei", WHEAT_REQUEST, "1001", "DAP", "CNHRS", 0),
    ("liwei", WHEAT_REQUEST, "100199", "CPT", "CNCKG", 2),
    ("liwei", DRIED_FRUIT_REQUEST, "081310", "CPT", "CNCKG", 0),
    ("liwei", DRIED_FRUIT_REQUEST, "0806", "CPT", "CNCKG", 1),
]
