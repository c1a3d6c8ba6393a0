"""Writes of a delegation's programme and outcomes: the organizer adds, edits and removes programme
items (each on a day of the visit) and records what came of it. A changed programme is told to the
member organizations."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from scotemp.core.effects import announce

from ..choices import DelegationStatus, MemberStatus, OutcomeKind, ProgrammeKind
from ..models import Delegation, Outcome, ProgrammeItem
from .common import apply_translated, conflict, first_text, notices_to_members, require_organizer

ITEM_TRANSLATED = ("title", "description", "venue")
ITEM_PLAIN = ("day", "starts_at", "ends_at", "kind", "city", "host", "event")


def _check_item(delegation: Delegation, values: dict, item: ProgrammeItem | None) -> None:
    errors: dict[str, list[str]] = {}
    if not first_text(values, "title") and not (item and item.title):
        errors["title_en"] = [_("Title: write it in at least one language.")]
    if "kind" in values and values["kind"] not in ProgrammeKind.values:
        errors["kind"] = [_("Kind: choose one of the listed kinds.")]
    day = values.get("day", item.day if item else None)
    if day is None:
        errors["day"] = [_("Day: enter the date of this item.")]
    elif not delegation.starts_on <= day <= delegation.ends_on:
        errors["day"] = [
            _("Day: choose a date within the visit, from %(first)s to %(last)s.")
            % {"first": delegation.starts_on.isoformat(), "last": delegation.ends_on.isoformat()}
        ]
    starts = values.get("starts_at", item.starts_at if item else None)
    ends = values.get("ends_at", item.ends_at if item else None)
    if starts and ends and ends < starts:
        errors["ends_at"] = [_("Ends: choose a time after the start.")]
    if errors:
        raise ValidationError(errors, code="invalid")


def _open(delegation: Delegation) -> None:
    if delegation.status == DelegationStatus.CANCELLED:
        raise conflict(_("This delegation was cancelled; it can no longer be changed."))


@transaction.atomic
def save_programme_item(user, delegation: Delegation, values: dict, item: ProgrammeItem | None = None):
    """Add (``item`` None) or edit a programme item; the member organizations are told."""
    delegation = (
        Delegation.objects.select_for_update(of=("self",)).select_related("committee").get(pk=delegation.pk)
    )
    require_organizer(user, delegation)
    _open(delegation)
    if item is not None and item.delegation_id != delegation.pk:
        raise ValidationError(_("This item belongs to another delegation."), code="invalid")
    if "kind" not in values and item is None:
        values = {**values, "kind": ProgrammeKind.MEETING}
    _check_item(delegation, values, item)
    item = item or ProgrammeItem(delegation=delegation)
    for name in ITEM_PLAIN:
        if name in values:
            setattr(item, name, values[name])
    apply_translated(item, values, ITEM_TRANSLATED)
    created = item.pk is None
    item.save()
    announce(
        "delegation.programme_changed",
        subject=delegation,
        actor=user,
        data={"item": item.pk, "created": created},
        notices=notices_to_members(
            delegation, "delegations.programme_changed", {"day": item.day.isoformat()}, exclude_user=user
        ),
    )
    return item


@transaction.atomic
def delete_programme_item(user, item: ProgrammeItem) -> None:
    delegation = item.delegation
    require_organizer(user, delegation)
    _open(delegation)
    day = item.day
    item.delete()
    announce(
        "delegation.programme_changed",
        subject=delegation,
        actor=user,
        data={"removed": True},
        notices=notices_to_members(
            delegation, "delegations.programme_changed", {"day": day.isoformat()}, exclude_user=user
        ),
    )


@transaction.atomic
def record_outcome(user, delegation: Delegation, values: dict) -> Outcome:
    """Record what came of the delegation: its kind, a note, the request for quotation, deal or
    cooperation project it led to (one of a member organization) and the organizations involved."""
    from scotemp.deals.models import Deal, Rfq
    from scotemp.projects.choices import PartnerStatus
    from scotemp.projects.models import Project

    delegation = Delegation.objects.select_related("committee").get(pk=delegation.pk)
    require_organizer(user, delegation)
    errors: dict[str, list[str]] = {}
    if values.get("kind") not in OutcomeKind.values:
        errors["kind"] = [_("Kind: choose one of the listed kinds.")]
    rfq, deal = values.get("rfq"), values.get("deal")
    # A request or a deal is private to its parties: one may be linked when a member organization of
    # the delegation is one of them (the page then shows the link to those who may open it).
    members = delegation.members.filter(status=MemberStatus.ACCEPTED).values("organization_id")
    if rfq is not None and not (
        Rfq.objects.filter(pk=rfq.pk)
        .filter(Q(buyer_id__in=members) | Q(inquiries__seller_id__in=members))
        .exists()
    ):
        errors["rfq"] = [
            _("Request for quotation: choose a request of one of the delegation's member organizations.")
        ]
    if deal is not None and not (
        Deal.objects.filter(pk=deal.pk).filter(Q(buyer_id__in=members) | Q(seller_id__in=members)).exists()
    ):
        errors["deal"] = [_("Deal: choose a deal of one of the delegation's member organizations.")]
    project = values.get("project")
    # A project is linked when a member organization owns it or is one of its accepted partners.
    if project is not None and not (
        Project.objects.filter(pk=project.pk)
        .filter(
            Q(owner_id__in=members)
            | Q(partners__organization_id__in=members, partners__status=PartnerStatus.ACCEPTED)
        )
        .exists()
    ):
        errors["project"] = [
            _("Cooperation project: choose a project of one of the delegation's member organizations.")
        ]
    if errors:
        raise ValidationError(errors, code="invalid")
    outcome = Outcome(
        delegation=delegation, kind=values["kind"], rfq=rfq, deal=deal, project=project, recorded_by=user
    )
    apply_translated(outcome, values, ("note",))
    outcome.save()
    if values.get("organizations"):
        outcome.organizations.set(values["organizations"])
    announce(
        "delegation.outcome_recorded",
        subject=delegation,
        actor=user,
        data={"outcome": outcome.pk, "kind": outcome.kind},
    )
    return outcome
