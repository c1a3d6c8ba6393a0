"""Template tags of the delegation pages: the committee page's list of its delegations."""

from django import template

from ..queries import committee_delegations as committee_delegations_query

register = template.Library()


@register.inclusion_tag("delegations/_committee_delegations.html")
def committee_delegations(committee):
    return {**committee_delegations_query(committee), "committee": committee}
