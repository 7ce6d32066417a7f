"""Server-side end of a user's sessions (ASVS V7.4): every login is recorded with its session
key; deactivating the user or ending its last uppdrag deletes those sessions, so the next
request of any of its browsers is logged out."""

import datetime
from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from offices.models import LoginSession, Uppdrag, User


def user_sessions_end(*, user: User) -> int:
    """Delete every session the user logged in with; returns how many were recorded."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(LoginSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    LoginSession.objects.filter(user=user).delete()
    return len(keys)


def has_uppdrag_ahead(user: User) -> bool:
    """Whether an uppdrag of the user is still valid after today (current or planned)."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return Uppdrag.objects.not_ended(tomorrow).filter(user=user).exists()


@receiver(user_logged_in, dispatch_uid="offices.sessions.record")
def _record_login(sender, request, user, **kwargs):
    if request is not None and request.session.session_key:
        LoginSession.objects.get_or_create(
            session_key=request.session.session_key, defaults={"user": user}
        )


@receiver(user_logged_out, dispatch_uid="offices.sessions.forget")
def _forget_logout(sender, request, user, **kwargs):
    if request is not None and request.session.session_key:
        LoginSession.objects.filter(session_key=request.session.session_key).delete()


@receiver(post_save, sender=User, dispatch_uid="offices.sessions.deactivated")
def _end_when_deactivated(sender, instance, **kwargs):
    if not instance.is_active:
        user_sessions_end(user=instance)


@receiver(post_save, sender=Uppdrag, dispatch_uid="offices.sessions.last_uppdrag")
def _end_when_last_uppdrag_ends(sender, instance, **kwargs):
    # Admin's inline edits and the services both save here, so both are covered.
    if instance.valid_to is not None and not has_uppdrag_ahead(instance.user):
        user_sessions_end(user=instance.user)
