"""Writes of a deal's term sheet versions: one side proposes a new version, the other accepts it (it
becomes the deal's current terms) or rejects it. At most one proposal is open at a time (a database
constraint), so two sides cannot propose at once; no term changes once the deal is agreed. A proposal
withdraws the confirmations of the terms either side gave ("agree" needs both sides again)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce

from ..choices import MAX_REASON_LENGTH, DealStatus, TermsStatus
from ..labels import choice_label, org_label
from ..models import Deal, TermSheet
from .common import BUYER, clean_text, conflict, org_id_of, other_org_id
from .deals import deal_side, withdraw_confirmations


def _supersede(terms: TermSheet, user, organization_id, at, decided: bool) -> None:
    """Mark a version replaced by a later one and record it (no notice: the step that caused it
    tells). ``decided``: the replacement ends an open proposal, so it was decided now."""
    before, status = terms.status, TermsStatus.SUPERSEDED
    terms.status = status
    fields = ["status", "updated_at"]
    if decided:
        terms.decided_at = at
        fields.append("decided_at")
    terms.save(update_fields=fields)
    announce(
        "terms.superseded",
        subject=terms,
        actor=user,
        organization=organization_id,
        from_status=before,
        to_status=status,
        at=at,
        data={"terms_version": terms.version},
    )


def propose_terms(user, deal: Deal, values: dict) -> TermSheet:
    """Propose a new version of the terms (from a valid ``TermSheetForm``). Only while negotiating;
    a side's own open proposal is replaced; the other side's open proposal must be answered first."""
    side = deal_side(user, deal)
    org_id = org_id_of(deal, side)
    with transaction.atomic():
        locked = Deal.objects.select_for_update().get(pk=deal.pk)
        if locked.status != DealStatus.NEGOTIATING:
            raise conflict(
                _("The deal is “%(status)s”: its terms are fixed."), status=DealStatus(locked.status).label
            )
        pending = TermSheet.objects.filter(deal=locked, status=TermsStatus.PROPOSED).first()
        if pending is not None and pending.proposed_by_org_id != org_id:
            raise conflict(_("The other side proposed new terms: accept or reject them first."))
        current = locked.current_terms
        if current is not None and all(
            getattr(current, f) == values.get(f) for f in TermSheet.TERM_FIELDS if f in values
        ):
            raise ValidationError(
                _("These are the current terms; change at least one term to propose a new version."),
                code="unchanged",
            )
        now = timezone.now()
        if pending is not None:
            _supersede(pending, user, org_id, now, decided=True)
        last = (
            TermSheet.objects.filter(deal=locked)
            .order_by("-version")
            .values_list("version", flat=True)
            .first()
        )
        try:
            with transaction.atomic():
                terms = TermSheet.objects.create(
                    deal=locked,
                    version=(last or 0) + 1,
                    status=TermsStatus.PROPOSED,
                    proposed_by_org_id=org_id,
                    proposed_by=user,
                    **values,
                )
        except IntegrityError:
            raise conflict(_("Someone proposed terms at the same moment. Reload the page.")) from None
        announce(
            "terms.proposed",
            subject=terms,
            actor=user,
            organization=org_id,
            to_status=terms.status,
            at=now,
            data={"terms_version": terms.version},
            notices=[
                Notice(
                    "deals.terms_proposed",
                    {
                        "goods": terms.goods,
                        "party": org_label(locked.buyer if side == BUYER else locked.seller),
                        "version": terms.version,
                    },
                    locked.get_absolute_url(),
                    organization_id=other_org_id(locked, side),
                    exclude_user_id=user.pk,
                )
            ],
            key=f"deals:terms:{terms.pk}",
        )
        # What either side confirmed is no longer what is on the table.
        withdraw_confirmations(user, locked, org_id, now)
    return terms


def decide_terms(user, terms: TermSheet, accept: bool, reason: str = "") -> TermSheet:
    """The other side accepts a proposed version (it becomes the deal's current terms) or rejects it
    (with a reason; the current terms stay)."""
    deal = terms.deal
    side = deal_side(user, deal)
    org_id = org_id_of(deal, side)
    reason = clean_text(reason, "reason", MAX_REASON_LENGTH)
    if not accept and not reason:
        raise ValidationError({"reason": [_("Say why you reject these terms.")]}, code="reason_missing")
    with transaction.atomic():
        locked = Deal.objects.select_for_update().get(pk=deal.pk)
        terms = TermSheet.objects.select_for_update().get(pk=terms.pk)
        if locked.status != DealStatus.NEGOTIATING or terms.status != TermsStatus.PROPOSED:
            raise conflict(_("These terms are no longer waiting for an answer."))
        if terms.proposed_by_org_id == org_id:
            raise PermissionDenied(_("The other side answers your proposal."))
        now = timezone.now()
        if accept and locked.current_terms_id:
            previous = TermSheet.objects.select_for_update().get(pk=locked.current_terms_id)
            _supersede(previous, user, org_id, now, decided=False)
        before, status = terms.status, (TermsStatus.ACCEPTED if accept else TermsStatus.REJECTED)
        terms.status = status
        terms.decided_by = user
        terms.decided_at = now
        terms.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        if accept:
            Deal.objects.filter(pk=locked.pk).update(current_terms=terms, updated_at=now)
        announce(
            f"terms.{status}",
            subject=terms,
            actor=user,
            organization=org_id,
            from_status=before,
            to_status=status,
            reason=reason,
            at=now,
            data={"terms_version": terms.version},
            notices=[
                Notice(
                    "deals.terms_decided",
                    {
                        "goods": terms.goods,
                        "party": org_label(locked.buyer if side == BUYER else locked.seller),
                        "version": terms.version,
                        "decision": choice_label(TermsStatus, status),
                    },
                    locked.get_absolute_url(),
                    organization_id=terms.proposed_by_org_id,
                    exclude_user_id=user.pk,
                )
            ],
            key=f"deals:terms-decided:{terms.pk}",
        )
    return terms
