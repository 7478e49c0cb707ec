"""The home page, plain content pages, and the privacy statement made from the register of personal data."""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.queries import front_door
from stories.models import published_stories
from wijkplatform.languages import TRANSLATION_LANGUAGES, TranslatedPageMixin, translations_panel
from wijkplatform.pages import CachedChildRouteMixin
from wijkplatform.wijken import current_site

HOME_STORIES = 3


class HomePage(CachedChildRouteMixin, TranslatedPageMixin, Page):
    """The front door: today and this week, drop-in hours open now, help wanted, new stories, the editors' picks."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True, verbose_name=_("introductie"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("picks", label=_("Keuze van de redactie"), max_num=6),
        translations_panel(),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    # One home page per wijk, each the root of its own Wagtail Site (wijkplatform.wijken); home.services.add_wijk
    # makes it with the wijk's site, editors and workflow, so it is never made in the admin.
    is_creatable = False
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ContentPage",
        "home.PrivacyPage",
        "agenda.AgendaPage",
        "stories.StoryIndexPage",
        "initiatives.InitiativeIndexPage",
        "dropins.DropInIndexPage",
        "dropins.SocialMapPage",
    ]

    class Meta:
        verbose_name = _("homepagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only by the page's fragment (templates/home/home_page.html): built on a cache miss only.
        context["picks"] = SimpleLazyObject(
            lambda: [pick for pick in self.picks.select_related("page").order_by("sort_order") if pick.page.live]
        )
        context["front_door"] = SimpleLazyObject(lambda: front_door(site=current_site(request)))
        context["stories"] = SimpleLazyObject(lambda: published_stories().descendant_of(self)[:HOME_STORIES])
        return context


class HomePagePick(Orderable):
    """A page the resident editors put on the home page."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="picks")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("pagina"))
    note = models.CharField(_("korte toelichting"), max_length=200, blank=True)

    panels = [FieldPanel("page"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("keuze van de redactie")


class PageTranslation(Orderable):
    """
    A page's title and introduction in another interface language, written by the editors. The Dutch
    stays on the page itself and is shown wherever no translation is written.
    """

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("taal"), max_length=8, choices=TRANSLATION_LANGUAGES)
    title = models.CharField(_("titel"), max_length=255)
    intro = models.TextField(_("introductie"), blank=True)

    panels = [FieldPanel("language"), FieldPanel("title"), FieldPanel("intro")]

    class Meta(Orderable.Meta):
        verbose_name = _("vertaling")
        verbose_name_plural = _("vertalingen")
        unique_together = [("page", "language")]


class ContentPage(Page):
    """A plain page with text, such as "over ons"."""

    body = RichTextField(features=["h2", "h3", "bold", "italic", "ol", "ul", "link"], verbose_name=_("tekst"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tekstpagina")


class PrivacyPage(TranslatedPageMixin, Page):
    """
    /privacy/: the editors' introduction, then what the site stores about people, generated from the
    register in wijkplatform.personal_data (so it says what the code does), and how to use each right.
    """

    intro = RichTextField(
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        blank=True,
        verbose_name=_("introductie"),
        help_text=_("Wat wij bewaren, waarom en hoe lang: dat zet de site zelf eronder."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), translations_panel()]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("register_text")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("privacyverklaring")

    def register_text(self):
        """The generated part as plain text in the site's language, for the search index."""
        from wijkplatform.personal_data import entries

        with translation.override(settings.LANGUAGE_CODE):
            return "\n".join(entry.as_text() for entry in entries())

    def get_context(self, request, *args, **kwargs):
        from wijkplatform.personal_data import topics

        context = super().get_context(request, *args, **kwargs)
        context["topics"] = topics()
        context["volunteer_data_url"] = _reverse_or_none("volunteer_data_request")
        return context


def _reverse_or_none(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def index_site_pages(using=DEFAULT_DB_ALIAS, plan=None, **kwargs):
    """
    After `migrate`: put the pages that migrations make (the home page, the sections, the privacy
    statement) in the search index. Migrations write them without the signals that index a page, and the
    privacy statement's text comes from the code, which may have changed. Skipped after `flush` (no
    plan, no pages) and while migrations are still unapplied (migrating part of the way, or backwards).
    """
    from django.db.migrations.executor import MigrationExecutor
    from wagtail.search import index

    if plan is None:
        return
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    for page in Page.objects.using(using).live().filter(depth__in=[2, 3]).specific():
        index.insert_or_update_object(page)
