"""Converting a quantity into the unit of a specific duty (UN/ECE Rec. 20 codes): mass, volume and
counts convert within their dimension; across dimensions (pieces into kilograms) there is no
conversion and :class:`UnitMismatch` names both units."""

from decimal import Decimal

FACTORS = {
    # mass, in kilograms
    "KGM": ("mass", Decimal(1)), "TNE": ("mass", Decimal(1000)), "GRM": ("mass", Decimal("0.001")),
    "MGM": ("mass", Decimal("0.000001")), "KTN": ("mass", Decimal(1_000_000)),
    "LBR": ("mass", Decimal("0.45359237")), "DTN": ("mass", Decimal(100)),
    # volume, in litres
    "LTR": ("volume", Decimal(1)), "MLT": ("volume", Decimal("0.001")), "HLT": ("volume", Decimal(100)),
    "MTQ": ("volume", Decimal(1000)),
    # counts: a piece, an article and "one" count the same thing
    "H87": ("count", Decimal(1)), "C62": ("count", Decimal(1)), "NAR": ("count", Decimal(1)),
    "PR": ("pair", Decimal(1)), "DZN": ("count", Decimal(12)), "SET": ("set", Decimal(1)),
}  # fmt: skip


class UnitMismatch(ValueError):
    def __init__(self, from_unit: str, to_unit: str):
        self.from_unit, self.to_unit = from_unit, to_unit
        super().__init__(f"{from_unit} -> {to_unit}")


def convert_quantity(quantity: Decimal, from_unit: str, to_unit: str) -> Decimal:
    if from_unit == to_unit:
        return quantity
    source, target = FACTORS.get(from_unit), FACTORS.get(to_unit)
    if source is None or target is None or source[0] != target[0]:
        raise UnitMismatch(from_unit, to_unit)
    return quantity * source[1] / target[1]


def mass_kg(quantity: Decimal, unit: str) -> Decimal | None:
    try:
        return convert_quantity(quantity, unit, "KGM")
    except UnitMismatch:
        return None
