"""``{% latest_committee_news %}``: the latest published committee news, for the home page.

One query, then kept in the shared cache for a minute per language (titles are in the reader's
language); publishing a post forgets it (``queries.workspace.forget_latest_news``)."""

from django import template

from ..queries.workspace import latest_news

register = template.Library()


@register.inclusion_tag("committees/_latest_news.html")
def latest_committee_news():
    return {"latest_news": latest_news()}
