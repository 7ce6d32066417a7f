"""Security events (ASVS V16): one structured log line per event on the logger "sus.security".

`security_event(name, request=..., user=..., **fields)` logs `name` as the message with
`extra={"event": name, ...}`: the user's id (never a name), the client address, the method and
the route name (never the path with a participant's id) and the given fields. Callers pass no
personnummer and no names; a typed username that matches no user is logged as a keyed hash.
"""

import hashlib
import hmac
import logging
import re

from django.conf import settings

logger = logging.getLogger("sus.security")

# Events that mean something was refused or went wrong are warnings; the rest is information.
WARNING_EVENTS = {
    "login.failure",
    "login.locked_out",
    "otp.failure",
    "access.denied",
    "ratelimit.exceeded",
    "request.refused",
    "csrf.failure",
    "csp.violation",
    "session.ended",
    "oidc.refused",
    "login.break_glass",
}


def client_address(request) -> str:
    """The client's address as Django sees it (behind a proxy: the proxy's, unless the proxy's
    header is trusted by the deployment)."""
    return request.META.get("REMOTE_ADDR", "")


def keyed_hash(text: str) -> str:
    """A short keyed hash, so that attempts with the same typed text can be correlated in the
    log without the text itself being there."""
    digest = hmac.new(settings.SUS_LOG_KEY.encode(), text.encode(), hashlib.sha256)
    return digest.hexdigest()[:16]


_OPAQUE_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+")


def _route(request) -> str:
    """The URL pattern's name (`transitions:participation`), or the path with its ids masked
    when the request matched none: never the participant's id."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name:
        return match.view_name
    return _OPAQUE_ID.sub("<id>", request.path)


def security_event(name: str, *, request=None, user=None, **fields) -> None:
    extra = {"event": name}
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        extra["user_id"] = user.pk
    if request is not None:
        extra.update(client=client_address(request), method=request.method, route=_route(request))
    extra.update(fields)
    level = logging.WARNING if name in WARNING_EVENTS else logging.INFO
    logger.log(level, name, extra=extra)
