"""Django's Redis cache, whose connections the task queue shares.

django-rq opens a new Redis client, with a new connection pool, every time it is asked for a queue
or a job: each job enqueued or looked up by a web request paid a TCP connection and redis-py's
per-connection setup (about 3 ms of CPU). With ``USE_REDIS_CACHE`` in ``RQ_QUEUES`` it takes the
client of a cache instead, which django-rq reads as ``cache._client``: here a client over this
cache's own pool, so a process keeps its connections from one request to the next.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache


class RedisCache(DjangoRedisCache):
    @property
    def _client(self):
        return self._cache.get_client(write=True)
