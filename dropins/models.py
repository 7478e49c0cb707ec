"""
Organisations, drop-in hours and the social map.

Organisations are snippets that professionals may edit, but what they change
goes through the resident editors' workflow before it is public
(wijkplatform.models.ReviewedSnippet, as places.models.Place), as every other
public text does. Cancelling or moving one occurrence of a drop-in hour is a
correction, not new content: `DropInException` rows are written directly by
`dropins.services`, logged in the page's history, never reviewed.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page, Site
from wagtail.search import index

from dropins import recurrence
from places.models import Place
from wijkplatform import page_cache
from wijkplatform.models import ReviewedSnippet
from wijkplatform.pages import SectionPage
from wijkplatform.themes import Theme
from wijkplatform.wijken import site_of

PUBLISH_ORGANISATION = "dropins.publish_organisation"
# Paths of dropins/urls.py under /inloop/; a drop-in page may not take them as slug.
RESERVED_SLUGS = {"mijn-spreekuren"}


class Organisation(ReviewedSnippet, ClusterableModel):
    """An organisation that helps in the wijk; professionals belong to one."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    helps_with = models.CharField(_("waar helpen zij mee? (één zin)"), max_length=250)
    theme = models.CharField(
        _("belangrijkste thema"),
        max_length=20,
        choices=Theme.choices,
        blank=True,
        help_text=_("Hieronder staat de organisatie op de pagina Wie doet wat."),
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("logo")
    )
    members = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organisations", verbose_name=_("medewerkers")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("helps_with"),
        FieldPanel("theme"),
        FieldPanel("phone"),
        FieldPanel("website"),
        FieldPanel("email"),
        FieldPanel("logo"),
        # Only the resident editors decide who speaks for an organisation.
        FieldPanel("members", permission=PUBLISH_ORGANISATION),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("helps_with"),
        index.AutocompleteField("name"),
        index.FilterField("id"),  # the admin limits choosers by primary key
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name

    def has_member(self, user):
        return user.is_authenticated and self.members.filter(pk=user.pk).exists()


def organisations_of(user):
    """The live organisations `user` works for (empty for anyone else)."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(members=user)


def handles_all_organisations(user):
    """Editors (who may publish organisations) act for every organisation; professionals only for their own."""
    return user is not None and user.is_active and (user.is_superuser or user.has_perm(PUBLISH_ORGANISATION))


NOT_YOUR_ORGANISATION = _("Kies een organisatie waar u zelf werkt.")


class DropInPageForm(WagtailAdminPageForm):
    """The admin's drop-in form: a professional can only choose an organisation they work for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("organisation")
        if field is not None and not handles_all_organisations(self.for_user):
            # The field refuses any other organisation on the server, also one sent by hand.
            field.queryset = organisations_of(self.for_user)
            field.error_messages["invalid_choice"] = NOT_YOUR_ORGANISATION


class DropInIndexPage(SectionPage):
    """/inloop/: every drop-in hour of the wijk, filterable, soonest first."""

    subpage_types = ["dropins.DropInPage"]
    # What queries.index_context gives the list besides `now` (tests/home/test_fragment_cache.py checks they agree).
    LIST_CONTEXT = ("series", "series_page", "open_now", "filter_form", "filtered")

    class Meta:
        verbose_name = _("overzicht inloopspreekuren")

    def get_context(self, request, *args, **kwargs):
        from dropins import queries

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        # What the fragments of templates/dropins/drop_in_index_page.html show is built on a cache miss only.
        lazy = page_cache.built_when_read(lambda: queries.index_context(self, request, now=now), self.LIST_CONTEXT)
        context.update(lazy)
        context["now"] = now
        context["my_organisations"] = SimpleLazyObject(
            lambda: list(organisations_of(request.user)) if request.user.is_authenticated else []
        )
        return context


class DropInPage(Page):
    """One drop-in hour: who, where, when (a series or one date), and what to bring."""

    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    ONCE = "once"
    FREQUENCY_CHOICES = [
        (WEEKLY, _("Elke week")),
        (BIWEEKLY, _("Om de week")),
        (ONCE, _("Eén keer, op één datum")),
    ]
    WEEKDAY_CHOICES = [
        (0, _("maandag")),
        (1, _("dinsdag")),
        (2, _("woensdag")),
        (3, _("donderdag")),
        (4, _("vrijdag")),
        (5, _("zaterdag")),
        (6, _("zondag")),
    ]

    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="dropins", verbose_name=_("organisatie")
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="dropins", verbose_name=_("plek"))
    intro = models.TextField(
        _("waarmee kunt u hier terecht?"), help_text=_("Een of twee korte zinnen, in gewone woorden.")
    )
    frequency = models.CharField(_("hoe vaak"), max_length=10, choices=FREQUENCY_CHOICES, default=WEEKLY)
    weekday = models.PositiveSmallIntegerField(
        _("op welke dag"), choices=WEEKDAY_CHOICES, null=True, blank=True, help_text=_("Niet nodig bij één datum.")
    )
    starts_on = models.DateField(_("vanaf (of de datum)"))
    ends_on = models.DateField(_("tot en met"), null=True, blank=True, help_text=_("Leeg: geen einddatum."))
    start_time = models.TimeField(_("begint om"))
    end_time = models.TimeField(_("eindigt om"))
    no_appointment = models.BooleanField(_("geen afspraak nodig"), default=True)
    what_to_bring = models.TextField(_("wat neemt u mee?"), blank=True)
    languages = models.CharField(
        _("talen"), max_length=200, default="Nederlands", help_text=_("Bijvoorbeeld: Nederlands, Turks, Arabisch.")
    )
    # Posted once, shown in every wijk it serves (wijkplatform.wijken).
    wijken = ParentalManyToManyField(
        "wagtailcore.Site",
        blank=True,
        related_name="+",
        verbose_name=_("ook voor deze wijken"),
        help_text=_("Het spreekuur staat altijd bij de wijk van deze pagina. Kies hier de andere wijken waar het ook voor is."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("theme"), FieldPanel("organisation"), FieldPanel("place")]),
        MultiFieldPanel(
            [
                FieldPanel("frequency"),
                FieldPanel("weekday"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
            ],
            heading=_("Wanneer"),
        ),
        FieldPanel("no_appointment"),
        FieldPanel("what_to_bring"),
        FieldPanel("languages"),
        FieldPanel("wijken", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("what_to_bring"),
        index.FilterField("theme"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("place", [index.SearchField("name")]),
    ]

    base_form_class = DropInPageForm

    parent_page_types = ["dropins.DropInIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("inloopspreekuur")
        verbose_name_plural = _("inloopspreekuren")

    def clean(self):
        super().clean()
        if self.frequency == self.ONCE:
            self.weekday = None
            self.ends_on = None
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("Dit webadres is al in gebruik. Kies een ander.")
        if self.frequency in (self.WEEKLY, self.BIWEEKLY) and self.weekday is None:
            errors["weekday"] = _("Kies op welke dag het spreekuur is.")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("De eindtijd moet na de begintijd liggen.")
        if self.frequency != self.ONCE and self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("De einddatum moet na de begindatum liggen.")
        if errors:
            raise ValidationError(errors)

    # Schedule

    @property
    def rule(self):
        return recurrence.Rule.of(self)

    def occurrences(self, start, end, exceptions=None):
        """This series' occurrences that start in [start, end), with its exceptions applied."""
        if exceptions is None:
            exceptions = list(self.exceptions.all())
        return recurrence.expand([self], exceptions, start, end)

    def upcoming(self, now=None, count=4, weeks=10):
        now = now or timezone.now()
        return [o for o in self.occurrences(now - timedelta(days=1), now + timedelta(weeks=weeks)) if o.end > now][:count]

    def whole_series(self, exceptions=None):
        """
        This series from its first occurrence on, as a `recurrence.SeriesWindow` for its .ics feed (None
        without dates). Pass the series' exceptions to avoid a query per series.
        """
        if exceptions is None:
            exceptions = list(self.exceptions.all())
        return recurrence.whole_series(self.rule, exceptions)

    # Site

    def can_manage(self, user):
        """Whether `user` may change this drop-in hour and correct its occurrences: its organisation's own professionals."""
        return user.is_active and self.organisation.has_member(user)

    @property
    def edit_url_for_owner(self):
        return reverse("dropins:edit", args=[self.pk])

    @property
    def languages_list(self):
        return [language.strip() for language in self.languages.split(",") if language.strip()]

    def get_context(self, request, *args, **kwargs):
        from dropins import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.dropin_context(self, request))
        return context


def wijken_served(pages):
    """Each drop-in page's wijken (site pks) by page pk: the site it stands in and the ones chosen on it; one query."""
    root_paths = Site.get_site_root_paths()
    if len(root_paths) == 1:  # one wijk: nothing to look up
        return {page.pk: site_of(page.url_path, root_paths) for page in pages}
    chosen = {}
    through = DropInPage.wijken.through.objects.filter(dropinpage_id__in=[page.pk for page in pages])
    for page_id, site_id in through.values_list("dropinpage_id", "site_id"):
        chosen.setdefault(page_id, set()).add(site_id)
    return {page.pk: tuple(sorted({*site_of(page.url_path, root_paths), *chosen.get(page.pk, ())})) for page in pages}


class DropInException(models.Model):
    """One occurrence of a drop-in series that is cancelled or moved."""

    CANCELLED = "cancelled"
    MOVED = "moved"
    KIND_CHOICES = [(CANCELLED, _("vervalt")), (MOVED, _("verplaatst"))]

    page = models.ForeignKey(DropInPage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("datum volgens het rooster"))
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    reason = models.CharField(_("reden"), max_length=200)
    new_date = models.DateField(_("nieuwe datum"), null=True, blank=True)
    new_start_time = models.TimeField(_("nieuwe begintijd"), null=True, blank=True)
    new_end_time = models.TimeField(_("nieuwe eindtijd"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("uitzondering")
        verbose_name_plural = _("uitzonderingen")
        constraints = [
            models.UniqueConstraint(fields=["page", "date"], name="dropin_exception_one_per_occurrence"),
            models.CheckConstraint(
                condition=Q(kind="cancelled")
                | Q(
                    kind="moved",
                    new_date__isnull=False,
                    new_start_time__isnull=False,
                    new_end_time__isnull=False,
                    new_end_time__gt=models.F("new_start_time"),
                ),
                name="dropin_exception_move_has_new_times",
            ),
        ]

    def __str__(self):
        return f"{self.page_id} {self.date} {self.kind}"


class SocialMapPage(SectionPage):
    """/wie-doet-wat/: who helps with what in the wijk, by theme, searchable."""

    subpage_types = []

    class Meta:
        verbose_name = _("wie doet wat")

    def get_context(self, request, *args, **kwargs):
        from dropins import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.social_map_context(self, request))
        return context

