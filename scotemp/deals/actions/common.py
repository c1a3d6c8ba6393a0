"""What every deals action shares: the two sides of a negotiation, who acts for which, conflicts.

A user acts for the side(s) of an inquiry or deal whose organization they are a member of, as
:func:`scotemp.core.permissions.parties_of` reads it: an API token sees only its own organization,
so a token for one organization never acts for the other side, even when its user belongs to both.
A member of both organizations using the site acts for their active organization."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.utils.translation import gettext as _

from scotemp.core.permissions import acting_organization_id, parties_of

BUYER, SELLER = "buyer", "seller"

# Blank as Python's str.strip() and the schema's \s read it (a byte order mark counts as blank).
BLANK = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\ufeff"


def conflict(message: str, **params) -> ValidationError:
    """A step the current state does not allow (HTTP 409, a flashed message on the pages)."""
    return ValidationError(message % params if params else message, code="conflict")


def clean_text(value, field: str, max_length: int) -> str:
    """Free text from any entry point, stripped; refused (naming ``field``) when it holds NUL
    characters, which PostgreSQL cannot store, or is longer than ``max_length``."""
    value = (value or "").strip(BLANK)
    try:
        ProhibitNullCharactersValidator()(value)
        MaxLengthValidator(max_length)(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}, code="invalid") from None
    return value


def side_of(user, party_row, org_ids: frozenset[int] | None = None) -> str | None:
    """``"buyer"`` or ``"seller"``: the side ``user`` acts for on an inquiry or deal (``None`` if
    neither). ``org_ids`` (:func:`scotemp.core.permissions.member_org_ids`, read once) saves a query
    per row in lists."""
    sides = parties_of(user, party_row, org_ids=org_ids)
    if len(sides) > 1:
        return SELLER if acting_organization_id(user) == party_row.seller_id else BUYER
    return sides[0] if sides else None


def require_side(user, party_row, side: str | None = None) -> str:
    """The side ``user`` acts for; ``PermissionDenied`` if none, or if it is not ``side``."""
    actual = side_of(user, party_row)
    if actual is None:
        raise PermissionDenied(_("Only members of the two organizations take part in this negotiation."))
    if side is not None and actual != side:
        if side == BUYER:
            raise PermissionDenied(_("Only the buyer's members can do this."))
        raise PermissionDenied(_("Only the seller's members can do this."))
    return actual


def org_id_of(party_row, side: str) -> int:
    """The organization on ``side`` of an inquiry or deal."""
    return party_row.buyer_id if side == BUYER else party_row.seller_id


def other_org_id(party_row, side: str) -> int:
    """The organization on the other side."""
    return party_row.seller_id if side == BUYER else party_row.buyer_id
