"""Django's Redis cache, keeping its clients, whose connections the task queue shares.

Django's Redis cache builds a new ``redis.Redis`` client over its connection pool for every cache
call, and redis-py's client setup (its table of response callbacks) cost about as much CPU as the
call itself: this cache builds one client per pool and keeps it.

django-rq opened a new Redis client, with a new connection pool, every time it was asked for a queue
or a job: each job enqueued or looked up by a web request paid a TCP connection and redis-py's
per-connection setup (about 3 ms of CPU). With ``USE_REDIS_CACHE`` in ``RQ_QUEUES`` it takes the
client of a cache instead, which django-rq reads as ``cache._client``: here the kept client of this
cache, so a process keeps its connections from one request to the next.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _KeptClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:  # redis-py clients are safe to share; the pool hands out connections
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptClients

    @property
    def _client(self):
        return self._cache.get_client(write=True)
