from django.core.management.base import BaseCommand

from sus.demo.organisation import create_organisation


class Command(BaseCommand):
    help = "Skapar demodata: organisation, demoanvändare (idempotent; fiktiva personer)."

    def handle(self, *args, **options):
        users = create_organisation()
        self.stdout.write(f"Demodata klar: {len(users)} demoanvändare.")
