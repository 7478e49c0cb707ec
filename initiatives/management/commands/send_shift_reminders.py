"""Cron: e-mail everyone confirmed for a shift tomorrow. Run it daily (or hourly); nobody gets two reminders."""

from django.core.management.base import BaseCommand

from initiatives import services


class Command(BaseCommand):
    help = "Stuur een herinnering aan vrijwilligers van diensten die morgen zijn."

    def handle(self, *args, **options):
        sent = services.send_reminders()
        self.stdout.write(f"Herinneringen verstuurd: {sent}")
