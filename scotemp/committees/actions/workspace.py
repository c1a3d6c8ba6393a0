"""Writes of a committee's workspace: the charter and scope, officers, the work plan and KPI targets.

Only the committee's secretary or an operator (404 for everybody else, the committee being public but
its workspace's controls not existing for them). Each change is one transaction and one announcement."""

import datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization
from scotemp.reference.models import HSCode

from ..choices import NOTE_MAX, CommitteeMembershipStatus, KpiMetric, OfficerRole, WorkItemStatus
from ..models import CommitteeMembership, CommitteeOfficer, KpiTarget, WorkPlanItem
from ..queries.kpis import forget_kpis
from .common import managed, record

LANGUAGE_SUFFIXES = ("en", "ru", "zh_hans")
CHARTER_MAX = 20000
TARGET_MAX = Decimal("1e13")


def _text_fields(values: dict, name: str, limit: int) -> dict[str, str]:
    out = {}
    for suffix in LANGUAGE_SUFFIXES:
        field = f"{name}_{suffix}"
        text = (values.get(field) or "").strip()
        if len(text) > limit:
            raise ValidationError({field: [_("Use at most %(max)d characters.") % {"max": limit}]})
        out[field] = text
    return out


def _chapters(codes) -> list[HSCode]:
    codes = [c.strip() for c in codes if c and c.strip()]
    found = {h.code: h for h in HSCode.objects.filter(level=2, code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError(
            {
                "hs_chapters": [
                    _("These are not HS chapters (two digits, 01 to 97): %(codes)s.")
                    % {"codes": ", ".join(unknown)}
                ]
            }
        )
    return [found[c] for c in dict.fromkeys(codes)]


@transaction.atomic
def update_charter(user, slug: str, values: dict):
    """Set the charter and activities (in each language: ``charter_en``, ``charter_ru``,
    ``charter_zh_hans``, ``activities_…``) and, if ``hs_chapters`` is given, the HS chapters covered."""
    committee = managed(user, slug, lock=True)
    fields = {
        **_text_fields(values, "charter", CHARTER_MAX),
        **_text_fields(values, "activities", CHARTER_MAX),
    }
    if not any(fields[f"charter_{s}"] for s in LANGUAGE_SUFFIXES):
        raise ValidationError({"charter_en": [_("Write the charter in at least one language.")]})
    for field, text in fields.items():
        setattr(committee, field, text)
    committee.save(update_fields=[*fields, "updated_at"])
    if values.get("hs_chapters") is not None:
        committee.hs_chapters.set(_chapters(values["hs_chapters"]))
    record("committees.charter_updated", committee, committee, actor=user)
    return committee


@transaction.atomic
def add_officer(user, slug: str, email: str, role: str, title: str = "") -> CommitteeOfficer:
    committee = managed(user, slug)
    if role not in OfficerRole.values:
        raise ValidationError({"role": [_("Choose the officer's role.")]})
    person = get_user_model().objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if person is None:
        raise ValidationError(
            {"email": [_("No one has an account with this e-mail address on the platform.")]}
        )
    if person.pk == committee.secretary_id:
        raise ValidationError({"email": [_("This is the committee's secretary.")]})
    officer, _created = CommitteeOfficer.objects.update_or_create(
        committee=committee, user=person, defaults={"role": role, "title": (title or "").strip()[:200]}
    )
    record("committees.officer_set", officer, committee, actor=user, after=role)
    return officer


@transaction.atomic
def remove_officer(user, slug: str, officer_id: int) -> None:
    committee = managed(user, slug)
    officer = get_object_or_404(
        CommitteeOfficer.objects.select_related("user"), committee=committee, pk=officer_id
    )
    record("committees.officer_removed", officer, committee, actor=user, before=officer.role)
    officer.delete()


def _owner(committee, values) -> tuple[Organization | None, object | None]:
    org_id = values.get("owner_organization")
    email = (values.get("owner_email") or "").strip()
    if org_id and email:
        raise ValidationError(
            {"owner_email": [_("Name either a member organization or a person as the owner, not both.")]}
        )
    if org_id:
        membership = (
            CommitteeMembership.objects.filter(
                committee=committee, status=CommitteeMembershipStatus.APPROVED, organization__public_id=org_id
            )
            .select_related("organization")
            .first()
        )
        if membership is None:
            raise ValidationError(
                {"owner_organization": [_("The owner must be a member organization of the committee.")]}
            )
        return membership.organization, None
    if email:
        person = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise ValidationError(
                {"owner_email": [_("No one has an account with this e-mail address on the platform.")]}
            )
        return None, person
    return None, None


def _plan_values(committee, values: dict) -> dict:
    errors = {}
    title = (values.get("title") or "").strip()
    if not title:
        errors["title"] = [_("Say what is to be done.")]
    elif len(title) > 300:
        errors["title"] = [_("Use at most %(max)d characters.") % {"max": 300}]
    due = values.get("due_date")
    if isinstance(due, str):
        try:
            due = datetime.date.fromisoformat(due)
        except ValueError:
            due = None
    if not isinstance(due, datetime.date):
        errors["due_date"] = [_("Enter the due date (YYYY-MM-DD).")]
    status = values.get("status") or WorkItemStatus.PLANNED
    if status not in WorkItemStatus.values:
        errors["status"] = [_("Choose a status: planned, in progress, done or cancelled.")]
    notes = (values.get("notes") or "").strip()
    if len(notes) > NOTE_MAX:
        errors["notes"] = [_("Use at most %(max)d characters.") % {"max": NOTE_MAX}]
    if errors:
        raise ValidationError(errors)
    organization, person = _owner(committee, values)
    return {
        "title": title,
        "due_date": due,
        "year": due.year,
        "status": status,
        "notes": notes,
        "owner_organization": organization,
        "owner_user": person,
    }


@transaction.atomic
def save_plan_item(user, slug: str, values: dict, item_id: int | None = None) -> WorkPlanItem:
    """Add an item to the work plan (``item_id`` None) or change one. Its year is its due date's."""
    committee = managed(user, slug)
    fields = _plan_values(committee, values)
    if item_id is None:
        item = WorkPlanItem.objects.create(committee=committee, **fields)
        before = ""
    else:
        item = get_object_or_404(WorkPlanItem.objects.select_for_update(), committee=committee, pk=item_id)
        before = item.status
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()
    record("committees.plan_item_saved", item, committee, actor=user, before=before, after=item.status)
    return item


@transaction.atomic
def set_kpi_targets(user, slug: str, year: int, targets: dict) -> list[KpiTarget]:
    """Set the targets of ``year`` (metric → number; an empty value removes that target)."""
    committee = managed(user, slug)
    this_year = timezone.localdate().year
    if not isinstance(year, int) or not this_year - 1 <= year <= this_year + 5:
        raise ValidationError(
            {
                "year": [
                    _("Set targets for a year from %(first)d to %(last)d.")
                    % {"first": this_year - 1, "last": this_year + 5}
                ]
            }
        )
    errors, parsed = {}, {}
    for metric, raw in targets.items():
        if metric not in KpiMetric.values:
            errors[metric] = [_("This is not one of the committee's indicators.")]
            continue
        if raw is None or str(raw).strip() == "":
            parsed[metric] = None
            continue
        try:
            number = Decimal(str(raw).strip().replace(",", "."))
        except InvalidOperation:
            errors[metric] = [_("Enter a number.")]
            continue
        if not number.is_finite() or number < 0 or number >= TARGET_MAX:
            errors[metric] = [_("Enter a number from 0 to 9,999,999,999,999.")]
            continue
        parsed[metric] = number.quantize(Decimal("0.01"))
    if errors:
        raise ValidationError(errors)
    for metric, number in parsed.items():
        if number is None:
            KpiTarget.objects.filter(committee=committee, year=year, metric=metric).delete()
        else:
            KpiTarget.objects.update_or_create(
                committee=committee, year=year, metric=metric, defaults={"target": number}
            )
    record(
        "committees.kpi_targets_set",
        committee,
        committee,
        actor=user,
        data={"year": year, "targets": {m: str(n) if n is not None else None for m, n in parsed.items()}},
    )
    transaction.on_commit(lambda: forget_kpis(committee.pk, year))
    return list(KpiTarget.objects.filter(committee=committee, year=year))
