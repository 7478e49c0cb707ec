"""Cron, daily: one e-mail per editor who chose a daily digest, with what waits; no item is sent twice."""

from django.core.management.base import BaseCommand

from moderation.notifications import send_digests


class Command(BaseCommand):
    help = "Stuur redacteuren die dat kozen één e-mail met alles wat op de redactie wacht."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"Overzichten verstuurd: {sent}")
