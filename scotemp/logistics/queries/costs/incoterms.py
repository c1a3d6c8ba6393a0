"""Which costs an Incoterms 2020 rule leaves with the buyer, from ``data/incoterms-costs.md`` (ICC
Incoterms 2020 rule structure, publication No. 723E): main carriage (B4), insurance of the main
carriage (B5; for landed cost the buyer adds an estimate whenever the rule is not CIF/CIP and the
seller does not bear the risk in transit), import duty and import VAT (B7/B9)."""

from dataclasses import dataclass

E_F_RULES = {"EXW", "FCA", "FAS", "FOB"}
C_RULES = {"CFR", "CIF", "CPT", "CIP"}
D_RULES = {"DAP", "DPU", "DDP"}
SOURCE = (
    "ICC Incoterms 2020 (publication No. 723E), rules A4/B4, A5/B5, A7/B7, A9/B9; data/incoterms-costs.md"
)


@dataclass(frozen=True)
class BuyerPays:
    carriage: bool  # main carriage to the destination
    insurance: bool  # cargo insurance of the main carriage
    duty: bool
    vat: bool
    family: str  # "E/F", "C", "D"


def buyer_pays(rule: str) -> BuyerPays:
    rule = rule.upper()
    if rule in E_F_RULES:
        return BuyerPays(carriage=True, insurance=True, duty=True, vat=True, family="E/F")
    if rule in C_RULES:
        return BuyerPays(carriage=False, insurance=rule in {"CFR", "CPT"}, duty=True, vat=True, family="C")
    if rule in D_RULES:
        # The seller bears the risk to the named place (and insures at its own choice).
        ddp = rule == "DDP"
        return BuyerPays(carriage=False, insurance=False, duty=not ddp, vat=not ddp, family="D")
    raise ValueError(rule)
