"""Server-side end of a user's sessions (ASVS V7.4): deactivating a user or ending its last
uppdrag deletes the sessions it is logged in with, so the next request from any of its browsers
meets the login page. Sessions live in the database (Django's default engine); they are few (a
working day's logins), so finding a user's means reading the unexpired ones."""

import datetime

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from offices.models import Uppdrag, User


def user_sessions_end(*, user: User) -> int:
    """Delete every unexpired session of the user; returns how many."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


def has_uppdrag_ahead(user: User) -> bool:
    """Whether an uppdrag of the user is still valid after today (current or planned)."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return Uppdrag.objects.not_ended(tomorrow).filter(user=user).exists()


@receiver(post_save, sender=User, dispatch_uid="offices.sessions.deactivated")
def _end_when_deactivated(sender, instance, **kwargs):
    if not instance.is_active:
        # Once the change is committed: a rolled-back deactivation logs nobody out.
        transaction.on_commit(lambda: user_sessions_end(user=instance))


@receiver(post_save, sender=Uppdrag, dispatch_uid="offices.sessions.last_uppdrag")
def _end_when_last_uppdrag_ends(sender, instance, **kwargs):
    # Admin's inline edits and the services both save here, so both are covered.
    if instance.valid_to is not None and not has_uppdrag_ahead(instance.user):
        transaction.on_commit(lambda: user_sessions_end(user=instance.user))
