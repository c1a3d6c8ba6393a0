"""What the shipment actions share: which party a user acts for, conflicts, places."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from scotemp.core.permissions import acting_organization_id, parties_of
from scotemp.reference.models import Location

SHIPPER, CONSIGNEE, PROVIDER = "shipper", "consignee", "provider"
WRITERS = (SHIPPER, PROVIDER)


def conflict(message: str) -> ValidationError:
    """A step the shipment's current state does not allow (HTTP 409)."""
    return ValidationError(message, code="conflict")


def acting_party(user, shipment, allowed=WRITERS) -> tuple[str, int]:
    """``(party, organization id)`` ``user`` acts for on ``shipment``, among ``allowed``.

    An outsider gets ``Http404`` (the shipment does not exist for them); a party not in ``allowed``
    (the consignee posting events, a provider regenerating the link) gets ``PermissionDenied``. A
    member of several parties acts for their active organization when it is one of them."""
    parties = parties_of(user, shipment)
    if not parties:
        raise Http404
    usable = [p for p in parties if p in allowed]
    if not usable:
        if allowed == (SHIPPER,):
            raise PermissionDenied(_("Only the shipper's members can do this."))
        raise PermissionDenied(_("Only the shipper and the forwarder or carrier can change this shipment."))
    active = acting_organization_id(user)
    for party in usable:
        if getattr(shipment, f"{party}_id") == active:
            return party, active
    party = usable[0]
    return party, getattr(shipment, f"{party}_id")


def resolve_place(value, field: str) -> Location:
    """A reference place from a :class:`Location` or its UN/LOCODE; an error naming ``field``."""
    if isinstance(value, Location):
        return value
    code = "".join(str(value or "").split()).upper()
    place = Location.objects.filter(pk=code).first() if len(code) == 5 else None
    if place is None:
        raise ValidationError(
            {field: [_("“%(code)s” is not a UN/LOCODE known to the platform.") % {"code": code[:24]}]},
            code="unknown_place",
        )
    return place


def clean_code(value, field: str) -> str:
    """A place code of a leg or an event: a UN/LOCODE (``KZALA``) or a network code
    (``KZ-ALTYNKOL``): letters, digits and hyphens, 2 to 24 characters, upper case."""
    code = "".join(str(value or "").split()).upper()
    if not (2 <= len(code) <= 24) or not all(c.isascii() and (c.isalnum() or c == "-") for c in code):
        raise ValidationError(
            {field: [_("Enter a UN/LOCODE (e.g. KZALA) or a network code (e.g. KZ-ALTYNKOL).")]},
            code="place_code",
        )
    return code
