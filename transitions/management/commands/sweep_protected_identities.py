from django.core.management.base import BaseCommand

from transitions.services import protected_identities_sweep


class Command(BaseCommand):
    help = (
        "Slår upp varje person med personuppgifter i SUS i folkbokföringen och skyddar dem som "
        "nu har skyddade personuppgifter (pågående medverkan avbryts, personuppgifter tas bort). "
        "Körs varje natt; kan köras flera gånger."
    )

    def handle(self, *args, **options):
        protected = protected_identities_sweep()
        self.stdout.write(f"Skyddade personuppgifter: {protected} personer skyddade nu.")
