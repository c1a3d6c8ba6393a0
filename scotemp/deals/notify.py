"""Notifications of the deals workflow: each step tells the other side's members, in the app and by
e-mail through the outbox, exactly once (the dedupe key names the step and the recipient)."""

from django.urls import reverse

from scotemp.accounts.models import Membership
from scotemp.notifications.actions import GENERIC_TEMPLATE_PREFIX, notify


def members_of(organization_id: int):
    """The active users of an organization, who receive its notifications."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        pk__in=Membership.objects.filter(organization_id=organization_id).values("user_id"), is_active=True
    )


def tell(organization_id: int, kind: str, params: dict, url: str, step: str) -> int:
    """Notify every member of an organization about one step (``step`` names it uniquely, e.g.
    ``"quotation:42"``); returns how many were notified. Call inside the step's transaction."""
    count = 0
    for user in members_of(organization_id):
        notify(
            user, kind, params, url, f"deals:{step}:{user.pk}", email_template_prefix=GENERIC_TEMPLATE_PREFIX
        )
        count += 1
    return count


def inquiry_url(inquiry) -> str:
    return reverse("deals:inquiry", args=[inquiry.public_id])


def deal_url(deal) -> str:
    return reverse("deals:deal", args=[deal.public_id])
