"""The committees' models, by noun: the committee and its memberships, its workspace (officers, work
plan, KPI targets), its news and its documents library."""

from ..choices import CommitteeMembershipStatus
from .committees import Committee, CommitteeMembership
from .documents import CommitteeDocument
from .news import NewsPost
from .workspace import CommitteeOfficer, KpiTarget, WorkPlanItem

__all__ = [
    "Committee",
    "CommitteeDocument",
    "CommitteeMembership",
    "CommitteeMembershipStatus",
    "CommitteeOfficer",
    "KpiTarget",
    "NewsPost",
    "WorkPlanItem",
]
