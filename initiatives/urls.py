"""Non-page routes under /initiatieven/ (the page routes come from the Wagtail tree), and the connectors' /verbinder/."""

from django.urls import path

from initiatives import connectors, views

app_name = "initiatives"

urlpatterns = [
    path("initiatieven/nieuw/", views.start, name="start"),
    path("initiatieven/dienst/<id:shift_id>/aanmelden/", views.signup, name="signup"),
    path("initiatieven/afmelden/<str:token>/", views.cancel_signup, name="cancel"),
    path("initiatieven/steun/<id:page_id>/", views.support, name="support"),
    path("initiatieven/beheer/<id:page_id>/", views.manage, name="manage"),
    path("initiatieven/beheer/<id:page_id>/bewerken/", views.edit, name="edit"),
    path("initiatieven/beheer/<id:page_id>/diensten/nieuw/", views.shift_form, name="shift_add"),
    path("initiatieven/beheer/<id:page_id>/diensten/<id:shift_id>/", views.shift_form, name="shift_edit"),
    path("initiatieven/beheer/<id:page_id>/diensten/<id:shift_id>/actie/", views.shift_action, name="shift_action"),
    path("initiatieven/beheer/<id:page_id>/activiteiten/nieuw/", views.activity_form, name="activity_add"),
    path("initiatieven/beheer/<id:page_id>/activiteiten/<id:activity_id>/", views.activity_form, name="activity_edit"),
    path("initiatieven/beheer/<id:page_id>/aanmeldingen.csv", views.export_csv, name="export"),
    path("initiatieven/beheer/<id:page_id>/bericht/", views.message, name="message"),
    *connectors.urlpatterns,
]
