"""Cron: erase volunteers' names and contact details SIGNUP_RETENTION_DAYS after their shift."""

from django.conf import settings
from django.core.management.base import BaseCommand

from initiatives import services


class Command(BaseCommand):
    help = "Wis namen en e-mailadressen van vrijwilligers na de bewaartermijn (SIGNUP_RETENTION_DAYS)."

    def handle(self, *args, **options):
        erased = services.erase_expired_personal_data()
        self.stdout.write(f"Aanmeldingen gewist: {erased} (bewaartermijn {settings.SIGNUP_RETENTION_DAYS} dagen)")
