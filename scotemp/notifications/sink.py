"""The notifications app's sink for announced events (:mod:`scotemp.core.effects`): each notice
becomes an in-app notification for each recipient and, when it asks for one, an outbox e-mail."""

from django.contrib.auth import get_user_model

from .actions import GENERIC_TEMPLATE_PREFIX, notify


def recipients(notice):
    """The active users a notice goes to: the members of its organization, or its one user."""
    users = get_user_model().objects.filter(is_active=True)
    if notice.user_id is not None:
        users = users.filter(pk=notice.user_id)
    else:
        users = users.filter(memberships__organization_id=notice.organization_id)
    if notice.exclude_user_id is not None:
        users = users.exclude(pk=notice.exclude_user_id)
    return users.order_by("pk")


def deliver_notices(event) -> None:
    """One notification per (event, kind, user): a user who is a member of both organizations told
    about the same step hears of it once."""
    for notice in event.notices:
        for user in recipients(notice):
            notify(
                user,
                notice.kind,
                notice.params,
                notice.url,
                f"{event.key}:{notice.kind}:{user.pk}",
                email_template_prefix=GENERIC_TEMPLATE_PREFIX if notice.email else None,
            )
