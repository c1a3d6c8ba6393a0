"""Phone numbers: parsed, checked and written in the international format with Google's
libphonenumber data (``phonenumberslite``, the library without the geocoding and carrier tables).

A number may be typed as the people of its country write it (``8 701 234 56 78`` in Kazakhstan,
``023 6123 4567`` in Chongqing): the organization's country says where it is dialled from. It is
stored as ``+7 701 234 5678``, readable and unambiguous for a caller in any country."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

EXAMPLES = "+7 701 234 5678, +86 23 6123 4567"


def normalize_phone(raw: str, region: str | None = None) -> str:
    """The number in the international format, or ``ValidationError`` with a translated message
    giving the rule and an example. ``region`` is the ISO code of the country the number is dialled
    from when it has no ``+`` and country code; an empty value stays empty."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("Enter a phone number with its country code, e.g. %(examples)s.") % {"examples": EXAMPLES},
            code="invalid_phone",
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "This is not a valid phone number: check the country code and the number of digits "
                "(e.g. %(examples)s)."
            )
            % {"examples": EXAMPLES},
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
