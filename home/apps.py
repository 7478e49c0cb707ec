from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page, plain content pages, roles and the moderation workflow."""

    name = "home"

    def ready(self):
        from django.db.models.signals import post_migrate

        from home.models import index_site_pages

        post_migrate.connect(index_site_pages, sender=self, dispatch_uid="home-index-site-pages")
