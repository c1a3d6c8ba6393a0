"""Reads of the import promotion zone: the requirements checklist of an HS code, the showcase of SCO
offers to China and the aggregated demand of Chinese buyers."""

from .demand import demand_signals
from .requirements import Checklist, checklists_for, requirements_for
from .showcase import showcase

__all__ = ["Checklist", "checklists_for", "demand_signals", "requirements_for", "showcase"]
