"""Sessions in the database, as Django's own engine keeps them, with two differences.

- The session row names its user (`sus.models.Session.user`, set from the data at every save),
  and a request reads the row with its user in one query: the authentication backends take
  the user read with the session (`user_read_with_session`) instead of reading it again.
- An existing session is saved with one UPDATE in autocommit: Django wraps it in a
  transaction of its own, BEGIN, UPDATE and COMMIT, three round trips on every request that
  changes the session (each message shown after a step, for one). A new session is still
  inserted Django's way, which retries a taken key.
"""

import contextlib
import contextvars
import logging

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import router
from django.utils import timezone

# The session store of the request whose user is being read (sus.middleware).
_READING = contextvars.ContextVar("sus_session_reading", default=None)


def _user_id(data) -> int | None:
    """The logged-in user's id in session data, as the column holds it."""
    value = data.get(SESSION_KEY)
    if value is None:
        return None
    try:
        return get_user_model()._meta.pk.to_python(value)
    except ValidationError:
        return None


class SessionStore(DatabaseSessionStore):
    _read_user = None  # the user row read with this session, if it names one

    @classmethod
    def get_model_class(cls):
        from sus.models import Session

        return Session

    def _get_session_from_db(self):
        # Django's read, with the same refusals of an expired or malformed key, and the user.
        self._read_user = None
        try:
            session = self.model.objects.select_related("user").get(
                session_key=self.session_key, expire_date__gt=timezone.now()
            )
        except (self.model.DoesNotExist, SuspiciousOperation) as error:
            if isinstance(error, SuspiciousOperation):
                logger = logging.getLogger(f"django.security.{error.__class__.__name__}")
                logger.warning(str(error))
            self._session_key = None
            return None
        self._read_user = session.user
        return session

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.user_id = _user_id(data)
        return instance

    def save(self, must_create=False):
        if must_create or self.session_key is None:
            return super().save(must_create=must_create)
        data = self._get_session()
        using = router.db_for_write(self.model)
        updated = (
            self.model.objects.using(using)
            .filter(session_key=self.session_key)
            .update(
                session_data=self.encode(data),
                expire_date=self.get_expiry_date(),
                user_id=_user_id(data),
            )
        )
        if not updated:  # deleted meanwhile (a logout elsewhere): as Django's engine answers
            raise UpdateError

    def user_read_with(self, user_id):
        """The user row read with the session, when the session's data names that user."""
        user = self._read_user
        if user is None or _user_id({SESSION_KEY: user_id}) != user.pk:
            return None
        return user


@contextlib.contextmanager
def reading_user_of(session):
    """While the request's user is read: the backends may take it from `session`."""
    token = _READING.set(session)
    try:
        yield
    finally:
        _READING.reset(token)


def user_read_with_session(user_id):
    """The user `user_id` as read with the request's session, or None (read it yourself)."""
    session = _READING.get()
    if not isinstance(session, SessionStore):
        return None
    return session.user_read_with(user_id)
