"""Load realistic Ruwaard demo content and demo accounts. Safe to run again."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

# Each app adds its own content; order matters (stories pick from places, agenda from all).
SEEDERS = [
    "home.seed.run",
    "dropins.seed.run",
    "stories.seed.run",
    "initiatives.seed.run",
    "agenda.seed.run",
    "home.seed_wijken.run",  # a second wijk, after Ruwaard's content
]


class Command(BaseCommand):
    help = "Vul de site met voorbeeldinhoud uit de Ruwaard en demo-accounts (wachtwoord: wijkdemo)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=0, help="Voeg N keer extra inhoud toe voor metingen.")

    def handle(self, *args, scale, **options):
        if scale < 0 or scale > 100:
            raise CommandError("--scale moet tussen 0 en 100 liggen.")
        for dotted in SEEDERS:
            with transaction.atomic():
                import_string(dotted)(scale=scale, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
