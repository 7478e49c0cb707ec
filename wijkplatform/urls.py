from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from wijkplatform import views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", views.healthz, name="healthz"),
    path("zoeken/", views.search, name="search"),
    path("account/mijn-bijdragen/", views.my_contributions, name="my_contributions"),
    path("account/mijn-gegevens/", views.my_data, name="my_data"),
    path("account/mijn-gegevens/download/", views.my_data_download, name="my_data_download"),
    path("account/verwijderen/", views.delete_account, name="delete_account"),
    path("account/", include("allauth.urls")),
    path("", include("stories.urls")),
    path("", include("initiatives.urls")),
    path("", include("dropins.urls")),
    path("", include("agenda.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded photos; a proxy in front may serve /media/ itself instead (see README).
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]
