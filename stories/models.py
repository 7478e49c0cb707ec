"""
Stories by residents and the Rucreant magazine issues the resident editors compose from them.

Residents send stories in through the site (see views.py); they become draft
StoryPages in the editors' workflow. Readers can report a published story;
reports reach the editors (see services.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from stories.blocks import StoryBodyBlock
from wijkplatform.pages import SectionPage
from wijkplatform.panels import ReadabilityPanel

STORIES_PER_PAGE = 12


def published_stories():
    """Live, public stories, newest first, with what a card shows loaded in a fixed number of queries."""
    return (
        StoryPage.objects.live()
        .public()
        .select_related("main_image")
        .prefetch_related("tags", "main_image__renditions")
        .order_by("-date", "-first_published_at", "-pk")
    )


def themes_in_use(index=None):
    """Themes of published stories (under `index`, one wijk's stories) with their number of stories, in one query."""
    published = Q(stories_storypagetag_items__content_object__live=True)
    if index is not None:
        published &= Q(stories_storypagetag_items__content_object__path__startswith=index.path)
    return Tag.objects.filter(published).annotate(story_count=Count("stories_storypagetag_items", filter=published)).order_by("name")


class StoryIndexPage(RoutablePageMixin, SectionPage):
    """/verhalen/: the wijk's published stories, filterable by theme, with feeds and the send-in form."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True, verbose_name=_("introductie"))

    subpage_types = ["stories.StoryPage", "stories.MagazineIssuePage"]

    class Meta:
        verbose_name = _("verhalenoverzicht")

    def paginate(self, request, stories):
        return Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("pagina"))

    def list_context(self, request, stories, theme=None):
        return {
            "stories": self.paginate(request, stories),
            "themes": themes_in_use(self),
            "theme": theme,
            "issues": MagazineIssuePage.objects.live().public().child_of(self).order_by("-date")[:3],
        }

    @path("")
    def story_list(self, request):
        return self.render(request, context_overrides=self.list_context(request, published_stories().descendant_of(self)))

    @path("thema/<str:theme_slug>/")
    def theme_list(self, request, theme_slug):
        theme = get_object_or_404(themes_in_use(self), slug=theme_slug)  # a theme only in drafts is not public yet
        stories = published_stories().descendant_of(self).filter(tags=theme)
        return self.render(request, context_overrides=self.list_context(request, stories, theme))


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey("stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items")


class StoryPage(Page):
    """A story by a resident: text with photos and quotes, a main photo, themes and the author's chosen name."""

    intro = models.TextField(_("korte inleiding"), max_length=300, blank=True)
    body = StreamField(StoryBodyBlock(), verbose_name=_("verhaal"))
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hoofdfoto"),
    )
    # The photo's description belongs to the story's revision, not to the shared image: a resident's change
    # to it waits for the editors like the rest of the story.
    main_image_alt = models.CharField(
        _("wat staat er op de hoofdfoto?"),
        max_length=250,
        blank=True,
        help_text=_("Voor wie de foto niet kan zien. Leeg: de beschrijving van de foto zelf."),
    )
    author_name = models.CharField(
        _("naam van de schrijver"), max_length=80, help_text=_("De naam die de schrijver zelf gekozen heeft.")
    )
    date = models.DateField(_("datum"), default=timezone.localdate)
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("thema’s"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("author_name"), FieldPanel("date"), FieldPanel("tags")], heading=_("Over het verhaal")),
        MultiFieldPanel([FieldPanel("main_image"), FieldPanel("main_image_alt")], heading=_("Hoofdfoto")),
        FieldPanel("body"),
        ReadabilityPanel(["intro", "body"]),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("author_name"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("verhaal")
        verbose_name_plural = _("verhalen")

    def clean(self):
        super().clean()
        self.main_image_alt = self.main_image_alt.strip()
        if not self.main_image_id:
            self.main_image_alt = ""
        elif not self.main_image_alt:
            self.main_image_alt = (self.main_image.description or "").strip()[:250]
            if not self.main_image_alt:
                raise ValidationError({"main_image_alt": _("Schrijf kort wat er op de foto staat.")})

    @property
    def edit_url_for_owner(self):
        return reverse("stories:edit", args=[self.pk])

    @cached_property
    def themes(self):
        return sorted(self.tags.all(), key=lambda tag: tag.name)

    def get_context(self, request, *args, **kwargs):
        from stories.forms import ReportForm

        context = super().get_context(request, *args, **kwargs)
        context["report_form"] = ReportForm()
        return context


class MagazineIssuePage(RoutablePageMixin, Page):
    """An issue of the wijkmagazine Rucreant: an editors' note and an ordered choice of published stories."""

    issue_number = models.PositiveIntegerField(_("nummer"))
    date = models.DateField(_("datum"), default=timezone.localdate)
    editors_note = RichTextField(_("woord van de redactie"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("issue_number"),
        FieldPanel("date"),
        FieldPanel("editors_note"),
        InlinePanel("entries", label=_("Verhalen in dit nummer"), min_num=1),
    ]
    search_fields = Page.search_fields + [index.SearchField("editors_note")]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("nummer van de Rucreant")
        verbose_name_plural = _("nummers van de Rucreant")

    def stories(self):
        """The issue's published stories in the editors' order (also in a preview of unsaved changes)."""
        story_ids = [entry.story_id for entry in self.entries.all() if entry.story_id]
        found = published_stories().filter(pk__in=story_ids).in_bulk()
        return [found[story_id] for story_id in story_ids if story_id in found]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issue_stories"] = self.stories()
        return context

    @path("")
    def issue(self, request):
        return self.render(request)

    @path("afdrukken/")
    def print_view(self, request):
        return self.render(request, template="stories/magazine_issue_print.html")


class MagazineIssueEntry(Orderable):
    issue = ParentalKey(MagazineIssuePage, on_delete=models.CASCADE, related_name="entries")
    story = models.ForeignKey(StoryPage, on_delete=models.CASCADE, related_name="magazine_entries", verbose_name=_("verhaal"))

    panels = [FieldPanel("story")]

    class Meta(Orderable.Meta):
        verbose_name = _("verhaal in dit nummer")


class StoryReport(models.Model):
    """A reader's report ("Meld dit") about a published story. One per story per person."""

    class Reason(models.TextChoices):
        HURTFUL = "kwetsend", _("Het is kwetsend of beledigend")
        PRIVACY = "privacy", _("Het gaat over iemand die dat niet wil")
        UNTRUE = "onjuist", _("Het klopt niet")
        SPAM = "reclame", _("Het is reclame of spam")
        OTHER = "anders", _("Iets anders")

    story = models.ForeignKey(StoryPage, on_delete=models.CASCADE, related_name="reports", verbose_name=_("verhaal"))
    reason = models.CharField(_("reden"), max_length=20, choices=Reason.choices)
    explanation = models.TextField(_("toelichting"), max_length=1000, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("gemeld door")
    )
    # A keyed hash of the account or IP address: tells repeated reports apart without storing the address.
    reporter_key = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    handled = models.BooleanField(_("afgehandeld"), default=False)
    editor_note = models.TextField(_("notitie van de redactie"), blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["handled", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["story", "reporter_key"], name="stories_one_report_per_person"),
        ]

    def __str__(self):
        return f"{self.story.title}: {self.get_reason_display()}"
