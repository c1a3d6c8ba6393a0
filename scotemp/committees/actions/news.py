"""Committee news and its publish workflow.

The secretary writes a post (in up to three languages) and submits it; an operator publishes it or
sends it back with a reason; a post sent back is edited and submitted again. Drafts, submitted and
returned posts exist only for the committee's secretary and operators (404 for everybody else).
Publishing tells every approved member organization of the committee (kind
``committees.news_published``); sending back tells the author."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice
from scotemp.core.permissions import is_operator

from ..choices import (
    EDITABLE_NEWS,
    NEWS_TRANSITIONS,
    REASON_MAX,
    CommitteeMembershipStatus,
    NewsStatus,
)
from ..models import CommitteeMembership, NewsPost
from ..queries.workspace import forget_latest_news, is_manager
from .common import committee_names, managed, record

SUFFIX = {"en": "en", "ru": "ru", "zh-hans": "zh_hans"}
TITLE_MAX = 200
BODY_MAX = 20000


def _texts(values: dict) -> dict[str, str]:
    errors, out = {}, {}
    for suffix in SUFFIX.values():
        for name, limit in (("title", TITLE_MAX), ("body", BODY_MAX)):
            field = f"{name}_{suffix}"
            text = (values.get(field) or "").strip()
            if len(text) > limit:
                errors[field] = [_("Use at most %(max)d characters.") % {"max": limit}]
            out[field] = text
    for suffix in SUFFIX.values():
        if bool(out[f"title_{suffix}"]) != bool(out[f"body_{suffix}"]):
            field = f"body_{suffix}" if out[f"title_{suffix}"] else f"title_{suffix}"
            errors.setdefault(field, [_("Give each language both a title and a text.")])
    if not errors and not any(out[f"title_{s}"] for s in SUFFIX.values()):
        errors["title_en"] = [_("Write the post in at least one language.")]
    if errors:
        raise ValidationError(errors)
    return out


def _language(values: dict, texts: dict) -> str:
    language = values.get("language") or ""
    if language in SUFFIX and texts[f"title_{SUFFIX[language]}"]:
        return language
    return next(code for code, suffix in SUFFIX.items() if texts[f"title_{suffix}"])


def _apply(post: NewsPost, values: dict) -> None:
    texts = _texts(values)
    for field, text in texts.items():
        setattr(post, field, text or None)
    post.language = _language(values, texts)
    # ``post.title`` reads (and would write) the reader's language column (modeltranslation): only
    # the ``title_<language>`` columns are written here.


def _locked(slug: str, public_id, committee=None) -> NewsPost:
    qs = NewsPost.objects.select_for_update().filter(committee__slug=slug, public_id=public_id)
    if committee is not None:
        qs = qs.filter(committee=committee)
    post = qs.first()
    if post is None:
        raise Http404
    return post


def _move(post: NewsPost, to: str) -> str:
    before = post.status
    if (before, to) not in NEWS_TRANSITIONS:
        raise ValidationError(
            _("A post with the status “%(status)s” cannot change to “%(new)s”.")
            % {"status": post.get_status_display(), "new": NewsStatus(to).label},
            code="conflict",
        )
    post.status = to
    return before


@transaction.atomic
def create_post(user, slug: str, values: dict) -> NewsPost:
    """A new draft of the committee's news (its secretary or an operator)."""
    committee = managed(user, slug)
    post = NewsPost(committee=committee, author=user)
    _apply(post, values)
    post.save()
    record("committees.news_drafted", post, committee, actor=user, after=post.status)
    return post


@transaction.atomic
def update_post(user, slug: str, public_id, values: dict) -> NewsPost:
    """Change a draft or a post sent back; a submitted or published post is not edited."""
    committee = managed(user, slug)
    post = _locked(slug, public_id, committee)
    if post.status not in EDITABLE_NEWS:
        raise ValidationError(
            _("A post with the status “%(status)s” cannot be edited.")
            % {"status": post.get_status_display()},
            code="conflict",
        )
    _apply(post, values)
    post.save()
    record("committees.news_edited", post, committee, actor=user, before=post.status, after=post.status)
    return post


@transaction.atomic
def submit_post(user, slug: str, public_id) -> NewsPost:
    """Send a draft (or a post sent back) to the operator for review."""
    committee = managed(user, slug)
    post = _locked(slug, public_id, committee)
    before = _move(post, NewsStatus.SUBMITTED)
    post.submitted_at = timezone.now()
    post.save(update_fields=["status", "submitted_at", "updated_at"])
    record("committees.news_submitted", post, committee, actor=user, before=before, after=post.status)
    return post


def _for_operator(user, slug: str, public_id) -> NewsPost:
    """The post, locked, for an operator. Its committee's secretary sees it but may not review it (403);
    everybody else gets 404."""
    post = _locked(slug, public_id)
    if not is_operator(user):
        if is_manager(user, post.committee):
            raise PermissionDenied(_("Only the platform's operator publishes committee news."))
        raise Http404
    return post


@transaction.atomic
def publish_post(user, slug: str, public_id) -> NewsPost:
    """Publish a submitted post (operators); every approved member organization is told."""
    post = _for_operator(user, slug, public_id)
    before = _move(post, NewsStatus.PUBLISHED)
    post.published_at = timezone.now()
    post.reviewed_by = user
    post.return_reason = ""
    post.save(update_fields=["status", "published_at", "reviewed_by", "return_reason", "updated_at"])
    committee = post.committee
    url = reverse("committees:news", args=[committee.slug, post.public_id])
    titles = {code: getattr(post, f"title_{suffix}") or post.title for code, suffix in SUFFIX.items()}
    member_ids = CommitteeMembership.objects.filter(
        committee=committee, status=CommitteeMembershipStatus.APPROVED
    ).values_list("organization_id", flat=True)
    notices = [
        Notice(
            "committees.news_published",
            {"committee": committee_names(committee), "title": titles},
            url,
            organization_id=org_id,
            exclude_user_id=user.pk,
        )
        for org_id in member_ids
    ]
    record(
        "committees.news_published",
        post,
        committee,
        actor=user,
        before=before,
        after=post.status,
        notices=notices,
        key=f"committees:news:{post.pk}:published",
    )
    transaction.on_commit(forget_latest_news)
    return post


@transaction.atomic
def return_post(user, slug: str, public_id, reason: str) -> NewsPost:
    """Send a submitted post back to its author with a reason (operators)."""
    post = _for_operator(user, slug, public_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say what should change; the secretary will read it.")]})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": [_("Use at most %(max)d characters.") % {"max": REASON_MAX}]})
    before = _move(post, NewsStatus.RETURNED)
    post.reviewed_by = user
    post.return_reason = reason
    post.save(update_fields=["status", "reviewed_by", "return_reason", "updated_at"])
    committee = post.committee
    notices = []
    recipient = post.author_id or committee.secretary_id
    if recipient:
        notices.append(
            Notice(
                "committees.news_returned",
                {"committee": committee_names(committee), "title": post.title, "reason": reason},
                reverse("committees:news", args=[committee.slug, post.public_id]),
                user_id=recipient,
            )
        )
    record(
        "committees.news_returned",
        post,
        committee,
        actor=user,
        before=before,
        after=post.status,
        reason=reason,
        notices=notices,
    )
    return post
