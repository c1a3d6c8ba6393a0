"""``{% latest_committee_news %}``: the latest published committee news, for the home page."""

from django import template

from ..queries.workspace import published_news

register = template.Library()

HOME_NEWS = 3


@register.inclusion_tag("committees/_latest_news.html")
def latest_committee_news(count: int = HOME_NEWS):
    return {"latest_news": list(published_news(limit=count))}
