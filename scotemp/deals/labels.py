"""Language-neutral notification params: values that read differently per language are stored as
``{"en": …, "ru": …, "zh-hans": …}`` and picked in the reader's language when shown or e-mailed."""

from scotemp.core.effects import per_language
from scotemp.core.formatting import format_money, format_quantity


def org_label(org) -> str:
    """An organization's name in its own script, with the Latin name when it differs."""
    if org.name_latin and org.name_latin != org.name:
        return f"{org.name} ({org.name_latin})"
    return org.name


def localized_quantity(quantity, unit) -> dict:
    return per_language(lambda: format_quantity(quantity, unit.pk, fallback_name=unit.name))


def money_params(name: str, amount, currency_code: str) -> dict:
    return {name: per_language(lambda: format_money(amount, currency_code))}


def choice_label(choices, value) -> dict:
    return per_language(lambda: choices(value).label)
