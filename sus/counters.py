"""The rate limits' counters in the database, counted atomically.

django-ratelimit counts a window with `cache.add(key, 0)` and then `cache.incr(key)`. Django's
database cache does both by reading and then writing: under concurrent requests counts are lost
(so more requests than the limit pass), and every `add` of a key that is already counting
fails on the primary key (an error in PostgreSQL's log for every counted request). It also
keeps at most 300 entries and then deletes a third of them by key order, counters still
running included.

`CounterCache` keeps each counter as a row of `sus_ratecounter` and changes it with one
statement: `add` inserts unless a live row exists, `incr` adds in place and returns the new
value. Expired counters are deleted when a new one is added (by the `expires` index), so the
table holds about one row per user or address and limit of the last minutes, and no job is
needed.

The limiter must run outside a transaction (sus.ratelimits; ATOMIC_REQUESTS is off), as it
does: `incr` locks its row only for its own statement, so a user's concurrent requests never
wait for each other's work.

Only counters are kept: values are integers. With CACHE_URL naming Redis the rate limits count
there instead (sus.config.rate_counters).
"""

import datetime
import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import DatabaseError, connections, router, transaction
from django.utils import timezone

from sus.models import RateCounter

logger = logging.getLogger(__name__)
FAR_FUTURE = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)
# a counter written whatever is there (set); `add` keeps a live one by a condition after it
UPSERT = (
    "INSERT INTO {t} ({k}, {v}, {e}) VALUES (%s, %s, %s) "
    "ON CONFLICT ({k}) DO UPDATE SET {v} = excluded.{v}, {e} = excluded.{e}"
)


class CounterCache(BaseCache):
    """A cache of integer counters in the table of `RateCounter` (LOCATION is ignored)."""

    def __init__(self, location, params):
        super().__init__(params)

    def _expiry(self, timeout) -> datetime.datetime:
        seconds = self.get_backend_timeout(timeout)  # an absolute time, or None: never
        if seconds is None:
            return FAR_FUTURE
        return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)

    @staticmethod
    def _alias() -> str:
        return router.db_for_write(RateCounter)

    def _execute(self, sql: str, params: list):
        """Run `sql` ({t}: the quoted table; {k}, {v}, {e}: its columns) and return the
        cursor's rows and count of changed rows. Always on the primary: a replica's counts lag."""
        connection = connections[self._alias()]
        q = connection.ops.quote_name
        statement = sql.format(
            t=q(RateCounter._meta.db_table), k=q("key"), v=q("value"), e=q("expires")
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            rows = cursor.fetchall() if cursor.description else []
            return rows, cursor.rowcount

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        now = timezone.now()
        # a new row, or an expired one started again; a live counter is left as it is
        _rows, added = self._execute(
            UPSERT + " WHERE {t}.{e} <= %s", [key, int(value), self._expiry(timeout), now]
        )
        if added:
            self._delete_expired(now)
        return bool(added)

    def _delete_expired(self, now) -> None:
        """Remove the counters that have run out. Housekeeping only: when it fails (another
        app server deleting the same rows past the lock timeout) the next new counter does it,
        and the request goes on."""
        try:
            with transaction.atomic(using=self._alias()):
                self._execute("DELETE FROM {t} WHERE {e} <= %s", [now])
        except DatabaseError:
            logger.warning("rate counters: expired counters not deleted this time", exc_info=True)

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        rows, _count = self._execute(
            "UPDATE {t} SET {v} = {v} + %s WHERE {k} = %s AND {e} > %s RETURNING {v}",
            [int(delta), key, timezone.now()],
        )
        if not rows:
            raise ValueError(f"Key '{key}' not found")
        return rows[0][0]

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        rows, _count = self._execute(
            "SELECT {v} FROM {t} WHERE {k} = %s AND {e} > %s",
            [key, timezone.now()],
        )
        return rows[0][0] if rows else default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._execute(UPSERT, [key, int(value), self._expiry(timeout)])

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        _rows, changed = self._execute(
            "UPDATE {t} SET {e} = %s WHERE {k} = %s AND {e} > %s",
            [self._expiry(timeout), key, timezone.now()],
        )
        return bool(changed)

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        _rows, deleted = self._execute("DELETE FROM {t} WHERE {k} = %s", [key])
        return bool(deleted)

    def clear(self) -> None:
        self._execute("DELETE FROM {t}", [])
