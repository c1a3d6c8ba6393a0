"""Django's database session stores with the read of a session compiled once per process.

Every signed-in request reads its session (from the database on SQLite, from the database on a cache
miss behind Redis): ``Session.objects.get(session_key=…, expire_date__gt=now)``. Building and
compiling that queryset cost more than running it. Here the row is read by a
:class:`~scotemp.core.prepared.PreparedQuery` on its key and its expiry is compared in Python: the
same row, the same answer (an expired or unknown key starts a new session), the same table and
format, so switching engines signs nobody out. ``SESSION_ENGINE`` names
``scotemp.core.sessions.db`` or ``scotemp.core.sessions.cached_db``."""

from django.contrib.sessions.models import Session
from django.utils import timezone

from scotemp.core.prepared import PreparedQuery

_SESSION = PreparedQuery(lambda key: Session.objects.filter(session_key=key)[:1], key=str)


class PreparedSessionRead:
    """``_get_session_from_db`` of Django's ``db`` store (and so of ``cached_db`` on a cache miss)."""

    def _get_session_from_db(self):
        found = _SESSION.first(key=self.session_key)
        if found is None or found.expire_date <= timezone.now():
            self._session_key = None
            return None
        return found
