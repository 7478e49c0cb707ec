"""A place in the wijk, with what matters for getting in."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from wijkplatform.models import ReviewedSnippet


class PlaceQuerySet(models.QuerySet):
    def live(self):
        """The places forms offer and filters accept: published ones, not a professional's proposal."""
        return self.filter(live=True)


class Place(ReviewedSnippet):
    """A place in the wijk where things happen. Professionals propose changes, the resident editors publish them."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    address = models.CharField(_("adres"), max_length=200)
    opening_notes = models.TextField(_("openingstijden en bijzonderheden"), blank=True)
    wheelchair_access = models.BooleanField(_("toegankelijk met rolstoel"), default=False)
    hearing_loop = models.BooleanField(_("ringleiding"), default=False)
    parking = models.BooleanField(_("parkeren bij de deur"), default=False)

    objects = PlaceQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("opening_notes"),
        MultiFieldPanel(
            [FieldPanel("wheelchair_access"), FieldPanel("hearing_loop"), FieldPanel("parking")],
            heading=_("Toegankelijkheid"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("address"),
        index.AutocompleteField("name"),
        index.FilterField("id"),  # the admin limits choosers by primary key
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("plek")
        verbose_name_plural = _("plekken")

    def __str__(self):
        return self.name

    @property
    def accessibility(self):
        """The accessibility features in words, for lists and cards."""
        features = []
        if self.wheelchair_access:
            features.append(_("rolstoel kan naar binnen"))
        if self.hearing_loop:
            features.append(_("ringleiding"))
        if self.parking:
            features.append(_("parkeren bij de deur"))
        return features
