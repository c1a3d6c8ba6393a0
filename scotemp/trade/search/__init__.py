"""Lead search: the text index (:mod:`.index`), the HS vocabulary (:mod:`.vocabulary`), the
parameters (:mod:`.params`) and the search itself (:mod:`.engine`)."""

from .engine import LeadResults, new_leads_since, search, search_leads
from .index import LEADS_GENERATION, reindex_all, reindex_leads
from .params import PER_PAGE, SearchParams, clean_params, parse_params
from .vocabulary import hs_match

__all__ = [
    "LEADS_GENERATION",
    "PER_PAGE",
    "LeadResults",
    "SearchParams",
    "clean_params",
    "hs_match",
    "new_leads_since",
    "parse_params",
    "reindex_all",
    "reindex_leads",
    "search",
    "search_leads",
]
