"""Reads of the directory, one module per noun: profiles and who may edit them (:mod:`.profiles`),
the search (:mod:`.search`) and its facets (:mod:`.facets`), handover requests (:mod:`.handovers`)
and the inboxes (:mod:`.inbox`). Callers use the names re-exported here."""

from .facets import Facets, FacetValue, facets, widening_counts
from .handovers import handover, handover_decided, handover_queue
from .inbox import inbox_messages, inbox_of, unread_count
from .profiles import (
    Completeness,
    ProfileDisplay,
    description_field,
    organization_for_display,
    organization_to_edit,
    pick_description,
    profile_completeness,
    profile_for_display,
    profile_with_details,
    sees_private_fields,
    trading_names_list,
)
from .search import SearchPage, SearchParams, parse_text, search

__all__ = [
    "Completeness",
    "FacetValue",
    "Facets",
    "ProfileDisplay",
    "SearchPage",
    "SearchParams",
    "description_field",
    "facets",
    "handover",
    "handover_decided",
    "handover_queue",
    "inbox_messages",
    "inbox_of",
    "organization_for_display",
    "organization_to_edit",
    "parse_text",
    "pick_description",
    "profile_completeness",
    "profile_for_display",
    "profile_with_details",
    "search",
    "sees_private_fields",
    "trading_names_list",
    "unread_count",
    "widening_counts",
]
