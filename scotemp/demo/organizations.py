"""The demo's organizations, planned before anything is written: for each country the sectors of
``sectors.COMPOSITION``, each organization with a unique name in its country's script and form
(``scotemp.demo.names``), its sector and type; then the committees each one joins (those its sector
fits, its own sector's committee first) and the committees' secretaries.

Deterministic: the same plan on every run and on every machine (fixed seeds, no database reads), so a
test can recompute an organization's sector from its name.
"""

import random
import re
import unicodedata
from dataclasses import dataclass

from .names import company_names
from .sectors import COMPOSITION, LATE_SECTORS, PERSONA_SECTORS, SECTORS, TYPE_BY_COUNTRY

SEED = 2026


@dataclass(frozen=True)
class OrgSpec:
    name: str
    name_latin: str
    country: str
    sector: str
    type: str
    trading_names: str = ""  # in the partners' language: Russian for China, Chinese for Russia, Kazakhstan

    @property
    def slug(self) -> str:
        """The Latin name as an e-mail domain label: ASCII letters, digits and hyphens."""
        ascii_name = unicodedata.normalize("NFKD", self.name_latin).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")


def plan_organizations() -> list[OrgSpec]:
    """Every demo organization (the personas' excepted), in a fixed order."""
    specs, names, latin_names = [], set(), set()
    # The sectors of the first plan, then the late ones (``LATE_SECTORS``) with a generator of their
    # own: adding a late sector leaves every organization planned before unchanged.
    for rng, late in ((random.Random(SEED), False), (random.Random(f"{SEED}:late"), True)):
        for country, sectors in COMPOSITION.items():
            for sector, count in sectors.items():
                if (sector in LATE_SECTORS) != late:
                    continue
                org_type = TYPE_BY_COUNTRY.get((sector, country), SECTORS[sector].type)
                for _ in range(count):
                    for _attempt in range(200):
                        name, latin, trading = company_names(country, sector, rng)
                        if (country, name) not in names and latin.lower() not in latin_names:
                            break
                    else:  # pragma: no cover - the word lists are far larger than the composition
                        raise RuntimeError(f"Not enough demo names for {sector} in {country}")
                    names.add((country, name))
                    latin_names.add(latin.lower())
                    specs.append(OrgSpec(name, latin, country, sector, org_type, trading))
    return specs


def sector_by_organization() -> dict[tuple[str, str], str]:
    """Sector key by (country, legal name) of every demo organization, the personas' included."""
    from .personas import PERSONAS

    sectors = {(spec.country, spec.name): spec.sector for spec in plan_organizations()}
    for persona in PERSONAS:
        if persona.get("org"):
            sectors[(persona["org"]["country"], persona["org"]["name"])] = PERSONA_SECTORS[persona["key"]]
    return sectors


def committees_to_join(spec: OrgSpec, index: dict[str, str]) -> list[str]:
    """The committees ``spec`` applies to: its own sector's committee (the one suggested for its main
    goods) and, for about a third of them, one more its sector belongs in."""
    fitting = SECTORS[spec.sector].committees(index)
    if not fitting:
        return []
    rng = random.Random(f"committees:{spec.country}:{spec.name}")
    chosen = fitting[:1]
    if len(fitting) > 1 and rng.random() < 0.35:
        chosen.append(rng.choice(fitting[1:]))
    return chosen


# Committee secretaries (the aluminium committee's is the persona Zhang Min): Chinese and Russian
# colleagues, each a staff member of one of the committee's member organizations.
SECRETARIES = {
    "agri-supply-chain": ("liuyang@demo.scotemp.org", "刘洋", "zh-hans"),
    "digital-agri-trade": ("chenjing@demo.scotemp.org", "陈静", "zh-hans"),
    "mining": ("s.kuznetsov@demo.scotemp.org", "Сергей Кузнецов", "ru"),
    "education": ("yangfan@demo.scotemp.org", "杨帆", "zh-hans"),
    "environment": ("sunlei@demo.scotemp.org", "孙磊", "zh-hans"),
    "logistics": ("a.sokolov@demo.scotemp.org", "Андрей Соколов", "ru"),
    "trade-finance": ("zhouting@demo.scotemp.org", "周婷", "zh-hans"),
    "ecommerce": ("wuhao@demo.scotemp.org", "吴昊", "zh-hans"),
    "energy": ("n.pavlova@demo.scotemp.org", "Наталья Павлова", "ru"),
    "healthcare": ("huangxiaoyan@demo.scotemp.org", "黄晓燕", "zh-hans"),
    "culture-tourism": ("o.morozova@demo.scotemp.org", "Ольга Морозова", "ru"),
}
SECRETARY_COUNTRY = {"zh-hans": "CN", "ru": "RU"}
