"""Notification kinds of the logistics app (see scotemp.core.registry)."""

from django.utils.translation import gettext_lazy as _  # noqa: F401

from scotemp.core.registry import Kind  # noqa: F401

KINDS = {
    # ---- freight quote requests and quotes ----
    # ---- shipments ----
}
