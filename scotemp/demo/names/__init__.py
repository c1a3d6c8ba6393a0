"""Plausible, clearly fictitious company names for the demo, composed from curated word lists per
country and sector: in the country's own script and legal form, with the Latin (English) name the
company uses abroad. Deterministic: the caller passes a seeded ``random.Random``.

- China: 重庆嘉陵铝业有限公司 / Chongqing Jialing Aluminium Co., Ltd.  (``chinese``)
- Russia, Kazakhstan, Kyrgyzstan, Tajikistan, Belarus, Mongolia: ООО «Волга-Зерно», ТОО «Жеңіс Астық»,
  ОсОО «Ала-Тоо Авто», ҶДММ «Сомон Мева», ТАА «Нёман Калій», Хангай Уул Уурхай ХХК  (``cyrillic``)
- Uzbekistan (Latin, with oʻ/gʻ), India, Pakistan, Türkiye, Azerbaijan  (``latin``)
- Iran (Persian), the Emirates and Saudi Arabia (Arabic)  (``arabic``)
"""

import random

from . import arabic, chinese, cyrillic, latin

COUNTRIES = {"CN", *cyrillic.COUNTRIES, *latin.COUNTRIES, *arabic.COUNTRIES}


def company_names(country: str, sector: str, rng: random.Random) -> tuple[str, str, str]:
    """(legal name in the country's script, Latin name, trading name for the partners' language or "")
    of a company of ``sector`` in ``country``: Chinese companies have a Russian trading name, Russian
    and Kazakh ones a Chinese one."""
    if country == "CN":
        return chinese.name(sector, rng)
    for module in (cyrillic, latin, arabic):
        if country in module.COUNTRIES:
            return (*module.name(country, sector, rng), "")[:3]
    raise ValueError(f"No demo names for country {country}")


def company_name(country: str, sector: str, rng: random.Random) -> tuple[str, str]:
    """(legal name in the country's script, Latin name) of a company of ``sector`` in ``country``."""
    return company_names(country, sector, rng)[:2]


def any_company(country: str, rng: random.Random) -> tuple[str, str, str]:
    """(name, Latin name, organization type) of a company of a sector the demo has in ``country``
    (for the benchmarks' bulk data)."""
    from scotemp.demo.sectors import COMPOSITION, LATE_SECTORS, SECTORS, TYPE_BY_COUNTRY

    # The sectors of the first plan only: the benchmarks' generated data stays as it was.
    sector = rng.choice(sorted(s for s in COMPOSITION[country] if s not in LATE_SECTORS))
    name, latin = company_name(country, sector, rng)
    return name, latin, TYPE_BY_COUNTRY.get((sector, country), SECTORS[sector].type)
