"""The notifications app's sink for announced events (:mod:`scotemp.core.effects`): each notice
becomes an in-app notification for each recipient and, when it asks for one, an outbox e-mail.

:func:`prepare_notice` (run by ``effects.prepare`` before the action's transaction) reads the
recipients and renders their e-mails ahead, so that inside the transaction only rows are written."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from .actions import GENERIC_TEMPLATE_PREFIX, RenderedEmail, notify, render_notification_email


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


@dataclass(frozen=True)
class Prepared:
    """A notice's recipients, read ahead, each with the e-mail rendered for them (or None)."""

    recipients: tuple[tuple[object, RenderedEmail | None], ...]


def prepare_notice(notice) -> Prepared:
    rows = []
    for user in recipients(notice):
        email = None
        if notice.email and user.email:
            email = render_notification_email(
                user, notice.kind, notice.params, notice.url, GENERIC_TEMPLATE_PREFIX
            )
        rows.append((user, email))
    return Prepared(tuple(rows))


def deliver_notices(event) -> None:
    """One notification per (event, kind, user): a user who is a member of both organizations told
    about the same step hears of it once."""
    for notice in event.notices:
        prepared = notice.prepared_for(deliver_notices)
        if prepared is None:
            prepared = Prepared(tuple((user, None) for user in recipients(notice)))
        for user, email in prepared.recipients:
            notify(
                user,
                notice.kind,
                notice.params,
                notice.url,
                f"{event.key}:{notice.kind}:{user.pk}",
                email_template_prefix=GENERIC_TEMPLATE_PREFIX if notice.email else None,
                email=email,
            )
