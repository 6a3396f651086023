"""The shared cache (Redis) as an aid, never a dependency: while Redis is down every read misses
and every write is dropped, so pages, scans and report submission go on without it (rate limits
fail open, see RATELIMIT_FAIL_OPEN). /healthz/ still says the cache is down."""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _degrade(name: str, fallback):
    method = getattr(RedisCache, name)

    def degraded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("cache unreachable (%s): %s", name, error, extra={"cache_error": repr(error)})
            if isinstance(fallback, type) and issubclass(fallback, Exception):
                raise fallback(f"cache unreachable: {error}") from error
            return fallback(args, kwargs) if callable(fallback) else fallback

    degraded.__name__ = name
    return degraded


def _default(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new redis.Redis object for every call, which costs more than a small
    read itself; one per connection pool serves every call (redis.Redis is thread-safe)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    get = _degrade("get", _default)
    get_many = _degrade("get_many", lambda args, kwargs: {})
    has_key = _degrade("has_key", False)
    set = _degrade("set", None)
    set_many = _degrade("set_many", lambda args, kwargs: list(args[0]) if args else [])
    add = _degrade("add", False)
    touch = _degrade("touch", False)
    delete = _degrade("delete", False)
    delete_many = _degrade("delete_many", None)
    incr = _degrade("incr", ValueError)  # as an unreachable memcached does: callers handle it
    clear = _degrade("clear", False)
