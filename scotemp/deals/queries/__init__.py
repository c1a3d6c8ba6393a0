"""Reads of the deals workflow for pages and API alike. Every row is fetched through
``visible_to(user)``: a third party gets 404 (or an empty list), never another organization's
negotiation; operators see a thread only once a party asked them in."""

import datetime
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from scotemp.core.models import AuditEntry
from scotemp.core.prepared import USER, PreparedQuery

from ..choices import TIMELINE_VERBS, DealEventKind, DealStatus
from ..models import (
    Attachment,
    Deal,
    DealConfirmation,
    Inquiry,
    Message,
    Quotation,
    Rfq,
    TermSheet,
    ThreadRead,
)

# The comparison of an RFQ's quotations (and the RFQ page's reads) live in their own module.
from .comparison import (  # noqa: F401
    QUOTATION_RELATED,
    RATE_CURRENCIES_CACHE_SECONDS,
    ComparedQuotation,
    Comparison,
    compare_quotations,
    comparison_currencies,
    inquiries_of_rfq,
    rate_currencies,
)

INQUIRY_RELATED = (
    "rfq",
    "rfq__hs_code",
    "rfq__unit",
    "rfq__currency",
    "rfq__incoterm",
    "rfq__incoterm_place",
    "buyer",
    "buyer__country",
    "seller",
    "seller__country",
)
TERMS_RELATED = (
    "hs_code",
    "unit",
    "currency",
    "incoterm",
    "incoterm_place",
    "proposed_by_org",
    "proposed_by",
)


def _count_of(messages):
    """The number of ``messages`` (a queryset correlated to the outer inquiry) as a subquery, 0 for none."""
    counted = messages.order_by().values("inquiry").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _with_unread(qs, user):
    """Each inquiry with ``read_at`` (when ``user`` last read its thread) and ``unread`` (messages by
    others since then). Correlated subqueries, not a join on the messages: the rows are not grouped
    by every column of their related rows."""
    read_at = ThreadRead.objects.filter(inquiry=OuterRef("pk"), user=user).values("read_at")[:1]
    qs = qs.annotate(read_at=Subquery(read_at))
    by_others = Message.objects.filter(inquiry=OuterRef("pk")).exclude(author=user)
    return qs.annotate(
        unread=Case(
            When(read_at__isnull=True, then=_count_of(by_others)),
            default=_count_of(by_others.filter(created_at__gt=OuterRef("read_at"))),
            output_field=IntegerField(),
        )
    )


# What a list of inquiries shows (the pipeline), no more: PostgreSQL spent 20-60 ms planning the
# join of a dozen tables of INQUIRY_RELATED (and its unread count) for 1 ms of execution, ~1 ms with
# these (and the counterpart's country, the only one a list shows).
INQUIRY_LIST_RELATED = ("rfq", "rfq__unit", "buyer", "seller", "deal")
COUNTERPART = {"buyer": "seller", "seller": "buyer"}


def inquiries_for(user, role: str | None = None, status: str | None = None, *, listing: bool = False):
    """The inquiries ``user`` takes part in (``role``: ``"buyer"`` sent, ``"seller"`` received),
    newest activity first, each with ``unread`` (messages by others not yet read) and its deal.
    ``listing``: only what a list shows (:data:`INQUIRY_LIST_RELATED`), in queries quick to plan."""
    if role in ("buyer", "seller"):
        qs = Inquiry.objects.on_side(user, role)
    else:
        qs = Inquiry.objects.visible_to(user)
    if listing:
        sides = [COUNTERPART[role]] if role in COUNTERPART else ["buyer", "seller"]
        countries = [f"{side}__country" for side in sides]
        qs = qs.select_related(*INQUIRY_LIST_RELATED, *countries)
    else:
        qs = qs.select_related(*INQUIRY_RELATED, "deal")
    if status:
        qs = qs.filter(status=status)
    return _with_unread(qs, user).order_by("-updated_at", "-pk")


def _one_inquiry(related: tuple[str, ...]) -> PreparedQuery:
    return PreparedQuery(
        lambda user, public_id: (
            Inquiry.objects.visible_to(user).select_related(*related).filter(public_id=public_id)[:1]
        ),
        user=USER,
        public_id=uuid.UUID,
    )


# Compiled once, planned once per connection on PostgreSQL (the thread's joins took longer to plan
# than to run): the thread page and every message posted read one of these.
_INQUIRY_FOR_VIEWER = _one_inquiry(INQUIRY_RELATED)
_INQUIRY_TO_POST = _one_inquiry(("rfq", "buyer", "seller"))


def inquiry_for_viewer(user, public_id) -> Inquiry:
    return _INQUIRY_FOR_VIEWER.get_or_404(user=user, public_id=public_id)


def inquiry_to_post(user, public_id) -> Inquiry:
    """An inquiry to post a message to, with only what posting reads (the request's goods, the two
    parties' names): building and reading the ten joins of :data:`INQUIRY_RELATED` was a third of
    the CPU of a message posted. A page shown again after an error loads the rest as it goes."""
    return _INQUIRY_TO_POST.get_or_404(user=user, public_id=public_id)


def rfq_for_viewer(user, public_id) -> Rfq:
    """An RFQ: its buyer's members (and operators) only; sellers see their inquiry instead."""
    return get_object_or_404(
        Rfq.objects.visible_to(user).select_related(
            "hs_code", "unit", "currency", "incoterm", "incoterm_place", "buyer__city"
        ),
        public_id=public_id,
    )


def rfq_for_buyer(user, public_id) -> Rfq:
    """An RFQ for its buyer's members only (not operators either): the comparison names every seller
    asked."""
    return get_object_or_404(Rfq.objects.member_of(user), public_id=public_id)


def quotations_of(inquiry: Inquiry):
    """Every version of the inquiry's quotation, newest first."""
    return inquiry.quotations.select_related(*QUOTATION_RELATED).order_by("-version")


def quotation_for_viewer(user, public_id) -> Quotation:
    return get_object_or_404(
        Quotation.objects.visible_to(user).select_related(*QUOTATION_RELATED, "inquiry", "inquiry__rfq"),
        public_id=public_id,
    )


def thread_of(inquiry: Inquiry):
    """The messages of the thread, oldest first, with author, organization and attachments."""
    return (
        Message.objects.filter(inquiry=inquiry)
        .select_related("author", "organization")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
        .order_by("created_at", "id")
    )


def message_for_viewer(user, public_id) -> Message:
    return get_object_or_404(Message.objects.visible_to(user).select_related("inquiry"), public_id=public_id)


def attachment_for_viewer(user, public_id) -> Attachment:
    return get_object_or_404(
        Attachment.objects.visible_to(user).select_related("message__inquiry"), public_id=public_id
    )


def deals_for(user, status: str | None = None, *, listing: bool = False):
    """The deals ``user`` takes part in, newest activity first. ``listing``: only what the pipeline
    shows, in queries quick to plan (see :data:`INQUIRY_LIST_RELATED`)."""
    if listing:
        qs = Deal.objects.visible_to(user).select_related(
            "buyer", "buyer__country", "seller", "seller__country", "current_terms"
        )
    else:
        qs = Deal.objects.visible_to(user).select_related(
            "buyer",
            "buyer__country",
            "seller",
            "seller__country",
            "current_terms",
            "current_terms__currency",
            "current_terms__unit",
            "inquiry",
        )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at", "-pk")


def deal_for_viewer(user, public_id) -> Deal:
    return get_object_or_404(
        Deal.objects.visible_to(user).select_related(
            "buyer",
            "buyer__country",
            "seller",
            "seller__country",
            "inquiry",
            "inquiry__rfq",
            "committee",
            *(f"current_terms__{f}" for f in TERMS_RELATED),
            *(f"agreed_terms__{f}" for f in TERMS_RELATED),
        ),
        public_id=public_id,
    )


def term_sheets_of(deal: Deal):
    """Every version of the deal's terms, newest first."""
    return deal.term_sheets.select_related(*TERMS_RELATED, "decided_by").order_by("-version")


def pending_terms(deal: Deal) -> TermSheet | None:
    return term_sheets_of(deal).filter(status="proposed").first()


def confirmations_of(deal: Deal) -> list[DealConfirmation]:
    """The deal's confirmations of "agree" and "sign" that were not withdrawn, oldest first."""
    return list(
        DealConfirmation.objects.filter(deal=deal, withdrawn_at__isnull=True)
        .select_related("organization", "terms", "confirmed_by")
        .order_by("created_at", "id")
    )


def confirmation_for_viewer(user, public_id) -> DealConfirmation:
    """A confirmation (and its signed contract) for the deal's two parties, or an operator asked in."""
    return get_object_or_404(
        DealConfirmation.objects.visible_to(user).select_related("deal"), public_id=public_id
    )


@dataclass(frozen=True)
class TimelineEvent:
    """One step of a deal's timeline, read from its audit entries and its term sheets'."""

    kind: str  # DealEventKind
    at: datetime.datetime
    actor: object  # the user, or None
    actor_org: object  # the organization they acted for, or None
    action: str  # the transition, for status changes
    from_status: str  # deal statuses, for status changes
    to_status: str
    reason: str
    terms_version: int | None
    confirmation: str = ""  # public id of the confirmation ("agree"/"sign" by one side)
    contract: bool = False  # that confirmation carried a signed contract

    def get_kind_display(self) -> str:
        return DealEventKind(self.kind).label

    def get_from_status_display(self) -> str:
        return DealStatus(self.from_status).label if self.from_status else ""

    def get_to_status_display(self) -> str:
        return DealStatus(self.to_status).label if self.to_status else ""


def deal_audit(deal: Deal):
    """The audit entries of a deal and of its term sheets, oldest first."""
    types = ContentType.objects.get_for_models(Deal, TermSheet)
    term_sheets = TermSheet.objects.filter(deal=deal).values("pk")
    return (
        AuditEntry.objects.filter(
            Q(subject_type=types[Deal], subject_id=deal.pk)
            | Q(subject_type=types[TermSheet], subject_id__in=term_sheets)
        )
        .select_related("actor", "organization")
        .order_by("at", "id")
    )


def timeline_of(deal: Deal) -> list[TimelineEvent]:
    """The deal's steps, oldest first: opened, each status change, each term sheet proposed,
    accepted or rejected; with who did each, for which organization, and why."""
    deal_type = ContentType.objects.get_for_model(Deal)
    events = []
    for entry in deal_audit(deal).filter(verb__in=list(TIMELINE_VERBS)):
        on_deal = entry.subject_type_id == deal_type.pk
        events.append(
            TimelineEvent(
                kind=TIMELINE_VERBS[entry.verb],
                at=entry.at,
                actor=entry.actor,
                actor_org=entry.organization,
                action=entry.data.get("action", ""),
                from_status=entry.from_status if on_deal else "",
                to_status=entry.to_status if on_deal else "",
                reason=entry.reason,
                terms_version=entry.data.get("terms_version"),
                confirmation=entry.data.get("confirmation", ""),
                contract=bool(entry.data.get("contract")),
            )
        )
    return events
