"""Rate limits per user (django-ratelimit on the shared cache). Over the limit the user gets a
Swedish message with status 429 and a security event is logged; nothing else runs."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

from sus.security import security_event

TOO_MANY = _("Du har gjort för många förfrågningar på kort tid. Vänta en minut och försök igen.")


def rate_limit(
    *,
    group: str,
    rate_setting: str,
    counts: Callable = lambda request: True,
    message=TOO_MANY,
):
    """Limit the view to the rate in `settings.<rate_setting>` ("30/m") per user (per address
    for a visitor who is not logged in). `counts(request)` says whether a request uses up one
    of the allowed requests, e.g. only a posted search or a report that is actually run."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            rate = getattr(settings, rate_setting)
            if counts(request) and is_ratelimited(
                request, group=group, key="user_or_ip", rate=rate, increment=True
            ):
                security_event("ratelimit.exceeded", request=request, group=group, rate=rate)
                return render(request, "429.html", {"message": message}, status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
