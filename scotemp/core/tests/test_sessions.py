"""The session store and the user read every signed-in request makes: prepared once per process,
with the answers Django's own store and manager give (an expired or unknown session starts afresh,
a password change still signs the other sessions out)."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from scotemp.core.sessions import _SESSION
from scotemp.core.sessions.cached_db import SessionStore as CachedStore
from scotemp.core.sessions.db import SessionStore

pytestmark = pytest.mark.django_db


def test_the_settings_use_the_prepared_stores():
    assert settings.SESSION_ENGINE in {"scotemp.core.sessions.db", "scotemp.core.sessions.cached_db"}


@pytest.mark.parametrize("store", [SessionStore, CachedStore])
def test_a_session_reads_as_djangos_store_reads_it(store):
    saved = DjangoStore()
    saved["answer"] = 42
    saved.create()
    _SESSION._statements.clear()
    loaded = store(session_key=saved.session_key)
    if store is CachedStore:
        loaded._cache.delete(loaded.cache_key)  # the database read, not the cache's copy
    assert loaded["answer"] == 42
    assert loaded.session_key == saved.session_key
    assert _SESSION._statements, "the read went through the prepared statement"


@pytest.mark.parametrize("store", [SessionStore, CachedStore])
def test_an_expired_or_unknown_session_starts_afresh(store):
    saved = DjangoStore()
    saved["answer"] = 42
    saved.create()
    Session.objects.filter(session_key=saved.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    for key in (saved.session_key, "x" * 32):
        loaded = store(session_key=key)
        if store is CachedStore:
            loaded._cache.delete(loaded.cache_key)
        assert loaded.get("answer") is None
        assert loaded.session_key is None  # a new key is made when it is saved


def test_the_user_read_by_primary_key_is_the_orms(li_wei):
    User = get_user_model()
    found = User.objects.get(pk=li_wei.pk)
    assert type(found) is User
    assert {f.attname: getattr(found, f.attname) for f in User._meta.concrete_fields} == {
        f.attname: getattr(li_wei, f.attname) for f in User._meta.concrete_fields
    }
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=li_wei.pk + 10_000)
    # Other lookups are the manager's own.
    assert User.objects.get(email=li_wei.email) == li_wei
    assert User.objects.get(pk=str(li_wei.pk)) == li_wei


def test_signed_in_requests_and_a_password_change(li_wei, client):
    client.force_login(li_wei)
    other = Client()
    other.force_login(li_wei)
    assert client.get("/leads/").context["user"] == li_wei
    li_wei.set_password("a new password for the test 2026")
    li_wei.save()
    # Django's session hash check still runs on the prepared read: the other session is signed out.
    assert not other.get("/leads/").context["user"].is_authenticated
