"""The agenda page of the wijk and the one-off activities residents add to it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from wijkplatform import page_cache
from wijkplatform.forms import report_if_checked, send_rate
from wijkplatform.pages import SectionPage
from wijkplatform.panels import ReadabilityPanel
from wijkplatform.themes import Theme

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)

# A route with a form residents send: logged in, and at most 20 sends an hour per address.
sends_a_form = method_decorator([login_required, ratelimit(key="ip", rate=send_rate("20/h"), method="POST", block=True)])


class AgendaPage(RoutablePageMixin, SectionPage):
    """
    /agenda/: everything that happens in the wijk, with the weekly poster, the
    screen for the community centre and the form to add an activity (the
    .ics feeds are plain views in agenda/urls.py).
    """

    subpage_types = ["agenda.ActivityPage"]

    class Meta:
        verbose_name = _("agenda")

    # The routes import queries, forms and services when called: those modules import this one.
    # What queries.agenda_context gives the list (tests/home/test_fragment_cache.py checks they agree).
    LIST_CONTEXT = (
        "agenda_filter", "days", "page_obj", "item_count", "now", "places", "themes", "kinds", "periods", "query",
        "previous_query", "next_query", "period_links", "kind_links", "feed_url", "wijken_link",
    )

    @path("")
    def index(self, request):
        from agenda import queries

        # Read only by the page's fragment (templates/agenda/agenda_page.html): built on a cache miss only.
        context = page_cache.built_when_read(lambda: queries.agenda_context(request), self.LIST_CONTEXT)
        return self.render(request, context_overrides=context)

    @path("poster/")
    def poster(self, request):
        from agenda import queries

        return self.render(request, template="agenda/poster.html", context_overrides=queries.poster_context(request, self))

    @path("scherm/")
    @method_decorator(never_cache)  # its clock and "open now" go by the minute: never from the page cache
    def screen(self, request):
        from agenda import queries

        return self.render(request, template="agenda/screen.html", context_overrides=queries.screen_context(request, self))

    @path("toevoegen/")
    @sends_a_form
    def add_activity(self, request):
        return self.serve_activity_form(request, None)

    @path("bewerken/<id:page_id>/")
    @sends_a_form
    def edit_activity(self, request, page_id):
        from agenda import services

        activity = services.owned_activity(request.user, page_id)
        if activity is None:
            raise Http404(_("Deze activiteit kunt u niet aanpassen."))
        return self.serve_activity_form(request, activity)

    def serve_activity_form(self, request, activity):
        """A resident's new activity (`activity` None) or a change to their own, sent to the editors."""
        from agenda import services
        from agenda.forms import ActivityForm

        form = ActivityForm(request.POST or None, initial=ActivityForm.initial_from(activity) if activity else None)
        readability = report_if_checked(request, form, fields=("description",))
        if readability is None and request.method == "POST" and form.is_valid():
            if activity is None:
                services.add_activity(self, request.user, form)
                messages.success(request, _("Dank u wel! De redactie kijkt naar uw activiteit. Daarna staat die in de agenda."))
            else:
                services.change_activity(activity, request.user, form)
                messages.success(request, _("Dank u wel! De redactie kijkt naar uw wijziging."))
            return redirect("my_contributions")
        context = {"form": form, "editing": activity, "readability": readability}
        return self.render(request, template="agenda/activity_form.html", context_overrides=context)


class ActivityPage(Page):
    """A one-off activity that a resident adds to the agenda, such as a coffee morning."""

    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"), null=True, blank=True)
    place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("plek"),
        help_text=_("Kies een plek uit de lijst, of vul hieronder zelf een plek in."),
    )
    place_text = models.CharField(_("andere plek"), max_length=200, blank=True)
    accessible = models.BooleanField(
        _("toegankelijk met rolstoel"),
        default=False,
        help_text=_("Alleen nodig bij een andere plek; bij een plek uit de lijst weten we het al."),
    )
    description = models.TextField(_("wat gaan we doen?"))
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices, blank=True)
    free = models.BooleanField(_("gratis"), default=True)
    costs = models.CharField(_("wat kost het?"), max_length=120, blank=True)
    organiser = models.CharField(_("wie organiseert het?"), max_length=120)
    how_to_join = models.CharField(
        _("hoe doet u mee?"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: kom gewoon binnen.")
    )
    by_professionals = models.BooleanField(_("georganiseerd door een organisatie"), default=False)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")], heading=_("Wanneer")),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("place_text"), FieldPanel("accessible")], heading=_("Waar")),
        FieldPanel("description"),
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("free"), FieldPanel("costs")], heading=_("Kosten")),
        FieldPanel("organiser"),
        FieldPanel("how_to_join"),
        FieldPanel("by_professionals"),
        ReadabilityPanel(["description"]),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("organiser"),
        index.FilterField("date"),
    ]

    parent_page_types = ["agenda.AgendaPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        indexes = [models.Index(fields=["date"], name="agenda_activity_date_idx")]

    @property
    def start(self):
        return datetime.combine(self.date, self.start_time, tzinfo=LOCAL_TZ)

    @property
    def end(self):
        if self.end_time is None:
            return None
        end = datetime.combine(self.date, self.end_time, tzinfo=LOCAL_TZ)
        if end <= self.start:  # ends after midnight
            end = datetime.combine(self.date + timedelta(days=1), self.end_time, tzinfo=LOCAL_TZ)
        return end

    @property
    def place_name(self):
        return self.place.name if self.place_id else self.place_text

    @property
    def is_accessible(self):
        return self.place.wheelchair_access if self.place_id else self.accessible

    @property
    def edit_url_for_owner(self):
        agenda = self.get_parent().specific
        return agenda.url + agenda.reverse_subpage("edit_activity", kwargs={"page_id": self.pk})
