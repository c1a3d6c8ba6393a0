"""Notification kinds of the deals workflow (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

KINDS = {
    "deals.inquiry_received": Kind(
        _("New request for quotation: %(goods)s"),
        _("%(buyer)s asks for %(quantity)s. Open the inquiry to quote or decline."),
    ),
    "deals.inquiry_declined": Kind(
        _("%(seller)s declined your request “%(goods)s”"),
        _("Reason: %(reason)s"),
    ),
    "deals.answer_due": Kind(
        _("%(buyer)s expects your quotation for “%(goods)s”"),
        _("The buyer asked for an answer by %(respond_by)s. Quote or decline on the inquiry page."),
    ),
    "deals.quotation_expiring": Kind(
        _("The quotation of %(seller)s for “%(goods)s” expires soon"),
        _("Version %(version)s is valid until %(valid_until)s; it cannot be accepted after that."),
    ),
    "deals.inquiry_closed": Kind(
        _("%(buyer)s closed the request “%(goods)s”"),
        _("The buyer no longer needs a quotation from you for it."),
    ),
    "deals.operator_asked_in": Kind(
        _("The platform operator was asked into “%(goods)s”"),
        _("%(party)s asked the operator for help, who can now read this negotiation: %(reason)s"),
    ),
    "deals.quotation_received": Kind(
        _("Quotation from %(seller)s for “%(goods)s”"),
        _("Version %(version)s: %(price)s, valid until %(valid_until)s."),
    ),
    "deals.offer_received": Kind(
        _("Offer from %(seller)s on your buy request “%(goods)s”"),
        _(
            "%(price)s for %(quantity)s, valid until %(valid_until)s. "
            "Open it to accept the offer or negotiate."
        ),
    ),
    "deals.quotation_accepted": Kind(
        _("%(buyer)s accepted your quotation for “%(goods)s”"),
        _("A deal is open: agree the terms and sign the contract."),
    ),
    "deals.message": Kind(
        _("New message from %(sender)s about “%(goods)s”"),
        _("%(excerpt)s"),
    ),
    "deals.operator_access": Kind(
        _("An operator was asked into the thread “%(goods)s”"),
        _("%(requester)s asks for help: %(reason)s"),
    ),
    "deals.terms_proposed": Kind(
        _("%(party)s proposes new terms for “%(goods)s”"),
        _("Version %(version)s waits for your answer."),
    ),
    "deals.terms_decided": Kind(
        _("%(party)s answered your terms for “%(goods)s”"),
        _("Version %(version)s: %(decision)s."),
    ),
    "deals.confirmation_wanted": Kind(
        _("%(party)s confirmed “%(step)s” for “%(goods)s”"),
        _("They confirmed terms version %(version)s. The deal moves on when your side confirms too."),
    ),
    "deals.status": Kind(
        _("Deal “%(goods)s”: %(status)s"),
        _("%(party)s moved the deal from “%(from_status)s” to “%(status)s”. %(reason)s"),
    ),
}
