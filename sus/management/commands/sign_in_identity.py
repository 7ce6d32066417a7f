from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction

from audit.services import audit_record, snapshot
from sus.models import SignInIdentity


class Command(BaseCommand):
    help = (
        "Visar eller ändrar hur en användare loggar in: id hos identitetsleverantören och "
        "reservinloggning (break-glass). För den första administratören när inloggning via "
        "identitetsleverantören slås på; annars görs det i admin. Ändringen granskningsloggas."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--subject", help="Id hos identitetsleverantören ('' tar bort det)")
        parser.add_argument(
            "--break-glass",
            choices=["on", "off"],
            help="Reservinloggning med lösenord och engångskod",
        )

    def handle(self, *args, username, subject=None, break_glass=None, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Ingen användare heter {username!r}.")
        try:
            with transaction.atomic():
                identity, _created = SignInIdentity.objects.get_or_create(user=user)
                before = snapshot(identity)
                if subject is not None:
                    identity.subject = subject.strip() or None
                if break_glass is not None:
                    identity.break_glass = break_glass == "on"
                identity.save()
                after = snapshot(identity)
                if after != before:
                    audit_record(
                        actor=None,
                        action="command.signinidentity.change",
                        instance=identity,
                        before=before,
                        after=after,
                    )
        except IntegrityError as error:
            raise CommandError("Det id:t hör redan till en annan användare.") from error
        self.stdout.write(
            f"{username}: id hos identitetsleverantören {identity.subject or '–'}, "
            f"reservinloggning {'på' if identity.break_glass else 'av'}."
        )
