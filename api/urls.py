"""/api/: the docs page, and version 1 at /api/v1/ with every view wrapped by api.public."""

from django.urls import include, path
from wagtail.utils.urlpatterns import decorate_urlpatterns

from api import views
from api.public import public_api
from api.v1 import api as v1

app_name = "api"

urlpatterns = [
    path("", views.docs, name="docs"),
    path("v1/", include((decorate_urlpatterns(v1.urls[0], public_api), "v1"))),
]
