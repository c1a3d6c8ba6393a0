"""Reads about users and organizations."""

from .models import Organization


def active_organization_for(user):
    """The organization the user acts for: their saved choice if still a member, else their first."""
    orgs = Organization.objects.filter(memberships__user=user)
    if user.active_organization_id:
        chosen = orgs.filter(pk=user.active_organization_id).first()
        if chosen is not None:
            return chosen
    return orgs.order_by("memberships__created_at", "pk").first()
