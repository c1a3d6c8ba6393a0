"""National registration identifiers: which type fits which country, how each is checked and
normalized. Validated with python-stdnum where it has a validator.

``clean_registry_id(country_iso2, registry_type, raw)`` returns the normalized identifier or raises a
``ValidationError`` keyed by ``registry_type`` or ``registry_id`` with a translated message naming the
expected format.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.by import unp
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.in_ import gstin
from stdnum.ru import inn, ogrn

from scotemp.accounts.choices import RegistryType

from .stdnum_kz import bin as kz_bin

# The identifier types a country's organizations use; countries not listed use OTHER.
TYPES_BY_COUNTRY = {
    "CN": (RegistryType.CN_USCC,),
    "RU": (RegistryType.RU_INN, RegistryType.RU_OGRN),
    "KZ": (RegistryType.KZ_BIN,),
    "BY": (RegistryType.BY_UNP,),
    "IN": (RegistryType.IN_GSTIN,),
}

FORMAT_HELP = {
    RegistryType.CN_USCC: gettext_lazy(
        "A unified social credit code has 18 characters: digits and capital letters, "
        "with a check character at the end."
    ),
    RegistryType.RU_INN: gettext_lazy(
        "An INN has 10 digits for a company (12 for an individual entrepreneur), the last one a check digit."
    ),
    RegistryType.RU_OGRN: gettext_lazy(
        "An OGRN has 13 digits for a company (15 for an individual entrepreneur), the last one a check digit."
    ),
    RegistryType.KZ_BIN: gettext_lazy(
        "A business identification number (BIN) has 12 digits, the last one a check digit."
    ),
    RegistryType.BY_UNP: gettext_lazy(
        "A UNP has 9 characters: digits (or two letters then digits), the last one a check digit."
    ),
    RegistryType.IN_GSTIN: gettext_lazy(
        "A GSTIN has 15 characters: a 2-digit state code, the 10-character PAN, "
        "the entity number, Z and a check character."
    ),
    RegistryType.OTHER: gettext_lazy(
        "Enter 3 to 40 letters, digits, spaces, hyphens or dots, as on the registration certificate."
    ),
}

# stdnum modules per type. python-stdnum 2.2 has no module for Kazakhstan: its BIN (or an individual
# entrepreneur's IIN, same layout and check digit) is checked by ``stdnum_kz.bin``, written to the
# library's interface.
STDNUM = {
    RegistryType.CN_USCC: uscc,
    RegistryType.RU_INN: inn,
    RegistryType.RU_OGRN: ogrn,
    RegistryType.BY_UNP: unp,
    RegistryType.IN_GSTIN: gstin,
    RegistryType.KZ_BIN: kz_bin,
}
OTHER_PUNCTUATION = set(" -.")


def types_for_country(country_iso2: str) -> tuple[str, ...]:
    return TYPES_BY_COUNTRY.get((country_iso2 or "").upper(), (RegistryType.OTHER,))


def _type_error(registry_type: str, country_iso2: str) -> ValidationError:
    allowed = ", ".join(str(RegistryType(t).label) for t in types_for_country(country_iso2))
    return ValidationError(
        {
            "registry_type": [
                ValidationError(
                    _("This identifier type does not fit the organization's country; use: %(allowed)s."),
                    code="registry_type_country",
                    params={"allowed": allowed},
                )
            ]
        }
    )


def _format_error(registry_type: str) -> ValidationError:
    message = _("This identifier is not valid. %(rule)s") % {"rule": FORMAT_HELP[registry_type]}
    return ValidationError({"registry_id": [ValidationError(message, code="registry_id_invalid")]})


def clean_registry_id(country_iso2: str, registry_type: str, raw: str) -> str:
    """Check that ``registry_type`` fits the country and ``raw`` is a valid identifier of that type;
    return it normalized (stdnum's ``compact``: no spaces or separators, capital letters).

    An empty identifier is allowed (returns ""), but not a type without an identifier or vice versa."""
    raw = (raw or "").strip()
    registry_type = registry_type or ""
    if not raw and not registry_type:
        return ""
    if not registry_type:
        raise ValidationError(
            {
                "registry_type": [
                    ValidationError(_("Choose the type of the registration identifier."), code="required")
                ]
            }
        )
    if registry_type not in RegistryType.values:
        raise ValidationError(
            {"registry_type": [ValidationError(_("Choose one of the offered types."), code="invalid_choice")]}
        )
    if registry_type not in types_for_country(country_iso2):
        raise _type_error(registry_type, country_iso2)
    if not raw:
        raise ValidationError(
            {"registry_id": [ValidationError(_("Enter the registration identifier."), code="required")]}
        )
    module = STDNUM.get(registry_type)
    if module is not None:
        try:
            return module.validate(raw)  # validate() returns the compact form
        except StdnumError:
            raise _format_error(registry_type) from None
    compact = re.sub(r"\s+", " ", raw).upper()
    if not (3 <= len(compact) <= 40) or not compact[0].isalnum():
        raise _format_error(registry_type)
    if any(not (ch.isalnum() or ch in OTHER_PUNCTUATION) for ch in compact):
        raise _format_error(registry_type)
    return compact
