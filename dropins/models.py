"""Organisations, places and drop-in hours."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class Place(index.Indexed, models.Model):
    """A place in the wijk where things happen, with what matters for getting in."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    address = models.CharField(_("adres"), max_length=200)
    opening_notes = models.TextField(_("openingstijden en bijzonderheden"), blank=True)
    wheelchair_access = models.BooleanField(_("toegankelijk met rolstoel"), default=False)
    hearing_loop = models.BooleanField(_("ringleiding"), default=False)
    parking = models.BooleanField(_("parkeren bij de deur"), default=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("opening_notes"),
        MultiFieldPanel(
            [FieldPanel("wheelchair_access"), FieldPanel("hearing_loop"), FieldPanel("parking")],
            heading=_("Toegankelijkheid"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("address"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("plek")
        verbose_name_plural = _("plekken")

    def __str__(self):
        return self.name


class Organisation(index.Indexed, models.Model):
    """An organisation that helps in the wijk; professionals belong to one."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    helps_with = models.CharField(_("waar helpen zij mee? (één zin)"), max_length=250)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("logo")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organisations", verbose_name=_("medewerkers")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("helps_with"),
        FieldPanel("phone"),
        FieldPanel("website"),
        FieldPanel("email"),
        FieldPanel("logo"),
        FieldPanel("members"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("helps_with"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name
