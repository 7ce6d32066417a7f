"""The application log: one JSON object per line on standard error.

Library: the standard library's `logging` with python-json-logger's `JsonFormatter`, which
writes every `extra` field of a record as a JSON field — so the security events that
`sus.security` logs with `extra={"event": ..., ...}` come out with their fields, and so does the
one line per request that `RequestLogMiddleware` writes (logger `sus.request`: method, route
name, status, duration, user id, request id). The raw path is never logged: it holds the opaque
ids of participants. As a last guard the formatter blanks anything shaped like a personnummer.
"""

import contextvars
import logging
import re
import time
import uuid

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import empty
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
# A request id given by the proxy is kept when it looks like one (letters, digits, - . _ :).
_GIVEN_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# 6 or 8 digits of birth date, an optional - or +, 4 digits; not inside a longer word or id.
PERSONNUMMER_SHAPE = re.compile(r"(?<![\w-])(?:\d{2})?\d{6}[-+]?\d{4}(?![\w-])")
REDACTED = "[personnummer]"
# Probes of a load balancer or monitor every few seconds: no line of their own.
QUIET_ROUTES = frozenset({"healthz", "readyz"})

# A new request id is 32 letters (a-p: a random UUID's hex digits shifted into letters), so it
# can never look like a personnummer to a log scanner, as a run of hex digits now and then would.
_AS_LETTERS = str.maketrans("0123456789", "ghijklmnop")
_request_id = contextvars.ContextVar("request_id", default=None)
request_logger = logging.getLogger("sus.request")


def current_request_id() -> str | None:
    return _request_id.get()


class JsonFormatter(_JsonFormatter):
    """python-json-logger's formatter with our field names; it leaves out Django's `request`
    object (its text holds the raw path) and blanks personnummer-shaped numbers."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("timestamp", True)
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request", "server_time"])
        super().__init__("%(levelname)s %(name)s %(message)s", *args, **kwargs)

    def format(self, record: logging.LogRecord) -> str:
        return PERSONNUMMER_SHAPE.sub(REDACTED, super().format(record))


class RequestContextFilter(logging.Filter):
    """Adds the current request's id to every record, and puts the route name in place of the
    raw path in the messages Django logs about a request ("Not Found: /medverkan/…/")."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest) and isinstance(record.args, tuple):
            paths = {request.path, request.get_full_path()}
            route = route_name(request) or "-"
            record.args = tuple(route if arg in paths else arg for arg in record.args)
        return True


def route_name(request) -> str | None:
    """The URL pattern's name (`participants:detail`), "static" for a static file, else None."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name
    if request.path.startswith(f"/{settings.STATIC_URL.lstrip('/')}"):
        return "static"
    return None


def _user_id(request) -> int | None:
    """The user's id when the request has loaded its user; never a query of its own (with the
    database out of reach, loading the user again would only wait a second time)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


def _given_request_id(request) -> str | None:
    value = request.headers.get(REQUEST_ID_HEADER, "")
    return value if _GIVEN_REQUEST_ID.fullmatch(value) else None


class RequestLogMiddleware:
    """Outermost middleware: takes the request id from X-Request-ID (or makes one), returns it
    in the response's X-Request-ID, and logs one line per request when the response is done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _given_request_id(request) or uuid.uuid4().hex.translate(_AS_LETTERS)
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            route = route_name(request)
            if route not in QUIET_ROUTES:
                request_logger.info(
                    "request",
                    extra={
                        "method": request.method,
                        "route": route,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                        "user_id": _user_id(request),
                    },
                )
            return response
        finally:
            _request_id.reset(token)
