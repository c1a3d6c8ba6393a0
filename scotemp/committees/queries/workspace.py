"""Reads of a committee's workspace: officers, work plan, news and documents, each at a fixed cost.

Who sees what: everybody sees the charter, officers, plan, published news and public documents;
members-only documents are seen by members of the committee's approved member organizations, its
secretary and officers, and operators; drafts and posts under review by its secretary and operators.
Everybody else gets 404 for them, as if they did not exist."""

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from scotemp.core.permissions import is_operator
from scotemp.trade.models import Lead

from ..choices import CommitteeMembershipStatus, DocumentVisibility, NewsStatus
from ..models import (
    Committee,
    CommitteeDocument,
    CommitteeMembership,
    CommitteeOfficer,
    NewsPost,
    WorkPlanItem,
)

LATEST_NEWS = 5


def is_manager(user, committee: Committee) -> bool:
    """The committee's secretary, or an operator (no query)."""
    if is_operator(user):
        return True
    return bool(user and user.is_authenticated and committee.secretary_id == user.pk)


def sees_members_only(user, committee: Committee) -> bool:
    """Whether ``user`` reads the members-only documents: its manager, an officer, or a member of an
    approved member organization (through the organization-scoped queryset: an API token counts for
    its own organization only)."""
    if is_manager(user, committee):
        return True
    if not user or not user.is_authenticated:
        return False
    if CommitteeOfficer.objects.filter(committee=committee, user=user).exists():
        return True
    return (
        CommitteeMembership.objects.member_of(user)
        .filter(committee=committee, status=CommitteeMembershipStatus.APPROVED)
        .exists()
    )


def officers(committee: Committee):
    return CommitteeOfficer.objects.filter(committee=committee).select_related("user").order_by("role", "id")


def work_plan(committee: Committee, year: int | None = None):
    """The plan's items for ``year`` (this year by default), by due date, with their owners."""
    year = year or timezone.localdate().year
    return (
        WorkPlanItem.objects.filter(committee=committee, year=year)
        .select_related("owner_user", "owner_organization")
        .order_by("due_date", "id")
    )


def plan_item(user, committee: Committee, item_id: int) -> WorkPlanItem:
    """An item the user may edit (404 for everybody but the committee's manager)."""
    if not is_manager(user, committee):
        raise Http404
    return get_object_or_404(
        WorkPlanItem.objects.select_related("owner_user", "owner_organization"),
        committee=committee,
        pk=item_id,
    )


def published_news(committee: Committee | None = None, limit: int | None = LATEST_NEWS):
    """Published posts, newest first (of one committee, or of all with their committee)."""
    qs = (
        NewsPost.objects.filter(status=NewsStatus.PUBLISHED)
        .select_related("committee")
        .order_by("-published_at", "-id")
    )
    if committee is not None:
        qs = qs.filter(committee=committee)
    return qs[:limit] if limit else qs


HOME_NEWS = 3
HOME_NEWS_SECONDS = 60
HOME_NEWS_LANGUAGES = ("en", "ru", "zh-hans")


def _home_news_key(language: str) -> str:
    return f"committees:home-news:v1:{language}"


def latest_news(count: int = HOME_NEWS) -> list[dict]:
    """The latest published posts of every committee as plain values (title in the reader's language
    and the language it is shown in), from the shared cache for a minute: one query otherwise."""
    key = _home_news_key(get_language() or "en")
    rows = cache.get(key)
    if rows is None:
        rows = [
            {
                "title": post.title,
                "language": post.shown_language(),
                "slug": post.committee.slug,
                "committee": post.committee.name,
                "public_id": post.public_id,
                "published_at": post.published_at,
            }
            for post in published_news(limit=count)
        ]
        cache.set(key, rows, HOME_NEWS_SECONDS)
    return rows


def forget_latest_news() -> None:
    cache.delete_many([_home_news_key(language) for language in HOME_NEWS_LANGUAGES])


def unpublished_news(user, committee: Committee):
    """Drafts, posts under review and posts sent back: for the committee's manager only."""
    if not is_manager(user, committee):
        return NewsPost.objects.none()
    return (
        NewsPost.objects.filter(committee=committee)
        .exclude(status=NewsStatus.PUBLISHED)
        .order_by("-updated_at")
    )


def news_post(user, slug: str, public_id) -> NewsPost:
    """A post: published ones for everybody; others for the committee's manager; 404 otherwise."""
    post = get_object_or_404(
        NewsPost.objects.select_related("committee", "author"), committee__slug=slug, public_id=public_id
    )
    if post.status != NewsStatus.PUBLISHED and not is_manager(user, post.committee):
        raise Http404
    return post


def review_queue():
    """Posts submitted for the operator's review, oldest first."""
    return (
        NewsPost.objects.filter(status=NewsStatus.SUBMITTED)
        .select_related("committee", "author")
        .order_by("submitted_at")
    )


def documents(user, committee: Committee, members_only_visible: bool | None = None):
    """The documents ``user`` may see, newest first (pass ``members_only_visible`` if known)."""
    if members_only_visible is None:
        members_only_visible = sees_members_only(user, committee)
    qs = CommitteeDocument.objects.filter(committee=committee).select_related("uploaded_by")
    if not members_only_visible:
        qs = qs.filter(visibility=DocumentVisibility.PUBLIC)
    return qs.order_by("-created_at")


def document_for_download(user, slug: str, public_id) -> CommitteeDocument:
    """A document the user may download; 404 for a members-only one they may not see."""
    document = get_object_or_404(
        CommitteeDocument.objects.select_related("committee"), committee__slug=slug, public_id=public_id
    )
    if document.visibility != DocumentVisibility.PUBLIC and not sees_members_only(user, document.committee):
        raise Http404
    return document


def open_leads(committee: Committee, limit: int = 5):
    """The committee's latest open leads (published, still valid), for its page."""
    return (
        Lead.objects.open()
        .filter(committee=committee)
        .select_related("organization", "hs_code")
        .order_by("-published_at")[:limit]
    )


def committee_workspace(committee: Committee, user):
    """Everything the committee page shows besides KPIs, in a fixed number of queries."""
    members_only = sees_members_only(user, committee)
    return {
        "officers": list(officers(committee)),
        "plan": list(work_plan(committee)),
        "news": list(published_news(committee)),
        "documents": list(documents(user, committee, members_only)),
        "sees_members_only": members_only,
        "open_leads": list(open_leads(committee)),
    }
