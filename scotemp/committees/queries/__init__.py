"""Reads about committees, by noun: the committees and their members (``committees``), the workspace
(``workspace``: officers, plan, news, documents) and the KPIs (``kpis``)."""

from .committees import (
    APPROVED,
    PENDING,
    applications,
    approved_members,
    committee_detail,
    committee_for_hs,
    committee_id_for_hs,
    committee_list,
    committee_page,
    committee_scope,
    hs_scope_index,
    managed_committee,
    membership_of,
)

__all__ = [
    "APPROVED",
    "PENDING",
    "applications",
    "approved_members",
    "committee_detail",
    "committee_for_hs",
    "committee_id_for_hs",
    "committee_list",
    "committee_page",
    "committee_scope",
    "hs_scope_index",
    "managed_committee",
    "membership_of",
]
