"""Committee news pages: a post, the secretary's drafts and their workflow, the operator's review queue
and the Atom feed of each committee in the reader's language."""

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.core.permissions import is_operator

from .. import actions, queries
from ..choices import EDITABLE_NEWS
from ..forms import NewsForm, ReturnForm
from ..queries import workspace as ws
from .common import add_errors

FEED_ITEMS = 20


def news(request, slug, public_id):
    post = ws.news_post(request.user, slug, public_id)
    context = {
        "committee": post.committee,
        "post": post,
        "can_manage": ws.is_manager(request.user, post.committee),
        "is_operator": is_operator(request.user),
        "editable": post.status in EDITABLE_NEWS,
        "return_form": ReturnForm(),
    }
    return render(request, "committees/news_detail.html", context)


def _post_values(post) -> dict:
    values = {"language": post.language}
    for suffix in ("en", "ru", "zh_hans"):
        values[f"title_{suffix}"] = getattr(post, f"title_{suffix}") or ""
        values[f"body_{suffix}"] = getattr(post, f"body_{suffix}") or ""
    return values


def news_new(request, slug):
    committee = queries.managed_committee(request.user, slug)
    form = NewsForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            post = actions.create_post(request.user, slug, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The draft was saved. Submit it for review when it is ready."))
            return redirect("committees:news", slug=slug, public_id=post.public_id)
    status = 400 if form.is_bound else 200
    return render(request, "committees/news_form.html", {"committee": committee, "form": form}, status=status)


def news_edit(request, slug, public_id):
    committee = queries.managed_committee(request.user, slug)
    post = ws.news_post(request.user, slug, public_id)
    if post.status not in EDITABLE_NEWS:
        raise Http404
    form = NewsForm(request.POST or None, initial=_post_values(post))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_post(request.user, slug, public_id, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("committees:news", slug=slug, public_id=public_id)
    status = 400 if form.is_bound else 200
    context = {"committee": committee, "form": form, "post": post}
    return render(request, "committees/news_form.html", context, status=status)


def _step(request, slug, public_id, fn, done, *args):
    try:
        fn(request.user, slug, public_id, *args)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("committees:news", slug=slug, public_id=public_id)


@require_POST
def news_submit(request, slug, public_id):
    return _step(
        request, slug, public_id, actions.submit_post, _("The post was sent to the operator for review.")
    )


@require_POST
def news_publish(request, slug, public_id):
    return _step(request, slug, public_id, actions.publish_post, _("The post is published."))


@require_POST
def news_return(request, slug, public_id):
    form = ReturnForm(request.POST)
    reason = form.data.get("reason", "")
    return _step(
        request, slug, public_id, actions.return_post, _("The post was sent back to the secretary."), reason
    )


def news_review(request):
    if not is_operator(request.user):
        raise Http404
    return render(request, "committees/news_review.html", {"posts": ws.review_queue()})


class CommitteeNewsFeed(Feed):
    """The committee's published news as Atom, in the reader's language (falling back to the language
    the post was written in)."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return queries.committee_detail(slug)

    def title(self, committee):
        return _("%(committee)s: news") % {"committee": committee.name}

    def subtitle(self, committee):
        return committee.description

    def link(self, committee):
        return reverse("committees:detail", args=[committee.slug])

    def feed_url(self, committee):
        return reverse("committees:feed", args=[committee.slug])

    def items(self, committee):
        return ws.published_news(committee, limit=FEED_ITEMS)

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.body

    def item_link(self, post):
        return reverse("committees:news", args=[post.committee.slug, post.public_id])

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_guid(self, post):
        return f"urn:uuid:{post.public_id}"

    item_guid_is_permalink = False


news_feed = CommitteeNewsFeed()
