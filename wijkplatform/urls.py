from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.urls import reports as wagtailadmin_reports_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from home.wagtail_hooks import only_pages_seen
from wijkplatform import readability_views, views
from wijkplatform.accounts import AdminLoginView
from wijkplatform.moderation import editors_only

# Where Wagtail has no hook: reports and the site history show everyone's work
# and names, so they are for the resident editors only; and no admin view shows
# others' unpublished pages to anyone else.
decorate_urlpatterns(wagtailadmin_reports_urls.urlpatterns, editors_only)
decorate_urlpatterns(wagtailadmin_urls.urlpatterns, only_pages_seen)

urlpatterns = [
    # One login for site and admin (see wijkplatform/accounts.py); no Django admin.
    path("admin/login/", AdminLoginView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("healthz/", views.healthz, name="healthz"),
    path("zoeken/", views.search, name="search"),
    path("tekst-controleren/", readability_views.check_text, name="readability_check"),
    path("account/mijn-bijdragen/", views.my_contributions, name="my_contributions"),
    path("account/mijn-gegevens/", views.my_data, name="my_data"),
    path("account/mijn-gegevens/download/", views.my_data_download, name="my_data_download"),
    path("account/mijn-gegevens/schema.json", views.my_data_schema, name="my_data_schema"),
    path("account/verwijderen/", views.delete_account, name="delete_account"),
    path("account/mijn-aanmeldingen/", include("initiatives.volunteer_data")),
    path("account/", include("allauth.urls")),
    path("", include("stories.urls")),
    path("", include("initiatives.urls")),
    path("", include("dropins.urls")),
    path("", include("agenda.urls")),
    path("api/", include("api.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded photos; a proxy in front may serve /media/ itself instead (see README).
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", views.media)]

urlpatterns += [path("", include(wagtail_urls))]
