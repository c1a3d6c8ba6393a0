"""Notification kinds of the logistics app (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

KINDS = {
    # ---- freight quote requests and quotes ----
    "logistics.freight_inquiry_received": Kind(
        _("Freight quote request: %(goods)s, %(origin)s → %(destination)s"),
        _("%(shipper)s asks for a freight quote. Open the inquiry to quote or decline."),
    ),
    "logistics.freight_quote_received": Kind(
        _("%(provider)s quoted %(price)s for “%(goods)s”"),
        _(
            "Version %(version)s, %(origin)s → %(destination)s, valid until %(valid_until)s. "
            "Compare and book on the request page."
        ),
    ),
    "logistics.freight_declined": Kind(
        _("%(provider)s declined your freight request “%(goods)s”"),
        _("Reason: %(reason)s"),
    ),
    "logistics.freight_booked": Kind(
        _("%(shipper)s booked your quote for “%(goods)s”"),
        _("Version %(version)s, %(origin)s → %(destination)s, is booked. The shipment follows."),
    ),
    "logistics.freight_not_chosen": Kind(
        _("Your quote for “%(goods)s” was not chosen"),
        _("The shipper booked another provider for %(origin)s → %(destination)s. Thank you for quoting."),
    ),
    "logistics.freight_cancelled": Kind(
        _("The freight request “%(goods)s” was cancelled"),
        _("The shipper no longer needs a quote for %(origin)s → %(destination)s."),
    ),
    "logistics.freight_message": Kind(
        _("New message from %(sender)s about “%(goods)s”"),
        _("%(excerpt)s"),
    ),
    # ---- shipments ----
    "logistics.shipment_delayed": Kind(
        _("Shipment %(reference)s is late: now expected %(eta)s"),
        _(
            "The estimated arrival slipped by %(hours)s hours past the planned %(planned)s. "
            "Open the shipment to see its timeline."
        ),
    ),
}
