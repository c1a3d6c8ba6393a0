"""``SESSION_ENGINE = "scotemp.core.sessions.db"``: Django's database sessions, read through a prepared
query (see the package)."""

from django.contrib.sessions.backends import db

from . import PreparedSessionRead


class SessionStore(PreparedSessionRead, db.SessionStore):
    pass
