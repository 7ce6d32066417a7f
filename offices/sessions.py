"""Server-side end of a user's sessions (ASVS V7.4): deactivating a user or ending its last
uppdrag deletes the sessions it is logged in with, so the next request from any of its browsers
meets the login page. Sessions live in the database, each row naming its user (sus.sessions)."""

import datetime

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from offices.models import Uppdrag, User
from sus.models import Session


def user_sessions_end(*, user: User) -> int:
    """Delete every unexpired session of the user; returns how many."""
    deleted, _ = Session.objects.filter(user=user, expire_date__gt=timezone.now()).delete()
    return deleted


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
