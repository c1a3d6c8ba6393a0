"""``{% match_row m show_own %}``: one match of a match list, written in Python;
``{% match_rows matches show_own %}``: all the rows of a list at once.

A page of matches shows twenty rows of five links, four forms and a dozen translations each; written
by the template language they cost most of the page. The row says exactly what
``trade/_match_list.html`` said per match; who may see it was decided by the query
(:mod:`scotemp.trade.queries.matches`) before the row is written.

What every row of a list shares (the translated labels, the CSRF field, the forms around it) is
worked out once per list (:class:`RowWriter`); a row escapes each value as ``format_html`` does."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from scotemp.core.links import link
from scotemp.core.markup import escape as _e
from scotemp.logistics.templatetags.logistics_routes import route_between_html

from ..choices import LeadKind
from ..queries import text_in

register = template.Library()


def _score(score) -> str:
    """``floatformat(score, 0)``: a score (0 to 100) rounded half up, without its general machinery
    (grouping and localization change no number below 1,000)."""
    if not (isinstance(score, float | int) and 0 <= score < 1000):
        return floatformat(score, 0)
    return str(int(Decimal(str(score)).quantize(_ONE, rounding=ROUND_HALF_UP)))


_ONE = Decimal(1)


def _csrf_input(context) -> str:
    token = context.get("csrf_token")
    if not token or str(token) == "NOTPROVIDED":
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def _route(m):
    """Whether the corridor network joins the seller's named place to the buyer's, and how long."""
    seller, buyer = (m.counterpart, m.own) if m.counterpart.kind == "sell" else (m.own, m.counterpart)
    return route_between_html(seller.incoterm_place_id, buyer.incoterm_place_id)  # rendered template


# One row, every value escaped before it is put in (as ``format_html`` escapes its arguments).
ROW = (
    '<li class="card match" data-match="{pk}" data-counterpart="{public_id}">\n'
    '    <div class="match-head">\n'
    '      <span class="badge match-score" title="{score_title}">{score}</span>\n'
    '      <a class="match-title" href="{href}">{title}</a>\n'
    '      <span class="muted">{kind}</span>\n'
    "    </div>\n"
    '    <p class="match-org">\n      {name}\n      {verified}\n'
    '      · <span class="match-country">{country}</span>\n      {own}\n    </p>\n'
    '    <p class="match-why">{brief}</p>\n'
    '    <p class="match-route small">{route_label}: {route}</p>\n'
    '    <details class="small"><summary>{why}</summary>\n      <ul>{phrases}</ul>\n    </details>\n'
    '    <div class="actions">\n      {action}\n      {bookmark}\n      {dismiss}\n    </div>\n'
    "  </li>"
)


def _form_end(csrf: str, css: str, label: str) -> str:
    """A row's form after its URL (``<form method="post" action="`` before it)."""
    return f'">{csrf}\n        <button class="btn btn-small {css}" type="submit">{_e(label)}</button></form>'


class RowWriter:
    """Writes the ``<li>`` of :class:`~scotemp.trade.queries.matches.MatchView` rows for one list, in
    the active language: the labels, the CSRF field (the same masked token in every form of the page,
    as ``{% csrf_token %}``) and the forms around their URLs are worked out once."""

    def __init__(self, context, show_own=False):
        self.show_own = show_own
        self.language = get_language() or settings.LANGUAGE_CODE
        self.countries: dict = {}  # escaped name by country code
        self.own: dict = {}  # the "for <own lead>" part by lead id: few leads have many matches
        csrf = _csrf_input(context)
        self.form_ends = {
            "bookmark": _form_end(csrf, "btn-secondary", gettext("Bookmark")),
            "unbookmark": _form_end(csrf, "btn-secondary", gettext("Remove bookmark")),
            "dismiss": _form_end(csrf, "btn-link", gettext("Dismiss")),
        }
        self.bookmarked = f'<span class="badge">{_e(gettext("Bookmarked"))}</span>\n      '
        self.rfq = _e(link("deals:rfq_new"))
        self.request_quotation = _e(gettext("Request a quotation"))
        self.send_offer = _e(gettext("Send an offer"))
        self.verified = f'<span class="badge badge-verified">{_e(gettext("Verified"))}</span>'
        self.for_ = _e(gettext("for"))
        self.labels = {
            "score_title": _e(gettext("Match score out of 100")),
            "route_label": _e(gettext("Route")),
            "why": _e(gettext("Why this match")),
        }
        self.kinds = {kind.value: _e(kind.label) for kind in LeadKind}

    def _title(self, lead) -> str:
        """``{{ lead|lead_title }}``, escaped."""
        return _e(text_in(lead, "title", self.language)[0] or lead.hs_code.description)

    def _country(self, organization) -> str:
        if not organization.country_id:
            return ""
        if organization.country_id not in self.countries:
            self.countries[organization.country_id] = _e(organization.country.name)
        return self.countries[organization.country_id]

    def _own(self, lead) -> str:
        if lead.pk not in self.own:
            own_link = _e(link("trade:lead_detail", lead.public_id))
            self.own[lead.pk] = f'· {self.for_} <a href="{own_link}">{self._title(lead)}</a>'
        return self.own[lead.pk]

    def _form(self, match_pk, action: str) -> str:
        url = _e(link("trade:match_decide", match_pk, action))
        return f'<form method="post" action="{url}{self.form_ends[action]}'

    def row(self, m) -> str:
        counterpart, match = m.counterpart, m.match
        organization = counterpart.organization
        public_id = _e(counterpart.public_id)
        if counterpart.kind == "sell":
            action = (
                f'<a class="btn btn-small btn-primary" href="{self.rfq}?lead={public_id}">'
                f"{self.request_quotation}</a>"
            )
        else:
            offer = _e(link("deals:offer_new", counterpart.public_id))
            action = f'<a class="btn btn-small btn-primary" href="{offer}" data-offer>{self.send_offer}</a>'
        if m.decision == "bookmarked":
            bookmark = self.bookmarked + self._form(match.pk, "unbookmark")
        else:
            bookmark = self._form(match.pk, "bookmark")
        kind = self.kinds.get(counterpart.kind)
        return ROW.format(
            pk=_e(match.pk),
            public_id=public_id,
            score=_e(_score(match.score)),
            href=_e(link("trade:lead_detail", counterpart.public_id)),
            title=self._title(counterpart),
            kind=kind if kind is not None else _e(counterpart.get_kind_display()),
            name=f'<span lang="">{_e(organization.name)}</span>' if organization.name else "",
            verified=self.verified if m.counterpart_verified else "",
            country=self._country(organization),
            own=self._own(m.own) if self.show_own else "",
            brief=_e(m.brief),
            route=_route(m),
            phrases="".join(f"<li>{_e(phrase)}</li>" for phrase in m.phrases),
            action=action,
            bookmark=bookmark,
            dismiss=self._form(match.pk, "dismiss"),
            **self.labels,
        )


@register.simple_tag(takes_context=True)
def match_row(context, m, show_own=False) -> str:
    """The ``<li>`` of one :class:`~scotemp.trade.queries.matches.MatchView`."""
    return mark_safe(RowWriter(context, show_own).row(m))  # escaped value by value


@register.simple_tag(takes_context=True)
def match_rows(context, matches, show_own=False) -> str:
    """The ``<li>`` of each of ``matches``, as ``{% for m in matches %}`` around ``{% match_row %}``
    on lines of their own writes them."""
    writer = RowWriter(context, show_own)
    return mark_safe("".join(f"\n  {writer.row(m)}\n  " for m in matches))  # escaped value by value
