"""The notifications app's sink for announced events (:mod:`scotemp.core.effects`): each notice
becomes an in-app notification for each recipient and, when it asks for one, an outbox e-mail.

:func:`prepare_notice` (run by ``effects.prepare`` before the action's transaction) reads the
recipients and renders their e-mails ahead, so that inside the transaction only rows are written."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from scotemp.core.prepared import PreparedQuery

from .actions import GENERIC_TEMPLATE_PREFIX, RenderedEmail, notify, render_notification_email


def _active_users():
    return get_user_model().objects.filter(is_active=True)


def _of_user(target_id):
    return _active_users().filter(pk=target_id)


def _of_organization(target_id):
    return _active_users().filter(memberships__organization_id=target_id)


def _recipients_query(read, excluding: bool) -> PreparedQuery:
    if excluding:
        return PreparedQuery(
            lambda target_id, exclude_id: read(target_id).exclude(pk=exclude_id).order_by("pk"),
            target_id=int,
            exclude_id=int,
        )
    return PreparedQuery(lambda target_id: read(target_id).order_by("pk"), target_id=int)


# By (one user?, excluding one?): every action that notifies reads one of these (compiled once).
_RECIPIENTS = {
    (by_user, excluding): _recipients_query(read, excluding)
    for by_user, read in ((True, _of_user), (False, _of_organization))
    for excluding in (True, False)
}


def recipients(notice) -> list:
    """The active users a notice goes to: the members of its organization, or its one user."""
    by_user, excluding = notice.user_id is not None, notice.exclude_user_id is not None
    values = {"target_id": notice.user_id if by_user else notice.organization_id}
    if excluding:
        values["exclude_id"] = notice.exclude_user_id
    return _RECIPIENTS[by_user, excluding](**values)


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
