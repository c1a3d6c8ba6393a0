"""Writes of delegations: the organizer (an operator, or the secretary of the delegation's committee)
creates and edits a delegation and moves its status along planned → confirmed → under way →
completed (or cancelled)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scotemp.core.effects import announce
from scotemp.core.permissions import is_operator

from ..choices import TRANSITIONS, DelegationStatus, Direction
from ..models import Delegation
from ..queries import can_create
from .common import apply_translated, conflict, first_text, notices_to_members, require_organizer

TRANSLATED = ("title", "purpose", "head_title")
PLAIN = (
    "direction",
    "country",
    "starts_on",
    "ends_on",
    "committee",
    "head_name",
    "members_note",
    "published",
)
MAX_CITIES = 12


def _check_committee(user, committee) -> None:
    if is_operator(user):
        return
    if committee is None or committee.secretary_id != user.pk:
        raise ValidationError(
            {"committee": [_("Committee: choose the committee of which you are the secretary.")]},
            code="not_secretary",
        )


def _check_values(values: dict, delegation: Delegation | None = None) -> None:
    errors: dict[str, list[str]] = {}
    merged_title = first_text(values, "title") or (delegation and delegation.title)
    if not merged_title:
        errors["title_en"] = [_("Title: write it in at least one language.")]
    if "direction" in values and values["direction"] not in Direction.values:
        errors["direction"] = [_("Direction: choose inbound or outbound.")]
    if "country" in values and values["country"] is None:
        errors["country"] = [_("Country: choose the country the delegation comes from or goes to.")]
    starts = values.get("starts_on", delegation.starts_on if delegation else None)
    ends = values.get("ends_on", delegation.ends_on if delegation else None)
    if not starts:
        errors["starts_on"] = [_("First day: enter the date the visit begins.")]
    if not ends:
        errors["ends_on"] = [_("Last day: enter the date the visit ends.")]
    if starts and ends and ends < starts:
        errors["ends_on"] = [_("Last day: choose a date on or after the first day.")]
    elif delegation is not None and starts and ends:
        outside = delegation.programme.exclude(day__range=(starts, ends)).order_by("day").first()
        if outside is not None:
            errors["ends_on"] = [
                _(
                    "Dates: the programme has an item on %(day)s, outside the new dates; "
                    "move or remove it first."
                )
                % {"day": outside.day.isoformat()}
            ]
    if len(values.get("cities") or ()) > MAX_CITIES:
        errors["cities"] = [_("Cities visited: at most %(max)d.") % {"max": MAX_CITIES}]
    if errors:
        raise ValidationError(errors, code="invalid")


def _apply(delegation: Delegation, values: dict) -> None:
    for name in PLAIN:
        if name in values:
            value = values[name]
            if isinstance(value, str):
                value = value.strip()
            if name == "published":
                value = bool(value)
            setattr(delegation, name, value)
    apply_translated(delegation, values, TRANSLATED)


@transaction.atomic
def create_delegation(user, values: dict) -> Delegation:
    """A new planned delegation (public once ``published`` is set)."""
    if not can_create(user):
        raise PermissionDenied(_("Only the operator or a committee secretary can create a delegation."))
    _check_committee(user, values.get("committee"))
    _check_values(values)
    delegation = Delegation(created_by=user, status=DelegationStatus.PLANNED)
    _apply(delegation, values)
    delegation.save()
    if values.get("cities"):
        delegation.cities.set(values["cities"])
    announce("delegation.created", subject=delegation, actor=user, to_status=delegation.status)
    return delegation


@transaction.atomic
def update_delegation(user, delegation: Delegation, values: dict) -> Delegation:
    delegation = (
        Delegation.objects.select_for_update(of=("self",)).select_related("committee").get(pk=delegation.pk)
    )
    require_organizer(user, delegation)
    if delegation.status == DelegationStatus.CANCELLED:
        raise conflict(_("This delegation was cancelled; it can no longer be changed."))
    if "committee" in values and values["committee"] != delegation.committee:
        _check_committee(user, values.get("committee"))
    _check_values(values, delegation)
    _apply(delegation, values)
    delegation.save()
    if "cities" in values:
        delegation.cities.set(values["cities"] or [])
    announce("delegation.updated", subject=delegation, actor=user)
    return delegation


@transaction.atomic
def change_status(user, delegation: Delegation, status: str, reason: str = "") -> Delegation:
    """Move the delegation one step (or cancel it). Confirming tells every member organization."""
    delegation = (
        Delegation.objects.select_for_update(of=("self",)).select_related("committee").get(pk=delegation.pk)
    )
    require_organizer(user, delegation)
    if status not in DelegationStatus.values:
        raise ValidationError({"status": [_("Status: choose one of the listed statuses.")]}, code="invalid")
    before = delegation.status
    if status == before:
        return delegation  # asked twice: nothing more to do
    if status not in TRANSITIONS[before]:
        raise conflict(
            _("A delegation that is “%(before)s” cannot become “%(after)s”.")
            % {"before": DelegationStatus(before).label, "after": DelegationStatus(status).label}
        )
    delegation.status = status
    reason = (reason or "").strip()[:2000]
    fields = ["status", "updated_at"]
    if status == DelegationStatus.CANCELLED:
        delegation.cancelled_reason = reason
        fields.append("cancelled_reason")
    delegation.save(update_fields=fields)
    notices = []
    if status == DelegationStatus.CONFIRMED:
        notices = notices_to_members(delegation, "delegations.confirmed", exclude_user=user)
    elif status == DelegationStatus.CANCELLED:
        notices = notices_to_members(
            delegation, "delegations.cancelled", {"reason": reason}, exclude_user=user
        )
    announce(
        "delegation.status_changed",
        subject=delegation,
        actor=user,
        from_status=before,
        to_status=status,
        reason=reason,
        notices=notices,
        key=f"delegation:{delegation.pk}:status:{status}",
    )
    return delegation
