"""Writes of trade leads: create, update and the lifecycle (publish, pause, close, renew, duplicate,
expire).

Guarantees of every action here:
- only members (any role) of the owning organization, or operators, change a lead
  (``Lead.objects.editable_by(user, role=MEMBER)``); a lead the user cannot see is 404, one they
  see but may not change ``PermissionDenied``;
- a status change follows :data:`TRANSITIONS` and is a guarded update: the row is locked
  (``select_for_update`` inside ``atomic``) and its status re-read before the change, so two
  concurrent requests cannot both act on the same state; a refused transition raises a translated
  ``ValidationError`` with ``code="conflict"`` (HTTP 409 in the API);
- every status change (and a lead's creation) is announced once, in the same transaction
  (:func:`scotemp.core.effects.announce`): one audit row with the status before and after; an expired
  lead's organization is told;
- one transaction per action: the lead, its countries, its search index rows and its audit row are
  written together or not at all (nothing half-saved); re-matching is queued only after commit.

Input values come from a valid lead form (``scotemp.trade.forms.lead_values``): views and the API
validate, then call one action.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scotemp.accounts.models import Organization
from scotemp.core.effects import Notice, announce
from scotemp.core.permissions import MEMBER

from ..choices import LeadKind, LeadStatus, default_valid_until, one_year_after
from ..models import Lead
from ..queries.leads import suggest_committee
from ..search.index import reindex_leads
from ..tasks.matching import rematch_lead, remove_lead_matches

S = LeadStatus
# action → (statuses it may start from, status it leads to; None keeps the status).
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "publish": (frozenset({S.DRAFT, S.PAUSED}), S.PUBLISHED),
    "pause": (frozenset({S.PUBLISHED}), S.PAUSED),
    "close": (frozenset({S.DRAFT, S.PUBLISHED, S.PAUSED, S.EXPIRED}), S.CLOSED),
    # Renewing extends the validity; an expired lead is published again, the others keep their status.
    "renew": (frozenset({S.PUBLISHED, S.PAUSED, S.EXPIRED}), None),
    "expire": (frozenset({S.PUBLISHED}), S.EXPIRED),
    "edit": (frozenset({S.DRAFT, S.PUBLISHED, S.PAUSED, S.EXPIRED}), None),
}
REFUSED = {
    "publish": gettext_lazy("This lead is “%(status)s”: it cannot be published."),
    "pause": gettext_lazy("This lead is “%(status)s”: only a published lead can be paused."),
    "close": gettext_lazy("This lead is already closed."),
    "renew": gettext_lazy("This lead is “%(status)s”: it cannot be renewed."),
    "expire": gettext_lazy("This lead is “%(status)s”: only a published lead expires."),
    "edit": gettext_lazy("This lead is “%(status)s” and cannot be changed; duplicate it to start again."),
}


def allowed_actions(status: str) -> list[str]:
    """The lifecycle actions (for buttons) a lead in ``status`` allows."""
    return [
        a for a, (sources, _t) in TRANSITIONS.items() if status in sources and a not in ("expire", "edit")
    ]


def _refuse(action: str, status: str):
    raise ValidationError(
        REFUSED[action] % {"status": LeadStatus(status).label}, code="conflict", params={"status": status}
    )


def _lock(user, lead: Lead) -> Lead:
    """The lead's row, locked, if ``user`` may change it: 404 when they cannot see it at all."""
    locked = Lead.objects.editable_by(user, role=MEMBER).select_for_update().filter(pk=lead.pk).first()
    if locked is None:
        if not Lead.objects.visible_to(user).filter(pk=lead.pk).exists():
            raise Http404
        raise PermissionDenied(_("Only members of the lead's organization can change it."))
    return locked


def _check(action: str, lead: Lead) -> None:
    if lead.status not in TRANSITIONS[action][0]:
        _refuse(action, lead.status)


def ensure_allowed(action: str, lead: Lead) -> None:
    """Raise the 409 error early (before validating input) when ``lead.status`` refuses ``action``;
    the action checks again on the locked row."""
    _check(action, lead)


def _changed(lead: Lead) -> None:
    """Refresh the lead's search index now and its matches once the transaction committed."""
    reindex_leads([lead.id])
    transaction.on_commit(lambda: rematch_lead.enqueue(lead.id))


def _announce(verb: str, user, lead: Lead, from_status: str, **extra) -> None:
    """The one audit row (and notices, if any) of a lead's change."""
    announce(
        verb,
        subject=lead,
        actor=user,
        organization=lead.organization_id,
        from_status=from_status,
        to_status=lead.status,
        **extra,
    )


def _apply(lead: Lead, values: dict) -> list[str]:
    """Copy form values onto the lead; returns the country codes to set."""
    values = dict(values)
    countries = values.pop("countries", [])
    for field, value in values.items():
        setattr(lead, field, value)
    if lead.committee_id is None and lead.hs_code_id:
        lead.committee = suggest_committee(lead.hs_code_id)
    if lead.kind == LeadKind.SELL and lead.origin_country_id is None:
        lead.origin_country_id = lead.organization.country_id
    return countries


def _validity_guard(lead: Lead, today: datetime.date) -> None:
    if lead.valid_until < today:
        raise ValidationError(
            {
                "valid_until": ValidationError(
                    _("The lead's validity ended on %(date)s: renew it first."),
                    code="valid_until_past",
                    params={"date": lead.valid_until.isoformat()},
                )
            }
        )


@transaction.atomic
def create_lead(user, organization: Organization, values: dict, publish: bool = False) -> Lead:
    """Create a draft lead of ``organization`` (or publish it at once with ``publish=True``)."""
    if not Organization.objects.editable_by(user, role=MEMBER).filter(pk=organization.pk).exists():
        raise PermissionDenied(_("Only members of an organization can post leads for it."))
    lead = Lead(organization=organization, author=user if user.is_authenticated else None)
    countries = _apply(lead, values)
    if publish:
        _validity_guard(lead, timezone.localdate())
        lead.status = S.PUBLISHED
        lead.published_at = timezone.now()
    lead.save()
    lead.countries.set(countries)
    _changed(lead)
    _announce("lead.created", user, lead, "")
    return lead


@transaction.atomic
def update_lead(user, lead: Lead, values: dict) -> Lead:
    """Change a lead's content; its status stays. Closed leads cannot be changed (409)."""
    lead = _lock(user, lead)
    _check("edit", lead)
    countries = _apply(lead, values)
    lead.save()
    lead.countries.set(countries)
    _changed(lead)
    return lead


@transaction.atomic
def publish_lead(user, lead: Lead) -> Lead:
    """draft/paused → published; the validity must not have ended (else renew)."""
    lead = _lock(user, lead)
    _check("publish", lead)
    _validity_guard(lead, timezone.localdate())
    before, lead.status = lead.status, S.PUBLISHED
    if lead.published_at is None:
        lead.published_at = timezone.now()
    lead.save(update_fields=["status", "published_at", "updated_at"])
    _changed(lead)
    _announce("lead.published", user, lead, before)
    return lead


@transaction.atomic
def pause_lead(user, lead: Lead) -> Lead:
    """published → paused: hidden from the public and from matching until published again."""
    lead = _lock(user, lead)
    _check("pause", lead)
    before, lead.status = lead.status, S.PAUSED
    lead.save(update_fields=["status", "updated_at"])
    _changed(lead)
    _announce("lead.paused", user, lead, before)
    return lead


@transaction.atomic
def close_lead(user, lead: Lead) -> Lead:
    """Any open state → closed (final: the deal is done or the need is gone)."""
    lead = _lock(user, lead)
    _check("close", lead)
    before, lead.status = lead.status, S.CLOSED
    lead.save(update_fields=["status", "updated_at"])
    _changed(lead)
    _announce("lead.closed", user, lead, before)
    return lead


@transaction.atomic
def renew_lead(user, lead: Lead, valid_until: datetime.date | None = None) -> Lead:
    """Extend the validity (90 days from today by default, at most one year from today); an expired
    lead is published again."""
    today = timezone.localdate()
    valid_until = valid_until or default_valid_until(today)
    if valid_until < today:
        raise ValidationError(
            {"valid_until": ValidationError(_("The validity date is in the past."), code="valid_until_past")}
        )
    limit = one_year_after(today)
    if valid_until > limit:
        raise ValidationError(
            {
                "valid_until": ValidationError(
                    _("A lead is valid for at most one year: choose %(limit)s or earlier."),
                    code="valid_until_too_far",
                    params={"limit": limit.isoformat()},
                )
            }
        )
    lead = _lock(user, lead)
    _check("renew", lead)
    before, previous_validity = lead.status, lead.valid_until
    lead.valid_until = valid_until
    if lead.status == S.EXPIRED:
        lead.status = S.PUBLISHED
        lead.published_at = timezone.now()
    lead.save(update_fields=["status", "valid_until", "published_at", "updated_at"])
    _changed(lead)
    _announce(
        "lead.renewed",
        user,
        lead,
        before,
        data={"valid_until": [previous_validity.isoformat(), valid_until.isoformat()]},
    )
    return lead


@transaction.atomic
def duplicate_lead(user, lead: Lead) -> Lead:
    """A new draft copy of the lead (any status, closed ones too) for the same organization."""
    source = _lock(user, lead)
    countries = list(source.countries.values_list("iso2", flat=True))
    today = timezone.localdate()
    copy = Lead.objects.get(pk=source.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.public_id = Lead._meta.get_field("public_id").get_default()
    copy.status = S.DRAFT
    copy.published_at = None
    copy.author = user if user.is_authenticated else source.author
    copy.valid_until = min(max(source.valid_until, default_valid_until(today)), one_year_after(today))
    if copy.delivery_from and copy.delivery_from < today:
        copy.delivery_from = None
    if copy.delivery_until and copy.delivery_until < today:
        copy.delivery_until = None
    copy.save()
    copy.countries.set(countries)
    _changed(copy)
    _announce("lead.created", user, copy, "", data={"copy_of": str(source.public_id)})
    return copy


def expire_leads(today: datetime.date | None = None) -> list[int]:
    """Published leads whose validity ended before ``today`` become expired; returns their ids.

    Guarded: only rows still published are changed (a lead renewed meanwhile stays published). Each
    expiry is announced (an audit row, and the lead's organization is told once); the leads' matches
    are removed after commit."""
    today = today or timezone.localdate()
    with transaction.atomic():
        leads = list(
            Lead.objects.select_for_update()
            .filter(status=S.PUBLISHED, valid_until__lt=today)
            .only(
                "organization_id",
                "public_id",
                "valid_until",
                "language",
                "title_en",
                "title_ru",
                "title_zh_hans",
            )
            .order_by("pk")
        )
        if not leads:
            return []
        ids = [lead.pk for lead in leads]
        Lead.objects.filter(id__in=ids, status=S.PUBLISHED).update(
            status=S.EXPIRED, updated_at=timezone.now()
        )
        reindex_leads(ids)
        for lead in leads:
            lead.status = S.EXPIRED
            notice = Notice(
                "lead.expired",
                {"lead_title": lead.titles()},
                reverse("trade:lead_detail", args=[lead.public_id]),
                organization_id=lead.organization_id,
            )
            _announce(
                "lead.expired",
                None,
                lead,
                S.PUBLISHED,
                notices=[notice],
                key=f"lead:{lead.pk}:expired:{lead.valid_until.isoformat()}",
            )
        transaction.on_commit(lambda: remove_lead_matches.enqueue(ids))
    return ids
