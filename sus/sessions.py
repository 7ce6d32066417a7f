"""Sessions in the database, as Django's own engine keeps them, but an existing session is saved
with one UPDATE in autocommit: Django wraps it in a transaction of its own, BEGIN, UPDATE and
COMMIT, three round trips on every request that changes the session (each message shown after
a step, for one). A new session is still inserted Django's way, which retries a taken key."""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import router


class SessionStore(DatabaseSessionStore):
    def save(self, must_create=False):
        if must_create or self.session_key is None:
            return super().save(must_create=must_create)
        data = self._get_session()
        using = router.db_for_write(self.model)
        updated = (
            self.model.objects.using(using)
            .filter(session_key=self.session_key)
            .update(session_data=self.encode(data), expire_date=self.get_expiry_date())
        )
        if not updated:  # deleted meanwhile (a logout elsewhere): as Django's engine answers
            raise UpdateError
