"""
The agenda's calendar feeds. They are plain views because Wagtail's page
routes only serve paths that end in a slash; the HTML views of the agenda are
routes of AgendaPage.
"""

from django.urls import path, re_path

from agenda import views

app_name = "agenda"

urlpatterns = [
    path("agenda/agenda.ics", views.agenda_feed, name="feed"),
    re_path(r"^agenda/initiatief/(?P<page_id>\d{1,12})\.ics$", views.initiative_feed, name="initiative_feed"),
    re_path(r"^agenda/inloop/(?P<page_id>\d{1,12})\.ics$", views.dropin_feed, name="dropin_feed"),
]
