"""
Initiatives of residents, their activities and volunteer shifts, sign-ups and support.

The initiative itself is a Wagtail page and goes through the editors' workflow.
Activities, shifts and sign-ups are plain models keyed to the page, not
ParentalKey children: publishing a revision rewrites a page's child objects as
they were when the revision was made, which would delete or roll back shifts
(and with them their sign-ups) that the organiser added or changed since. A
shift's row, and so its id in sign-ups, cancel links and live updates, stays
the same for as long as the shift exists. The organiser manages them from the
site (see views.py); a shift is only shown while its page is live.

Shifts and activities of an initiative change at once, without review (they
are practical details). Every such change is logged as an OrganiserChange;
the editors read that list and may hide a shift or activity from the public.
"""

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from initiatives.queries import supported_ids
from wijkplatform.moderation import is_editor
from wijkplatform.pages import SectionPage
from wijkplatform.panels import ReadabilityPanel
from wijkplatform.themes import Theme

# Paths of initiatives/urls.py that sit under /initiatieven/; a page may not take them as slug.
RESERVED_SLUGS = {"nieuw", "beheer", "dienst", "afmelden", "steun"}
CANCEL_SALT = "initiatives.signup.cancel"
# Buurtcoaches and volunteers of Ons Huis van de Wijk who sign up residents without e-mail (connectors.py).
CONNECTORS_GROUP = "Verbinders"


def is_connector(user):
    return user.is_authenticated and user.groups.filter(name=CONNECTORS_GROUP).exists()


class InitiativeIndexPage(SectionPage):
    """/initiatieven/: every initiative in the wijk."""

    subpage_types = ["initiatives.InitiativePage"]

    class Meta:
        verbose_name = _("overzicht van initiatieven")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        initiatives = (
            InitiativePage.objects.child_of(self)
            .live()
            .select_related("photo")
            .prefetch_related("themes", "photo__renditions")  # one query for every card's picture
            .order_by("-first_published_at")
        )
        theme = request.GET.get("thema", "")
        if theme in Theme.values:
            initiatives = initiatives.filter(themes__theme=theme)
        now = timezone.now()
        initiatives = initiatives.annotate(
            open_shifts=models.Count(
                "shifts",
                filter=Q(shifts__start__gt=now, shifts__cancelled=False, shifts__closed=False)
                & Q(shifts__hidden_at__isnull=True, shifts__confirmed_count__lt=F("shifts__capacity")),
                distinct=True,
            ),
            supporters=models.Count("supports", distinct=True),
        )
        context["initiatives"] = Paginator(initiatives, 20).get_page(request.GET.get("pagina"))
        context["themes"] = Theme.choices
        context["current_theme"] = theme if theme in Theme.values else ""
        return context


class InitiativePageForm(WagtailAdminPageForm):
    """Admin form: the initiative's theme rows as check boxes."""

    themes = forms.TypedMultipleChoiceField(
        choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple, label=_("thema's")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["themes"] = self.instance.theme_values

    def save(self, commit=True):
        # Set on the page before saving, so that the revision Wagtail makes of it holds the themes.
        self.instance.set_themes(self.cleaned_data["themes"])
        return super().save(commit=commit)


class InitiativePage(Page):
    """A resident's initiative: aim, activities open to everyone, and shifts that need volunteers."""

    aim = models.CharField(_("doel (één zin)"), max_length=250)
    description = models.TextField(_("beschrijving"))
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("foto")
    )
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("plek")
    )
    place_note = models.CharField(_("plek (toelichting)"), max_length=200, blank=True)
    organiser_name = models.CharField(
        _("naam organisator"), max_length=80, help_text=_("Zo staat de organisator op de site, bijvoorbeeld uw voornaam.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("aim"),
        FieldPanel("description"),
        FieldPanel("photo"),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("place_note")], heading=_("Waar")),
        FieldPanel("organiser_name"),
        FieldPanel("themes"),
        ReadabilityPanel(["aim", "description"]),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("aim"),
        index.SearchField("description"),
        index.SearchField("organiser_name"),
    ]
    base_form_class = InitiativePageForm

    parent_page_types = ["initiatives.InitiativeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Dit webadres is al in gebruik. Kies een ander.")})

    @property
    def edit_url_for_owner(self):
        return reverse("initiatives:manage", args=[self.pk])

    @property
    def theme_values(self):
        return [link.theme for link in self.themes.all()]

    @property
    def theme_labels(self):
        return [link.get_theme_display() for link in self.themes.all()]

    def set_themes(self, values):
        """Give the page these themes (Theme values), keeping the rows of themes it already has."""
        kept = {link.theme: link for link in self.themes.all()}
        self.themes = [kept.get(value) or InitiativeTheme(theme=value) for value in dict.fromkeys(values)]

    def can_manage(self, user):
        """
        Only the organiser (the page owner) and superusers see volunteers' details. An initiative without
        an owner was handed to the resident editors (see wijkplatform.accounts), so they manage it.
        """
        if not user.is_authenticated:
            return False
        return user.is_superuser or self.owner_id == user.pk or (self.owner_id is None and is_editor(user))

    def upcoming_shifts(self):
        return coming_shifts(self.shifts.all())

    def upcoming_activities(self):
        return self.activities.shown().filter(start__gte=timezone.now() - timezone.timedelta(hours=12)).select_related(
            "place"
        ).order_by("start", "pk")

    def support_counts(self):
        counts = self.supports.aggregate(
            total=models.Count("pk"), with_account=models.Count("pk", filter=Q(user__isnull=False))
        )
        return counts

    def get_context(self, request, *args, **kwargs):
        from initiatives.forms import SignupForm

        context = super().get_context(request, *args, **kwargs)
        # Read only by the page's fragments (templates/initiatives/initiative_page.html): built on a cache miss only.
        context["shifts"] = SimpleLazyObject(
            lambda: [(shift, SignupForm.for_shift(shift, request.user)) for shift in self.upcoming_shifts()]
        )
        context["activities"] = SimpleLazyObject(self.upcoming_activities)
        context["support"] = SimpleLazyObject(self.support_counts)
        context["is_connector"] = SimpleLazyObject(lambda: is_connector(request.user))
        if request.user.is_authenticated:
            context["supported"] = self.supports.filter(user=request.user).exists()
        else:
            context["supported"] = self.pk in supported_ids(request)
        context["can_manage"] = self.can_manage(request.user)
        return context


class InitiativeTheme(models.Model):
    """One theme of an initiative: a row, so that filtering on a theme is the same query on every database."""

    initiative = ParentalKey(InitiativePage, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("thema van een initiatief")
        constraints = [models.UniqueConstraint(fields=["initiative", "theme"], name="initiative_theme_once")]

    def __str__(self):
        return self.get_theme_display()


class Placed(models.Model):
    """Where something happens: a known place, a note such as "achter de kerk", or both."""

    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("plek")
    )
    place_note = models.CharField(_("plek (toelichting)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def place_text(self):
        parts = [self.place.name if self.place else "", self.place_note]
        return ", ".join(part for part in parts if part) or self.initiative_place_text

    @property
    def initiative_place_text(self):
        initiative = self.initiative
        parts = [initiative.place.name if initiative.place_id else "", initiative.place_note]
        return ", ".join(part for part in parts if part)


def coming_shifts(shifts):
    """The shifts of `shifts` not over yet and not hidden, soonest first; a cancelled one stays, saying so."""
    return shifts.shown().filter(end__gt=timezone.now()).select_related("place").order_by("start", "pk")


class HideableQuerySet(models.QuerySet):
    def shown(self):
        """What the public may see: everything the editors have not hidden."""
        return self.filter(hidden_at__isnull=True)


class HiddenByEditors(models.Model):
    """A shift or activity the organiser published at once, which the editors may hide from the public."""

    hidden_at = models.DateTimeField(_("verborgen door de redactie op"), null=True, blank=True, editable=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = HideableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def hidden_by_editors(self):
        return self.hidden_at is not None


class Activity(HiddenByEditors, Placed):
    """Something of the initiative that everyone can come to, such as a repair café morning."""

    initiative = models.ForeignKey(InitiativePage, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("wat"), max_length=150)
    start = models.DateTimeField(_("begint"))
    end = models.DateTimeField(_("eindigt"), null=True, blank=True)
    description = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gt=F("start")), name="activity_ends_after_start"),
        ]

    def __str__(self):
        return self.title


class Shift(HiddenByEditors, Placed):
    """
    A few hours of help the initiative needs: a task, a time window and a number of places.

    `confirmed_count` is the number of confirmed sign-ups. A seat is only taken by
    the conditional UPDATE in services.sign_up, and the database refuses a count
    above `capacity` (CheckConstraint), so the shift cannot be overbooked.
    """

    initiative = models.ForeignKey(InitiativePage, on_delete=models.CASCADE, related_name="shifts")
    task = models.CharField(_("taak"), max_length=150)
    start = models.DateTimeField(_("begint"))
    end = models.DateTimeField(_("eindigt"))
    capacity = models.PositiveIntegerField(_("aantal plaatsen"))
    note = models.CharField(_("opmerking"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: geen ervaring nodig."))
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    closed = models.BooleanField(_("aanmelden gesloten"), default=False)
    cancelled = models.BooleanField(_("gaat niet door"), default=False)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="shift_has_places"),
            models.CheckConstraint(condition=Q(confirmed_count__lte=F("capacity")), name="shift_never_overbooked"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="shift_ends_after_start"),
        ]
        indexes = [models.Index(fields=["start"])]

    def __str__(self):
        return f"{self.task} ({timezone.localtime(self.start):%d-%m-%Y %H:%M})"

    @property
    def seats_left(self):
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self):
        return self.seats_left == 0

    @property
    def has_started(self):
        return self.start <= timezone.now()

    @property
    def open_for_signup(self):
        return not (self.closed or self.cancelled or self.has_started or self.hidden_by_editors)

    @property
    def live_group(self):
        return self.group_for(self.pk)

    @staticmethod
    def group_for(pk):
        """The wijkplatform.live group that hears about this shift's free places."""
        return f"shift-{pk}"


class Signup(models.Model):
    """
    One person on a shift: confirmed, on the waitlist, or cancelled. Contact details are erased later.

    A resident without e-mail is signed up by a connector (`assisted_by`, see initiatives/connectors.py):
    then the row holds the resident's name and phone number instead of an e-mail address, and when and
    with what explanation the resident agreed. The database refuses a sign-up that nobody can be reached for.
    """

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [(CONFIRMED, _("aangemeld")), (WAITLISTED, _("op de wachtlijst")), (CANCELLED, _("afgemeld"))]
    ACTIVE = [CONFIRMED, WAITLISTED]

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    name = models.CharField(_("naam"), max_length=100)
    email = models.EmailField(_("e-mailadres"), max_length=254, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    # The interface language at sign-up: mails to someone without an account follow it.
    language = models.CharField(_("taal"), max_length=8, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="shift_signups"
    )
    status = models.CharField(_("status"), max_length=12, choices=STATUS_CHOICES)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    # PROTECT: a connector's account goes only after their residents' sign-ups are erased (wijkplatform.accounts).
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assisted_signups",
        verbose_name=_("aangemeld door (verbinder)"),
    )
    consent_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    consent_explained = models.CharField(_("wat is uitgelegd"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "email"],
                condition=Q(status__in=["confirmed", "waitlisted"], erased_at__isnull=True) & ~Q(email=""),
                name="one_active_signup_per_email_per_shift",
            ),
            models.UniqueConstraint(
                fields=["shift", "phone"],
                condition=Q(status__in=["confirmed", "waitlisted"], erased_at__isnull=True, email=""),
                name="one_active_assisted_signup_per_phone_per_shift",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waitlisted", "cancelled"]), name="signup_status_known"
            ),
            models.CheckConstraint(
                condition=Q(erased_at__isnull=False) | ~Q(email="") | (~Q(phone="") & Q(assisted_by__isnull=False)),
                name="signup_can_be_reached",
            ),
            models.CheckConstraint(
                condition=Q(assisted_by__isnull=True) | (Q(consent_at__isnull=False) & ~Q(consent_explained="")),
                name="assisted_signup_has_consent",
            ),
        ]
        indexes = [models.Index(fields=["shift", "status", "created_at"])]

    def __str__(self):
        return f"{self.name or _('(gewist)')} – {self.shift}"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def is_assisted(self):
        return self.assisted_by_id is not None

    @cached_property
    def cancel_token(self):
        return signing.dumps(self.pk, salt=CANCEL_SALT, compress=True)

    @classmethod
    def from_cancel_token(cls, token):
        """The sign-up a cancel link points to, or None for a forged or broken link."""
        try:
            pk = signing.loads(token, salt=CANCEL_SALT)
        except signing.BadSignature:
            return None
        if not isinstance(pk, int):
            return None
        return cls.objects.select_related("shift", "shift__initiative", "shift__place").filter(pk=pk).first()

    def cancel_path(self):
        return reverse("initiatives:cancel", args=[self.cancel_token])


class Support(models.Model):
    """
    "Ik steun dit". An account supports once (unique per user); a visitor without an
    account leaves a row without any personal data, and a signed cookie in their
    browser remembers that they did.
    """

    initiative = models.ForeignKey(InitiativePage, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="initiative_supports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("steunbetuiging")
        verbose_name_plural = _("steunbetuigingen")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"], condition=Q(user__isnull=False), name="one_support_per_account"
            )
        ]


class OrganiserChange(models.Model):
    """
    One change an organiser made at once to a shift or activity: who, which initiative, what, when.

    Written by initiatives.services in the same transaction as the change itself.
    `subject` and `summary` are text (in the site's language), so the entry stays
    readable after the shift or activity is changed again or deleted.
    """

    class Kind(models.TextChoices):
        ADDED = "added", _("toegevoegd")
        CHANGED = "changed", _("aangepast")
        CLOSED = "closed", _("aanmelden gesloten")
        OPENED = "opened", _("aanmelden weer open")
        CANCELLED = "cancelled", _("gaat niet door")
        DELETED = "deleted", _("verwijderd")

    initiative = models.ForeignKey(
        InitiativePage, on_delete=models.CASCADE, related_name="organiser_changes", verbose_name=_("initiatief")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("door")
    )
    shift = models.ForeignKey(
        Shift, null=True, blank=True, on_delete=models.SET_NULL, related_name="organiser_changes", verbose_name=_("dienst")
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="organiser_changes", verbose_name=_("activiteit")
    )
    kind = models.CharField(_("soort wijziging"), max_length=12, choices=Kind.choices)
    subject = models.CharField(_("wat"), max_length=250)
    summary = models.TextField(_("wat is er veranderd"))
    created_at = models.DateTimeField(_("wanneer"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("wijziging door een organisator")
        verbose_name_plural = _("wijzigingen door organisatoren")
        permissions = [("review_organiserchange", "Kan wijzigingen van organisatoren zien en verbergen")]
        constraints = [
            models.CheckConstraint(
                condition=Q(shift__isnull=True) | Q(activity__isnull=True), name="organiser_change_one_object"
            ),
        ]
        indexes = [models.Index(fields=["-created_at"], name="organiser_change_newest")]

    def __str__(self):
        return f"{self.subject} ({self.get_kind_display()})"

    @property
    def item(self):
        """The shift or activity this change is about, while it exists."""
        return self.shift or self.activity
