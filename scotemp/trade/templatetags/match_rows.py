"""``{% match_row m show_own %}``: one match of a match list, written in Python.

A page of matches shows twenty rows of five links, four forms and a dozen translations each; written
by the template language they cost most of the page. The row says exactly what
``trade/_match_list.html`` said per match; who may see it was decided by the query
(:mod:`scotemp.trade.queries.matches`) before the row is written."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from scotemp.core.links import link
from scotemp.logistics.templatetags.logistics_routes import route_between_html

from .matches import lead_title

register = template.Library()


def _csrf_input(context) -> str:
    token = context.get("csrf_token")
    if not token or str(token) == "NOTPROVIDED":
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def _form(match_pk, action: str, css: str, label: str, csrf: str) -> str:
    return format_html(
        '<form method="post" action="{}">{}\n'
        '        <button class="btn btn-small {}" type="submit">{}</button></form>',
        link("trade:match_decide", match_pk, action),
        csrf,
        css,
        label,
    )


def _route(m):
    """Whether the corridor network joins the seller's named place to the buyer's, and how long."""
    seller, buyer = (m.counterpart, m.own) if m.counterpart.kind == "sell" else (m.own, m.counterpart)
    return mark_safe(
        route_between_html(seller.incoterm_place_id, buyer.incoterm_place_id)
    )  # rendered template


@register.simple_tag(takes_context=True)
def match_row(context, m, show_own=False) -> str:
    """The ``<li>`` of one :class:`~scotemp.trade.queries.matches.MatchView`."""
    csrf = _csrf_input(context)  # the same masked token in every form of the page, as {% csrf_token %}
    counterpart, match = m.counterpart, m.match
    organization = counterpart.organization
    if counterpart.kind == "sell":
        action = format_html(
            '<a class="btn btn-small btn-primary" href="{}?lead={}">{}</a>',
            link("deals:rfq_new"),
            counterpart.public_id,
            gettext("Request a quotation"),
        )
    else:
        action = format_html(
            '<a class="btn btn-small btn-primary" href="{}" data-offer>{}</a>',
            link("deals:offer_new", counterpart.public_id),
            gettext("Send an offer"),
        )
    if m.decision == "bookmarked":
        bookmark = format_html(
            '<span class="badge">{}</span>\n      {}',
            gettext("Bookmarked"),
            _form(match.pk, "unbookmark", "btn-secondary", gettext("Remove bookmark"), csrf),
        )
    else:
        bookmark = _form(match.pk, "bookmark", "btn-secondary", gettext("Bookmark"), csrf)
    own = ""
    if show_own:
        own = format_html(
            '· {} <a href="{}">{}</a>',
            gettext("for"),
            link("trade:lead_detail", m.own.public_id),
            lead_title(m.own),
        )
    return format_html(
        '<li class="card match" data-match="{}" data-counterpart="{}">\n'
        '    <div class="match-head">\n'
        '      <span class="badge match-score" title="{}">{}</span>\n'
        '      <a class="match-title" href="{}">{}</a>\n'
        '      <span class="muted">{}</span>\n'
        "    </div>\n"
        '    <p class="match-org">\n      {}\n      {}\n'
        '      · <span class="match-country">{}</span>\n      {}\n    </p>\n'
        '    <p class="match-why">{}</p>\n'
        '    <p class="match-route small">{}: {}</p>\n'
        '    <details class="small"><summary>{}</summary>\n      <ul>{}</ul>\n    </details>\n'
        '    <div class="actions">\n      {}\n      {}\n      {}\n    </div>\n'
        "  </li>",
        match.pk,
        counterpart.public_id,
        gettext("Match score out of 100"),
        floatformat(match.score, 0),
        link("trade:lead_detail", counterpart.public_id),
        lead_title(counterpart),
        counterpart.get_kind_display(),
        format_html('<span lang="">{}</span>', organization.name) if organization.name else "",
        format_html('<span class="badge badge-verified">{}</span>', gettext("Verified"))
        if m.counterpart_verified
        else "",
        organization.country.name if organization.country_id else "",
        own,
        m.brief,
        gettext("Route"),
        _route(m),
        gettext("Why this match"),
        format_html_join("", "<li>{}</li>", ((phrase,) for phrase in m.phrases)),
        action,
        bookmark,
        _form(match.pk, "dismiss", "btn-link", gettext("Dismiss"), csrf),
    )
