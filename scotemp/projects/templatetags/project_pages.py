"""Template tags of the project pages: a committee's projects (the include on the committee page)."""

from django import template

from ..queries.projects import committee_projects as committee_projects_query

register = template.Library()


@register.inclusion_tag("projects/_committee_projects.html")
def committee_projects(committee):
    """``{% committee_projects committee %}``: the committee's published projects (one query)."""
    return {"committee": committee, "projects": committee_projects_query(committee)}
