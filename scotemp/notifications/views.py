"""The signed-in user's notification list; marking read (one or all). Only one's own rows exist."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import actions, queries


@login_required
def notification_list(request):
    only_unread = request.GET.get("unread") == "1"
    notifications = queries.notifications_of(request.user)
    if only_unread:
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "rows": queries.rendered(page.object_list, html=True), "only_unread": only_unread},
    )


@login_required
@require_POST
def mark_read(request, pk):
    notification = queries.notifications_of(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    actions.mark_read(request.user, [notification.pk])
    target = request.POST.get("next") or ""
    if request.POST.get("open") and notification.url:
        target = notification.url
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    actions.mark_all_read(request.user)
    return redirect("notifications:list")
