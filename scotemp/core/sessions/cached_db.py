"""``SESSION_ENGINE = "scotemp.core.sessions.cached_db"``: Django's cached database sessions (the cache
first, the database on a miss), the database read through a prepared query (see the package)."""

from django.contrib.sessions.backends import cached_db

from . import PreparedSessionRead


class SessionStore(PreparedSessionRead, cached_db.SessionStore):
    pass
