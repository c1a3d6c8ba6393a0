"""Writes of saved lead searches: create, delete, and the daily digest of new matching leads.

Guarantees:
- a saved search belongs to one user; only that user deletes it (a token: only the searches saved
  for its organization);
- its ``params`` are validated with the search's own rules before saving (stored without defaults);
- :func:`send_digests` alerts each search's owner at most once a day: the alert is announced
  (``saved_search.alerted``: an audit row and one in-app notification keyed by the search and the
  day) and, when the owner asked for e-mail, one digest e-mail (``digest:<id>:<date>``), written in
  one transaction with the search's new ``last_checked_at``; leads published after that day's alert
  roll into the next day's digest. The search's row is locked while it is checked, so concurrent or
  repeated runs cannot alert twice.

The digest e-mail lists the new leads, which a notice's generic e-mail cannot: it is queued with the
outbox's ``queue_email`` next to the announced, in-app-only notice.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce, history
from scotemp.core.mail import absolute_url
from scotemp.notifications.actions import queue_email

from ..models import SavedSearch
from ..queries.saved_searches import saved_searches_of, search_url
from ..search import clean_params, new_leads_since

MAX_PER_USER = 50
DIGEST_LEADS = 20
DIGEST_TEMPLATE = "trade/email/saved_search_digest"
ALERTED = "saved_search.alerted"


def create_saved_search(user, name: str, params, email_digest: bool = True, organization=None) -> SavedSearch:
    """Save a search for ``user``. Raises ValidationError naming the field on a missing name, invalid
    parameters, or more than :data:`MAX_PER_USER` searches."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the search a name.")]})
    if len(name) > 100:
        raise ValidationError({"name": [_("Use at most 100 characters.")]})
    cleaned = clean_params(params or {})
    stored = cleaned.as_dict()
    if not stored:
        raise ValidationError({"params": [_("Enter search words or choose at least one filter.")]})
    with transaction.atomic():
        if SavedSearch.objects.filter(user=user).select_for_update().count() >= MAX_PER_USER:
            raise ValidationError(
                {"name": [_("You can keep at most %(max)s saved searches.") % {"max": MAX_PER_USER}]}
            )
        return SavedSearch.objects.create(
            user=user,
            organization=organization,
            name=name,
            params=stored,
            email_digest=bool(email_digest),
            last_checked_at=timezone.now(),  # alert about leads published from now on
        )


def delete_saved_search(user, public_id) -> bool:
    """Delete one of ``user``'s saved searches; False if there is no such search of theirs."""
    deleted, _rows = saved_searches_of(user).filter(public_id=public_id).delete()
    return bool(deleted)


def _lead_item(lead) -> dict:
    return {
        "title": lead.titles(),
        "kind": lead.kind,
        "hs_code": lead.hs_code_id,
        "origin": lead.origin_country_id or "",
        "url": absolute_url(reverse("trade:lead_detail", args=[lead.public_id])),
    }


def _alerted_on(search: SavedSearch, day: datetime.date) -> bool:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))
    return history(search).filter(verb=ALERTED, at__gte=start, at__lt=end).exists()


def send_digest(search: SavedSearch, now=None) -> bool:
    """Alert the owner of ``search`` about leads published since its last check, at most once a
    day. Returns True if an alert was written now."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    with transaction.atomic():
        search = SavedSearch.objects.select_for_update().select_related("user").filter(pk=search.pk).first()
        if search is None or _alerted_on(search, day):
            return False  # gone, or alerted today already: newer leads wait for tomorrow
        try:
            leads, count = new_leads_since(search.params, search.last_checked_at, limit=DIGEST_LEADS)
        except ValidationError:
            return False  # parameters no longer valid (e.g. reference data changed): nothing to send
        changes = {"last_checked_at": now}
        if count:
            url = search_url(search.params)
            announce(
                ALERTED,
                subject=search,
                organization=search.organization_id,
                data={"count": count},
                notices=[
                    Notice(
                        "saved_search.new_leads",
                        {"search_name": search.name, "count": count},
                        url,
                        user_id=search.user_id,
                        email=False,
                    )
                ],
                key=f"saved_search:{search.pk}:{day.isoformat()}",
                at=now,
            )
            if search.email_digest and search.user.email:
                queue_email(
                    search.user,
                    DIGEST_TEMPLATE,
                    {
                        "search_name": search.name,
                        "count": count,
                        "leads": [_lead_item(lead) for lead in leads],
                        "more": max(0, count - len(leads)),
                        "url": absolute_url(url),
                        "manage_url": absolute_url(reverse("trade:saved_searches")),
                    },
                    f"digest:{search.pk}:{day.isoformat()}",
                )
                changes["last_digest_at"] = now
        SavedSearch.objects.filter(pk=search.pk).update(**changes)
    return bool(count)


def send_digests(now=None) -> int:
    """Run :func:`send_digest` for every saved search of an active user; returns the number of
    alerts written."""
    sent = 0
    for search in SavedSearch.objects.filter(user__is_active=True).order_by("pk"):
        sent += send_digest(search, now)
    return sent
