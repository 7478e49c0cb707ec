"""The home page and plain content pages such as the privacy statement."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


class HomePage(Page):
    """The front door of the wijk: intro, editors' picks, agenda and latest stories."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True, verbose_name=_("introductie"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("picks", label=_("Keuze van de redactie"), max_num=6),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    template = "home/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ContentPage",
        "agenda.AgendaPage",
        "stories.StoryIndexPage",
        "initiatives.InitiativeIndexPage",
        "dropins.DropInIndexPage",
        "dropins.SocialMapPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("homepagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["picks"] = [
            pick
            for pick in self.picks.select_related("page").order_by("sort_order")
            if pick.page.live
        ]
        return context


class HomePagePick(Orderable):
    """A page the resident editors put on the home page."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="picks")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("pagina"))
    note = models.CharField(_("korte toelichting"), max_length=200, blank=True)

    panels = [FieldPanel("page"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("keuze van de redactie")


class ContentPage(Page):
    """A plain page with text, such as the privacy statement or "over ons"."""

    body = RichTextField(features=["h2", "h3", "bold", "italic", "ol", "ul", "link"], verbose_name=_("tekst"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    template = "home/content_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tekstpagina")
