from django.urls import path

from stories import feeds, views

app_name = "stories"

urlpatterns = [
    path("verhalen/insturen/", views.submit_story, name="submit"),
    path("verhalen/insturen/<id:pk>/aanpassen/", views.edit_story, name="edit"),
    path("verhalen/melden/<id:pk>/", views.report, name="report"),
    path("verhalen/feed/", feeds.rss, name="feed_rss"),
    path("verhalen/feed/atom/", feeds.atom, name="feed_atom"),
    path("verhalen/thema/<str:theme_slug>/feed/", feeds.rss, name="theme_feed_rss"),
    path("verhalen/thema/<str:theme_slug>/feed/atom/", feeds.atom, name="theme_feed_atom"),
]
