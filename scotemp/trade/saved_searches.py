"""Saved lead searches: create, delete, and the daily digest of new matching leads.

Guarantees:
- a saved search belongs to one user; only that user lists or deletes it;
- its ``params`` are validated with the search's own rules before saving (stored without defaults);
- :func:`send_digests` alerts each search's owner at most once a day: one in-app notification
  (dedupe key ``saved_search:<id>:<date>``) and at most one e-mail digest
  (``digest:<id>:<date>``), written in one transaction with the search's new ``last_checked_at``;
  leads published after that day's alert roll into the next day's digest. Concurrent or repeated
  runs cannot alert twice (the dedupe keys are unique).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from scotemp.notifications.actions import absolute_url, notify, queue_email
from scotemp.notifications.models import Notification

from .models import SavedSearch
from .search import clean_params, new_leads_since

MAX_PER_USER = 50
DIGEST_LEADS = 20
DIGEST_TEMPLATE = "trade/email/saved_search_digest"


def saved_searches_of(user):
    return SavedSearch.objects.filter(user=user)


def search_url(params: dict) -> str:
    query = urlencode(params)
    return reverse("trade:list") + (f"?{query}" if query else "")


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
        if saved_searches_of(user).select_for_update().count() >= MAX_PER_USER:
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
        "title": {
            "en": lead.title_en or "",
            "ru": lead.title_ru or "",
            "zh-hans": lead.title_zh_hans or "",
        },
        "kind": lead.kind,
        "hs_code": lead.hs_code_id,
        "origin": lead.origin_country_id or "",
        "url": absolute_url(reverse("trade:lead_detail", args=[lead.public_id])),
    }


def send_digest(search: SavedSearch, now=None) -> bool:
    """Alert the owner of ``search`` about leads published since its last check, at most once a
    day. Returns True if an alert was written now."""
    now = now or timezone.now()
    day = timezone.localdate(now).isoformat()
    notification_key = f"saved_search:{search.pk}:{day}"
    if Notification.objects.filter(dedupe_key=notification_key).exists():
        return False  # already alerted today; newer leads wait for tomorrow
    try:
        leads, count = new_leads_since(search.params, search.last_checked_at, limit=DIGEST_LEADS)
    except ValidationError:
        return False  # parameters no longer valid (e.g. reference data changed): nothing to send
    if not count:
        SavedSearch.objects.filter(pk=search.pk).update(last_checked_at=now)
        return False
    url = search_url(search.params)
    with transaction.atomic():
        notify(
            search.user,
            "saved_search.new_leads",
            {"search_name": search.name, "count": count},
            url,
            notification_key,
        )
        changes = {"last_checked_at": now}
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
                f"digest:{search.pk}:{day}",
            )
            changes["last_digest_at"] = now
        SavedSearch.objects.filter(pk=search.pk).update(**changes)
    return True


def send_digests(now=None) -> int:
    """Run :func:`send_digest` for every saved search; returns the number of alerts written."""
    sent = 0
    for search in SavedSearch.objects.select_related("user").filter(user__is_active=True).order_by("pk"):
        sent += send_digest(search, now)
    return sent
