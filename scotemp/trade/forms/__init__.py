"""Forms of trade: the lead form (:mod:`.leads`) and its fields (:mod:`.fields`)."""

from .leads import LeadForm, lead_initial, lead_values

__all__ = ["LeadForm", "lead_initial", "lead_values"]
