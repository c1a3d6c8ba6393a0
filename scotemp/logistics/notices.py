"""Notification kinds of the logistics app (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _

from scotemp.core.registry import Kind

KINDS = {
    # ---- freight quote requests and quotes ----
    # ---- shipments ----
    "logistics.shipment_delayed": Kind(
        _("Shipment %(reference)s is late: now expected %(eta)s"),
        _(
            "The estimated arrival slipped by %(hours)s hours past the planned %(planned)s. "
            "Open the shipment to see its timeline."
        ),
    ),
}
