"""The site's URLs and the benchmark's floor: a bare Django view on the same server and settings."""

from django.http import HttpResponse
from django.urls import path

from wijkplatform.urls import urlpatterns as site_urlpatterns


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), *site_urlpatterns]
