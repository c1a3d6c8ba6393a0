"""What every freight action shares: who is a provider, the two sides of a freight inquiry, conflicts,
checked free text and the notification params that read differently per language.

A user acts for the side(s) of a freight inquiry whose organization they are a member of, as
:func:`scotemp.core.permissions.parties_of` reads it (an API token sees only its organization)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.utils.translation import gettext as _

from scotemp.core.permissions import acting_organization_id, parties_of
from scotemp.deals.labels import money_params, org_label  # noqa: F401  (re-exported)
from scotemp.directory.models import ProfileActivity

from ...choices.freight import PROVIDER_ACTIVITIES

SHIPPER, PROVIDER = "shipper", "provider"
BLANK = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\ufeff"


def conflict(message: str, **params) -> ValidationError:
    """A step the current state does not allow (HTTP 409, a flashed message on the pages)."""
    return ValidationError(message % params if params else message, code="conflict")


def clean_text(value, field: str, max_length: int) -> str:
    value = (value or "").strip(BLANK)
    try:
        ProhibitNullCharactersValidator()(value)
        MaxLengthValidator(max_length)(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}, code="invalid") from None
    return value


def provider_org_ids(org_ids=None):
    """Organizations whose directory profile names a provider activity (a queryset of ids)."""
    qs = ProfileActivity.objects.filter(activity__in=PROVIDER_ACTIVITIES)
    if org_ids is not None:
        qs = qs.filter(profile__organization_id__in=org_ids)
    return qs.values_list("profile__organization_id", flat=True).distinct()


def is_provider(organization) -> bool:
    return provider_org_ids([organization.pk]).exists()


def require_provider(organization, field: str = "__all__") -> None:
    """Only a provider publishes lane rates and service offers: a clear refusal for anybody else."""
    if not is_provider(organization):
        raise PermissionDenied(
            _(
                "Only service providers (forwarders, carriers, customs brokers, insurers, banks, "
                "inspection bodies, warehouses) publish lane rates and service offers. Add the "
                "activity to your organization's directory profile first."
            )
        )


def side_of(user, inquiry, org_ids=None) -> str | None:
    sides = parties_of(user, inquiry, org_ids=org_ids)
    if len(sides) > 1:
        return PROVIDER if acting_organization_id(user) == inquiry.provider_id else SHIPPER
    return sides[0] if sides else None


def require_side(user, inquiry, side: str | None = None) -> str:
    actual = side_of(user, inquiry)
    if actual is None:
        raise PermissionDenied(_("Only members of the shipper and the provider take part in this inquiry."))
    if side is not None and actual != side:
        if side == SHIPPER:
            raise PermissionDenied(_("Only the shipper's members can do this."))
        raise PermissionDenied(_("Only the provider's members can do this."))
    return actual


def org_id_of(inquiry, side: str) -> int:
    return inquiry.shipper_id if side == SHIPPER else inquiry.provider_id


def other_org_id(inquiry, side: str) -> int:
    return inquiry.provider_id if side == SHIPPER else inquiry.shipper_id


def lane_label(origin, destination) -> str:
    return f"{origin.name} ({origin.pk}) → {destination.name} ({destination.pk})"
