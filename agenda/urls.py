"""
The agenda's calendar feeds: the whole agenda, and the own feed of each page
of a registered source that has one (see agenda/registry.py). They are plain
views because Wagtail's page routes only serve paths that end in a slash; the
HTML views of the agenda are routes of AgendaPage.
"""

from django.urls import path, re_path

from agenda import registry, views

app_name = "agenda"

urlpatterns = [
    path("agenda/agenda.ics", views.agenda_feed, name="feed"),
    *(
        re_path(
            rf"^agenda/{source.page_feed.path}/(?P<page_id>\d{{1,12}})\.ics$",
            views.page_feed,
            {"source": source.name},
            name=source.page_feed.name,
        )
        for source in registry.sources()
        if source.page_feed
    ),
]
