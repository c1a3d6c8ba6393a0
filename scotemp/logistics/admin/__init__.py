"""Admin of the logistics app, one module per noun: the operator edits the network, the schedules,
and sees lane rates, quotes and shipments."""

from . import costs, freight, network, shipments  # noqa: F401
