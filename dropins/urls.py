from django.urls import path

from dropins import views

app_name = "dropins"

urlpatterns = [
    path("inloop/mijn-spreekuren/", views.manage, name="manage"),
    path("inloop/mijn-spreekuren/nieuw/", views.add, name="add"),
    path("inloop/mijn-spreekuren/<id:page_id>/wijzigen/", views.edit, name="edit"),
    path("inloop/mijn-spreekuren/<id:page_id>/<str:day>/vervalt/", views.cancel, name="cancel"),
    path("inloop/mijn-spreekuren/<id:page_id>/<str:day>/verplaatsen/", views.move, name="move"),
    path("inloop/mijn-spreekuren/<id:page_id>/<str:day>/gaat-door/", views.restore, name="restore"),
]
