"""Reads of saved searches: a user's own, and the search page a saved search opens."""

from django.urls import reverse
from django.utils.http import urlencode

from scotemp.core.permissions import bound_organization_id

from ..models import SavedSearch


def saved_searches_of(user):
    """The saved searches of ``user`` (a search belongs to the person who saved it); a token sees only
    those saved for its organization."""
    if not user or not user.is_authenticated:
        return SavedSearch.objects.none()
    searches = SavedSearch.objects.filter(user=user)
    bound = bound_organization_id(user)
    return searches.filter(organization_id=bound) if bound is not None else searches


def search_url(params: dict) -> str:
    query = urlencode(params)
    return reverse("trade:list") + (f"?{query}" if query else "")
