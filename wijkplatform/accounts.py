"""
Accounts: one login policy, what an account sent in ("Mijn bijdragen"), and deleting an account.

Every way in goes through django-allauth's login, so one throttle and lockout
(ACCOUNT_RATE_LIMITS) and one Dutch message hold for the site and for the
Wagtail admin alike. allauth's messages and Django's password checks speak the
site's own plain Dutch, with "u".

`delete_account(user, keep_stories=...)` is the one way an account goes, for
the "Account verwijderen" page and tests alike; `deletion_summary(user)` says
beforehand what it will do with each kind of data. What happens, in one
transaction:

- published stories are taken offline and deleted, or stay with "Een bewoner"
  as the author's name (the person chooses);
- initiatives that are online, or that volunteers signed up for, are handed to
  the resident editors ("De bewonersredactie" as organiser, no owner; the
  editors manage them). Closing them would cancel the shifts of people who
  promised to help; this way they keep their place, hear what changed, and the
  editors decide what happens next. The editors are told as well;
- live agenda activities and other live pages stay, without the person's name;
  whatever of theirs is not online is deleted, with photos used nowhere else;
- the name is replaced and the owner cleared in every revision too, so that an
  editor who goes back to an older version does not bring it back;
- their shift sign-ups are cancelled and erased (initiatives.services.erase_signup:
  seat freed, waitlist promoted, organiser told), and so are those of the
  residents they signed up as a connector, whom nobody could reach any more;
- reports keep their text for the editors but lose every link to the person;
  "ik steun dit" still counts, without the person; log entries, organiser
  changes and drop-in changes stay without their name;
- e-mail addresses, sessions, profile, comments in the admin, organisation
  memberships and copies of sent e-mails go, and then the account itself.
"""

import copy
from dataclasses import dataclass, replace
from importlib import import_module
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.views import LoginView
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wijkplatform.mail import absolute_url, language_for, send_templated
from wijkplatform.moderation import editors

TOO_MANY_ATTEMPTS = _("Te veel pogingen. Probeer het over een paar minuten opnieuw.")

# Stored in pages (site content, in the site's language), in place of the person's name.
ANONYMOUS_AUTHOR = "Een bewoner"
EDITORS_AS_ORGANISER = "De bewonersredactie"


class AccountAdapter(DefaultAccountAdapter):
    """allauth with the site's own messages: plain Dutch with "u", the same for every way in."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Dit account is uitgezet. Mail de redactie als u wilt weten waarom."),
        "cannot_remove_primary_email": _("Dit is uw hoofdadres. Dat kunt u niet verwijderen."),
        "duplicate_email": _("Dit e-mailadres hoort al bij uw account."),
        "email_password_mismatch": _("Het e-mailadres of het wachtwoord klopt niet."),
        "email_taken": _("Er is al een account met dit e-mailadres."),
        "enter_current_password": _("Dit is niet uw huidige wachtwoord. Probeer het opnieuw."),
        "incorrect_password": _("Dit wachtwoord klopt niet."),
        "invalid_login": _("Inloggen lukte niet. Probeer het opnieuw."),
        "invalid_password_reset": _("Deze link werkt niet meer. Vraag een nieuwe link aan."),
        "max_email_addresses": _("U kunt niet meer dan %d e-mailadressen hebben."),
        "rate_limited": TOO_MANY_ATTEMPTS,
        "same_as_current": _("Dit is hetzelfde als nu. Vul iets anders in."),
        "too_many_login_attempts": TOO_MANY_ATTEMPTS,
        "unknown_email": _("Bij dit e-mailadres hoort geen account."),
        "unverified_primary_email": _("Bevestig eerst uw e-mailadres."),
        "username_blacklisted": _("Deze gebruikersnaam kunt u niet gebruiken. Kies een andere."),
        "username_password_mismatch": _("De gebruikersnaam of het wachtwoord klopt niet."),
        "username_taken": _("Deze gebruikersnaam is al in gebruik. Kies een andere."),
    }

    def send_mail(self, template_prefix, email, context):
        # Links point at BASE_URL, as in every other mail of the site, not at whatever host the request named.
        for key in ("activate_url", "password_reset_url", "signup_url"):
            if context.get(key):
                parts = urlsplit(context[key])
                context[key] = absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))
        super().send_mail(template_prefix, email, context)


# Django's password checks (AUTH_PASSWORD_VALIDATORS), with messages that say what to do.


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Uw wachtwoord is te kort. Gebruik minstens %d teken.",
            "Uw wachtwoord is te kort. Gebruik minstens %d tekens.",
            self.min_length,
        ) % self.min_length


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("Uw wachtwoord lijkt te veel op uw %(verbose_name)s. Kies een ander wachtwoord.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord gebruiken veel mensen. Kies een ander wachtwoord.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Uw wachtwoord heeft alleen cijfers. Gebruik ook letters.")


# The user name's own check (ACCOUNT_USERNAME_VALIDATORS): Django's rule, said the way the sign-up form says it.
USERNAME_VALIDATORS = [
    UnicodeUsernameValidator(
        message=_("Gebruik in uw gebruikersnaam alleen letters, cijfers en de tekens . @ + - _ (geen spaties).")
    )
]


class AdminLoginView(LoginView):
    """
    /admin/login/, in place of Wagtail's own login form. A visit goes to the
    site's login page, keeping where to go next; a password posted here is
    checked by the site's login view, under the same limits.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            return super().dispatch(request, *args, **kwargs)
        next_url = self.get_next_url() or self.get_default_success_url()
        if request.user.is_authenticated:
            if request.user.has_perm("wagtailadmin.access_admin"):
                return redirect(next_url)
            # Signed in without admin access: Wagtail has said so in a message; show it on the site.
            return redirect("my_contributions")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

    def get_default_success_url(self):
        return reverse("wagtailadmin_home")


# What an account sent in ---------------------------------------------------------------

SIGNUPS = "aanmeldingen"


@dataclass(frozen=True)
class ContributionKind:
    """One kind of thing an account sent in, for "Mijn bijdragen": key (for ?soort=), heading and how many."""

    key: str
    label: str
    count: int


def contribution_kinds(user):
    """The kinds `user` has anything of: their own pages per page type, and their sign-ups; most recent first."""
    from wagtail.models import Page

    from initiatives.personal_data import signups_of

    kinds = []
    per_type = (
        Page.objects.filter(owner=user)
        .exclude(depth__lte=1)
        .order_by()  # Page's own ordering would split the groups
        .values("content_type")
        .annotate(count=Count("pk"), latest=Max("latest_revision_created_at"))
    )
    for row in per_type:
        model = ContentType.objects.get_for_id(row["content_type"]).model_class()
        label = capfirst(model._meta.verbose_name_plural)
        kinds.append((row["latest"], ContributionKind(model._meta.model_name, label, row["count"])))
    signups = signups_of(user).aggregate(count=Count("pk"), latest=Max("created_at"))
    if signups["count"]:
        kinds.append((signups["latest"], ContributionKind(SIGNUPS, _("Aanmeldingen als vrijwilliger"), signups["count"])))
    return [kind for _latest, kind in sorted(kinds, key=lambda pair: pair[0].timestamp() if pair[0] else 0, reverse=True)]


def contributions(user, kind):
    """One kind's items, newest first, to be sliced or paged: `user`'s pages of that type, or their sign-ups."""
    from wagtail.models import Page

    from initiatives.personal_data import signups_of

    if kind == SIGNUPS:
        return signups_of(user).select_related("shift", "shift__initiative").order_by("-shift__start", "-pk")
    return (
        Page.objects.filter(owner=user, content_type__model=kind)
        .exclude(depth__lte=1)
        .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")
        .specific()
    )


# What deleting an account does ---------------------------------------------------------


@dataclass(frozen=True)
class Consequence:
    """One line of "what happens to your data": a kind of data, how much of it, and what we do with it."""

    key: str
    label: str
    count: int
    outcome: str


@dataclass
class Holdings:
    """Everything of one account that deleting it touches, found once."""

    stories: list  # published ones stay or go as the person chooses; the others go
    initiatives: list  # handed to the editors
    activities: list  # live agenda activities: stay without a name
    kept_pages: list  # other live pages, or pages with children: stay without an owner
    removed_pages: list  # not online (other than stories): deleted
    signups: list
    volunteers: int  # people on shifts still to come of the initiatives handed over

    @property
    def published_stories(self):
        return [story for story in self.stories if story.live]


def holdings(user):
    from wagtail.models import Page

    from agenda.models import ActivityPage
    from initiatives.models import InitiativePage, Signup
    from initiatives.personal_data import signups_of
    from stories.models import StoryPage

    stories, initiatives, activities, kept, removed = [], [], [], [], []
    upcoming = Q(shifts__signups__status__in=Signup.ACTIVE, shifts__start__gt=timezone.now(), shifts__cancelled=False)
    with_volunteers = set(
        InitiativePage.objects.filter(upcoming, owner=user).values_list("pk", flat=True).distinct()
    )
    for page in Page.objects.filter(owner=user).exclude(depth__lte=1).specific().order_by("path"):
        if isinstance(page, StoryPage):
            stories.append(page)
        elif isinstance(page, InitiativePage) and (page.live or page.pk in with_volunteers):
            initiatives.append(page)
        elif not page.live and page.numchild == 0:
            removed.append(page)
        elif isinstance(page, ActivityPage):
            activities.append(page)
        else:
            kept.append(page)
    signups = list(signups_of(user).select_related("shift").order_by("pk"))
    volunteers = (
        _signups_to_come(initiatives).exclude(pk__in=[signup.pk for signup in signups]).values("email").distinct().count()
    )
    return Holdings(stories, initiatives, activities, kept, removed, signups, volunteers)


def deletion_summary(user, found=None):
    """What deleting `user` will do, as Consequences, counted; kinds the account has none of are left out."""
    from wagtail.models import Comment

    from dropins.models import DropInException, Organisation
    from initiatives.models import OrganiserChange, Signup, Support
    from stories.models import StoryReport

    found = found or holdings(user)
    published = len(found.published_stories)
    unpublished = len(found.removed_pages) + len(found.stories) - published
    initiatives = len(found.initiatives)
    activities = len(found.activities)
    pages = len(found.kept_pages)
    signups = len(found.signups)
    residents = Signup.objects.filter(assisted_by=user, erased_at__isnull=True).count()
    supports = Support.objects.filter(user=user).count()
    reports = StoryReport.objects.filter(reporter=user).count()
    organisations = Organisation.objects.filter(members=user).count()
    changes = OrganiserChange.objects.filter(user=user).count() + DropInException.objects.filter(created_by=user).count()
    comments = Comment.objects.filter(user=user).count()
    photos = _uploaded_images(user).count()
    lines = [
        Consequence(
            "account",
            _("Uw account"),
            1,
            _("Wij verwijderen uw gebruikersnaam, e-mailadressen, wachtwoord en taalkeuze. U wordt overal uitgelogd."),
        ),
        Consequence(
            "published_stories",
            ngettext("%(count)s gepubliceerd verhaal", "%(count)s gepubliceerde verhalen", published) % {"count": published},
            published,
            ngettext(
                "U kiest hieronder: wij halen het weg, of het blijft staan zonder uw naam.",
                "U kiest hieronder: wij halen ze weg, of ze blijven staan zonder uw naam.",
                published,
            ),
        ),
        Consequence(
            "unpublished",
            ngettext("%(count)s bijdrage die niet online staat", "%(count)s bijdragen die niet online staan", unpublished)
            % {"count": unpublished},
            unpublished,
            ngettext("Die verwijderen wij.", "Die verwijderen wij.", unpublished),
        ),
        Consequence(
            "initiatives",
            ngettext("%(count)s initiatief", "%(count)s initiatieven", initiatives) % {"count": initiatives},
            initiatives,
            ngettext(
                "De bewonersredactie neemt het over. Uw naam gaat eraf. Zo hoeven vrijwilligers die zich al "
                "aanmeldden niet af te zeggen. Daarna beslist de redactie of het initiatief doorgaat.",
                "De bewonersredactie neemt ze over. Uw naam gaat eraf. Zo hoeven vrijwilligers die zich al "
                "aanmeldden niet af te zeggen. Daarna beslist de redactie of de initiatieven doorgaan.",
                initiatives,
            ),
        ),
        Consequence(
            "volunteers",
            ngettext(
                "%(count)s vrijwilliger bij uw initiatieven", "%(count)s vrijwilligers bij uw initiatieven", found.volunteers
            )
            % {"count": found.volunteers},
            found.volunteers,
            ngettext(
                "Die krijgt een e-mail: de bewonersredactie neemt het over, en de vrijwilliger kan gewoon komen.",
                "Zij krijgen een e-mail: de bewonersredactie neemt het over, en zij kunnen gewoon komen.",
                found.volunteers,
            ),
        ),
        Consequence(
            "activities",
            ngettext("%(count)s activiteit in de agenda", "%(count)s activiteiten in de agenda", activities)
            % {"count": activities},
            activities,
            ngettext("Die blijft staan, zonder uw naam.", "Die blijven staan, zonder uw naam.", activities),
        ),
        Consequence(
            "kept_pages",
            ngettext("%(count)s andere pagina", "%(count)s andere pagina's", pages) % {"count": pages},
            pages,
            ngettext("Die blijft staan. U staat er niet meer bij.", "Die blijven staan. U staat er niet meer bij.", pages),
        ),
        Consequence(
            "signups",
            ngettext("%(count)s aanmelding als vrijwilliger", "%(count)s aanmeldingen als vrijwilliger", signups)
            % {"count": signups},
            signups,
            _(
                "Wij melden u af voor diensten die nog komen. De organisator krijgt een e-mail. Uw plek gaat naar "
                "wie op de wachtlijst staat. Uw naam, e-mailadres en telefoonnummer wissen wij."
            ),
        ),
        Consequence(
            "assisted_signups",
            ngettext(
                "%(count)s bewoner die u aanmeldde als verbinder", "%(count)s bewoners die u aanmeldde als verbinder", residents
            )
            % {"count": residents},
            residents,
            _(
                "Niemand kan die bewoners dan nog bereiken. Wij melden ze af voor diensten die nog komen, en wissen "
                "hun naam, telefoonnummer en toestemming. Laat het ze weten, of vraag een andere verbinder ze "
                "opnieuw aan te melden."
            ),
        ),
        Consequence(
            "support",
            ngettext("U steunt %(count)s initiatief", "U steunt %(count)s initiatieven", supports) % {"count": supports},
            supports,
            _("Uw steun telt nog mee, zonder uw naam."),
        ),
        Consequence(
            "reports",
            ngettext("%(count)s melding over een verhaal", "%(count)s meldingen over verhalen", reports) % {"count": reports},
            reports,
            ngettext(
                "De redactie houdt de tekst, maar ziet niet meer dat die van u is.",
                "De redactie houdt de teksten, maar ziet niet meer dat die van u zijn.",
                reports,
            ),
        ),
        Consequence(
            "organisations",
            ngettext("U werkt voor %(count)s organisatie", "U werkt voor %(count)s organisaties", organisations)
            % {"count": organisations},
            organisations,
            _("Daar staat u dan niet meer bij."),
        ),
        Consequence(
            "changes",
            ngettext(
                "%(count)s wijziging aan een spreekuur, dienst of activiteit",
                "%(count)s wijzigingen aan spreekuren, diensten of activiteiten",
                changes,
            )
            % {"count": changes},
            changes,
            ngettext("Die blijft staan, zonder uw naam.", "Die blijven staan, zonder uw naam.", changes),
        ),
        Consequence(
            "comments",
            ngettext("%(count)s opmerking in het beheer", "%(count)s opmerkingen in het beheer", comments) % {"count": comments},
            comments,
            ngettext("Die verwijderen wij.", "Die verwijderen wij.", comments),
        ),
        Consequence(
            "photos",
            ngettext("%(count)s foto die u stuurde", "%(count)s foto's die u stuurde", photos) % {"count": photos},
            photos,
            _("Staat een foto alleen bij iets dat wij verwijderen? Dan verwijderen wij de foto ook. Anders blijft hij staan."),
        ),
    ]
    return [line for line in lines if line.count]


def _uploaded_images(user):
    from wagtail.images import get_image_model

    return get_image_model().objects.filter(uploaded_by_user=user)


def delete_account(user, *, keep_stories):
    """
    Delete `user` and everything of theirs as `deletion_summary` describes; published stories stay without a
    name if `keep_stories`, else they go. Returns the Consequences that were carried out (in the person's language,
    as their confirmation e-mail tells them).
    """
    from initiatives.services import erase_assisted_signups, erase_signup

    User = get_user_model()
    with transaction.atomic():
        if user.is_superuser:
            # The form checks is_last_admin too, but only here, with every admin locked (in one order), can two
            # admins deleting their accounts at once not both go.
            list(User.objects.select_for_update().filter(is_superuser=True, is_active=True).order_by("pk"))
        user = User.objects.select_for_update().filter(pk=user.pk).first()
        if user is None:  # deleted meanwhile, by a second click
            return []
        if is_last_admin(user):
            raise PermissionDenied("The only admin cannot delete their account.")
        found = holdings(user)
        address, language, username = user.email, language_for(user), user.get_username()
        with translation.override(language):
            summary = [_as_chosen(line, keep_stories) for line in deletion_summary(user, found)]

        for signup in found.signups:
            erase_signup(signup)
        erase_assisted_signups(user)  # before the account goes: Signup.assisted_by protects it

        removed_pages = list(found.removed_pages)
        names = {}  # page id -> {field: replacement}, for the page and its revisions
        for story in found.stories:
            if story.live and keep_stories:
                names[story.pk] = {"author_name": ANONYMOUS_AUTHOR}
            else:
                removed_pages.append(story)
        for initiative in found.initiatives:
            names[initiative.pk] = {"organiser_name": EDITORS_AS_ORGANISER}
        for activity in found.activities:
            names[activity.pk] = {} if activity.by_professionals else {"organiser": ANONYMOUS_AUTHOR}

        photos = _photos_of(user, removed_pages)
        for page in removed_pages:
            _remove_page(page)
        removed_ids = {page.pk for page in removed_pages}
        for page in found.stories + found.initiatives + found.activities + found.kept_pages:
            if page.pk not in removed_ids:
                _anonymise_page(page, names.get(page.pk, {}))
        _scrub_revisions(user, names)
        _delete_unused(photos)

        handed_over = [(initiative.specific, _volunteers_to_come(initiative)) for initiative in found.initiatives]
        _loosen_links(user)
        _end_sessions(user)
        user.delete()

        for initiative, volunteers in handed_over:
            _tell_about_hand_over(initiative, volunteers)
        if address:
            send_templated(
                "account/mail/account_deleted",
                {"username": username, "summary": summary},
                [address],
                language=language,
            )
    return summary


def _as_chosen(line, keep_stories):
    """The line about published stories as the person chose, for the confirmation; the other lines as they are."""
    if line.key != "published_stories":
        return line
    if keep_stories:
        outcome = ngettext("Het blijft staan, zonder uw naam.", "Ze blijven staan, zonder uw naam.", line.count)
    else:
        outcome = ngettext("Wij hebben het weggehaald.", "Wij hebben ze weggehaald.", line.count)
    return replace(line, outcome=outcome)


def _remove_page(page):
    """Take a page offline and delete it, with its revisions (Wagtail logs both)."""
    page = page.specific
    if page.live:
        page.unpublish(user=None)
    page.delete()


def _anonymise_page(page, replacements):
    """The page stays, without its owner, lock or the person's name."""
    page = page.specific
    for name, value in replacements.items():
        setattr(page, name, value)
    page.owner = None
    if page.locked:
        page.locked, page.locked_by, page.locked_at = False, None, None
    # A plain save: the live page changes without a new revision or review (the revisions are scrubbed too).
    # It also updates the search index.
    page.save(clean=False, update_fields=[*replacements, "owner", "locked", "locked_by", "locked_at"])


def _user_fields():
    """Names of the fields that point at a user, over all models: (foreign keys, many-to-many)."""
    User = get_user_model()
    from django.apps import apps

    single, many = set(), set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model is User:
                (many if field.many_to_many else single).add(field.name)
    return single, many


def _scrub(value, pk, single, many):
    """Remove user `pk` from serialized content (a revision), in place, at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in single and item == pk:
                value[key] = None
            elif key in many and isinstance(item, list) and pk in item:
                value[key] = [other for other in item if other != pk]
            else:
                _scrub(item, pk, single, many)
    elif isinstance(value, list):
        for item in value:
            _scrub(item, pk, single, many)


def _scrub_revisions(user, names):
    """
    Take the person out of every revision: as owner, as the locker, as a member, in comments; and put the
    replacements in `names` (page id -> {field: value}) into every revision of those pages.
    """
    from wagtail.models import Comment, Page, Revision

    pk = user.pk
    single, many = _user_fields()
    page_type = ContentType.objects.get_for_model(Page)
    with_members = [
        ContentType.objects.get_for_model(model).pk
        for model in _models_with_many_to_many_to(get_user_model())
    ]
    commented = Comment.objects.filter(Q(user=user) | Q(resolved_by=user) | Q(replies__user=user)).values_list(
        "page_id", flat=True
    )
    named = [str(page_id) for page_id in names]
    candidates = Revision.objects.filter(
        Q(content__owner=pk)
        | Q(content__locked_by=pk)
        | Q(base_content_type_id__in=with_members)
        | Q(base_content_type=page_type, object_id__in=[str(page_id) for page_id in set(commented)] + named)
    )
    for revision in candidates.iterator():
        content = copy.deepcopy(revision.content)
        _scrub(content, pk, single, many)
        if revision.base_content_type_id == page_type.pk:
            replacements = names.get(int(revision.object_id), {})
            if "organiser" in replacements and content.get("by_professionals"):
                replacements = {}
            content.update({name: value for name, value in replacements.items() if name in content})
        if content != revision.content:
            Revision.objects.filter(pk=revision.pk).update(content=content)


def _models_with_many_to_many_to(model):
    from django.apps import apps

    return [
        candidate
        for candidate in apps.get_models()
        if any(field.many_to_many and field.related_model is model for field in candidate._meta.local_many_to_many)
    ]


def _photos_of(user, pages):
    """The person's own photos used by `pages` (which are about to be deleted)."""
    from wagtail.images import get_image_model
    from wagtail.models import ReferenceIndex

    Image = get_image_model()
    image_type = ContentType.objects.get_for_model(Image)
    ids = set()
    for page in pages:
        ids.update(
            ReferenceIndex.get_references_for_object(page)
            .filter(to_content_type=image_type)
            .values_list("to_object_id", flat=True)
        )
    return list(_uploaded_images(user).filter(pk__in=[int(pk) for pk in ids if pk.isdigit()]))


def _delete_unused(images):
    from wagtail.models import ReferenceIndex

    for image in images:
        if not ReferenceIndex.get_references_to(image).exists():
            image.delete()


def _signups_to_come(initiatives):
    """Active sign-ups for shifts of `initiatives` that are still to come."""
    from initiatives.models import Signup

    return Signup.objects.filter(
        shift__initiative__in=initiatives,
        status__in=Signup.ACTIVE,
        erased_at__isnull=True,
        shift__start__gt=timezone.now(),
        shift__cancelled=False,
    )


def _volunteers_to_come(initiative):
    """The people to tell that `initiative` carries on."""
    return list(
        _signups_to_come([initiative])
        .select_related("shift", "shift__place", "shift__initiative", "shift__initiative__place", "user")
        .order_by("shift__start", "pk")
    )


def _tell_about_hand_over(initiative, signups):
    """E-mail each volunteer of shifts still to come (one e-mail per address) and each editor."""
    from initiatives.mail import shift_location
    from initiatives.volunteer_data import mail_link_url

    by_address = {}
    for signup in signups:
        by_address.setdefault(signup.email, []).append(signup)
    page_url = absolute_url(initiative.url or "/")
    for address, own in by_address.items():
        send_templated(
            "account/mail/initiative_handed_over",
            {
                "name": own[0].name,
                "initiative": initiative,
                "page_url": page_url,
                "shifts": [
                    {"shift": signup.shift, "location": shift_location(signup.shift), "cancel_url": absolute_url(signup.cancel_path())}
                    for signup in own
                ],
                "data_url": mail_link_url(address),
            },
            [address],
            language=language_for(own[0].user),
        )
    for editor in editors():
        send_templated(
            "account/mail/initiative_to_editors",
            {
                "editor": editor,
                "initiative": initiative,
                "page_url": page_url,
                "manage_url": absolute_url(reverse("initiatives:manage", args=[initiative.pk])),
                "volunteers": len(by_address),
            },
            [editor.email],
            language=language_for(editor),
        )


def _loosen_links(user):
    """What stays without the person: reports, support, log entries. What goes: their own log, mail copies, files."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import ModelLogEntry, PageLogEntry
    from wagtail.users.models import UserProfile

    from initiatives.models import Support
    from initiatives.personal_data import verified_addresses
    from stories.models import StoryReport

    for report in StoryReport.objects.filter(reporter=user):
        # The key was made from the account; a key made from the report alone still keeps one report per row.
        report.reporter_key = salted_hmac("stories.report", f"deleted:{report.pk}").hexdigest()
        report.reporter = None
        report.save(update_fields=["reporter", "reporter_key"])
    Support.objects.filter(user=user).update(user=None)
    # Wagtail keeps who did what without a database constraint, so deleting the user would leave the id behind.
    PageLogEntry.objects.filter(user=user).update(user=None)
    ModelLogEntry.objects.filter(user=user).update(user=None)
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()), object_id=str(user.pk)
    ).delete()
    profile = UserProfile.objects.filter(user=user).first()
    if profile and profile.avatar:
        storage, name = profile.avatar.storage, profile.avatar.name
        transaction.on_commit(lambda: storage.delete(name))
    addresses = verified_addresses(user) | ({user.email.lower()} if user.email else set())
    if addresses:
        mentions = Q()
        for address in addresses:
            mentions |= Q(args_kwargs__icontains=f'"{address}"')
        # Only what was sent: a message still waiting may be someone else's (a reply-to address) and goes out.
        finished = [TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
        DBTaskResult.objects.filter(mentions, status__in=finished).delete()


def _end_sessions(user):
    """Log the person out everywhere. Sessions kept only in the cache end by themselves: the account is gone."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return
    user_id = str(user.pk)
    for session in store.get_model_class().objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == user_id:
            store(session.session_key).delete()


def is_last_admin(user):
    """Whether `user` is the only active superuser (who then cannot delete their own account)."""
    if not user.is_superuser:
        return False
    return not get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk).exists()



def once_per_request(context, name, check):
    """
    `check(user)` for the logged-in visitor of a template's request, asked once per request however often the
    page asks (the header shows the account menu twice); False for visitors, without a query.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    attribute = f"_{name}"
    if not hasattr(request, attribute):
        setattr(request, attribute, check(user))
    return getattr(request, attribute)
