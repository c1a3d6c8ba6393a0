"""Notifications of the deals workflow: each step tells the other side's members, in the app and by
e-mail through the outbox, exactly once (the dedupe key names the step and the recipient)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scotemp.accounts.models import Membership
from scotemp.notifications.actions import GENERIC_TEMPLATE_PREFIX, notify
from scotemp.notifications.kinds import register_kind

register_kind(
    "deals.inquiry_received",
    _("New request for quotation: %(goods)s"),
    _("%(buyer)s asks for %(quantity)s. Open the inquiry to quote or decline."),
)
register_kind(
    "deals.inquiry_declined",
    _("%(seller)s declined your request “%(goods)s”"),
    _("Reason: %(reason)s"),
)
register_kind(
    "deals.answer_due",
    _("%(buyer)s expects your quotation for “%(goods)s”"),
    _("The buyer asked for an answer by %(respond_by)s. Quote or decline on the inquiry page."),
)
register_kind(
    "deals.quotation_expiring",
    _("The quotation of %(seller)s for “%(goods)s” expires soon"),
    _("Version %(version)s is valid until %(valid_until)s; it cannot be accepted after that."),
)
register_kind(
    "deals.inquiry_closed",
    _("%(buyer)s closed the request “%(goods)s”"),
    _("The buyer no longer needs a quotation from you for it."),
)
register_kind(
    "deals.operator_asked_in",
    _("The platform operator was asked into “%(goods)s”"),
    _("%(party)s asked the operator for help, who can now read this negotiation: %(reason)s"),
)
register_kind(
    "deals.quotation_received",
    _("Quotation from %(seller)s for “%(goods)s”"),
    _("Version %(version)s: %(price)s, valid until %(valid_until)s."),
)
register_kind(
    "deals.quotation_accepted",
    _("%(buyer)s accepted your quotation for “%(goods)s”"),
    _("A deal is open: agree the terms and sign the contract."),
)
register_kind(
    "deals.message",
    _("New message from %(sender)s about “%(goods)s”"),
    _("%(excerpt)s"),
)
register_kind(
    "deals.operator_access",
    _("An operator was asked into the thread “%(goods)s”"),
    _("%(requester)s asks for help: %(reason)s"),
)
register_kind(
    "deals.terms_proposed",
    _("%(party)s proposes new terms for “%(goods)s”"),
    _("Version %(version)s waits for your answer."),
)
register_kind(
    "deals.terms_decided",
    _("%(party)s answered your terms for “%(goods)s”"),
    _("Version %(version)s: %(decision)s."),
)
register_kind(
    "deals.status",
    _("Deal “%(goods)s”: %(status)s"),
    _("%(party)s moved the deal from “%(from_status)s” to “%(status)s”. %(reason)s"),
)


def members_of(organization_id: int):
    """The active users of an organization, who receive its notifications."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        pk__in=Membership.objects.filter(organization_id=organization_id).values("user_id"), is_active=True
    )


def tell(organization_id: int, kind: str, params: dict, url: str, step: str) -> int:
    """Notify every member of an organization about one step (``step`` names it uniquely, e.g.
    ``"quotation:42"``); returns how many were notified. Call inside the step's transaction."""
    count = 0
    for user in members_of(organization_id):
        notify(
            user, kind, params, url, f"deals:{step}:{user.pk}", email_template_prefix=GENERIC_TEMPLATE_PREFIX
        )
        count += 1
    return count


def inquiry_url(inquiry) -> str:
    return reverse("deals:inquiry", args=[inquiry.public_id])


def deal_url(deal) -> str:
    return reverse("deals:deal", args=[deal.public_id])
