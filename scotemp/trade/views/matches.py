"""Match pages: the active organization's matches across its leads, 20 a page (``?page=``), and
bookmark / dismiss (POST).

The lead page shows one lead's matches through ``trade/_lead_matches.html`` (``{% lead_matches %}``).
Matches are the two parties' own (ADR 0010): deciding on one needs membership of one side's
organization (404 otherwise, operators included)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import actions
from ..choices import MatchAction
from ..queries.matches import match_for_member, match_views, organization_matches

PAGE_SIZE = 20  # about 2 KB of HTML a match
DECISIONS = {"bookmark": MatchAction.BOOKMARKED, "dismiss": MatchAction.DISMISSED, "unbookmark": None}
DONE = {
    "bookmark": gettext_lazy("Match bookmarked."),
    "dismiss": gettext_lazy("Match dismissed: it will not be shown again."),
    "unbookmark": gettext_lazy("Bookmark removed."),
}


@login_required
def matches(request):
    organization = getattr(request, "active_organization", None)
    if organization is None:
        raise Http404
    bookmarked = request.GET.get("bookmarked") in {"1", "true", "yes"}
    rows = organization_matches(request.user, organization, bookmarked=bookmarked)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "organization": organization,
        "bookmarked": bookmarked,
        "page": page,
        "matches": match_views(page.object_list, organization.pk),
        "show_own": True,
    }
    return render(request, "trade/matches.html", context)


@login_required
@require_POST
def match_decide(request, match_id, decision):
    if decision not in DECISIONS:
        raise Http404
    match, organization_id = match_for_member(request.user, match_id)
    if DECISIONS[decision] is None:
        actions.undo_decision(request.user, match, organization_id)
    else:
        actions.decide_match(request.user, match, organization_id, DECISIONS[decision])
    messages.success(request, DONE[decision])
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = ""
    return redirect(target or "trade:matches")
