"""Site-wide views: search, "Mijn bijdragen", "Mijn gegevens", and the rate-limit answer."""

import json
import re

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from django.views.static import serve
from django_ratelimit.decorators import ratelimit
from wagtail.models import Page
from wagtail.users.models import UserProfile

from wijkplatform.accounts import contribution_kinds, contributions, deletion_summary, holdings, is_last_admin
from wijkplatform.accounts import delete_account as delete_account_and_data
from wijkplatform.moderation import contribution_status
from wijkplatform.personal_data import SCHEMA_FILE, collect, readable
from wijkplatform.wijken import current_site, in_wijk

SEARCH_MAX_LENGTH = 200


def search_terms(text):
    """Words only: quotes and operators mean nothing to residents but break full-text syntax."""
    return " ".join(re.sub(r"[^\w-]+", " ", text[:SEARCH_MAX_LENGTH]).split())


def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    terms = search_terms(query)
    results = Page.objects.none()
    if terms:
        pages = in_wijk(Page.objects.live().public().exclude(depth__lte=1), current_site(request))  # this wijk's pages
        results = pages.specific().search(terms)
    page = Paginator(results, 20).get_page(request.GET.get("pagina"))
    return render(request, "search.html", {"query": query, "results": page})


def rate_limited(request, exception=None):
    return render(request, "429.html", status=429)


@require_POST
def set_language(request):
    """Django's language switch; for a logged-in user the choice is also kept in their profile (e-mails, admin)."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        profile = UserProfile.get_for_user(request.user)
        if profile.preferred_language != language:
            profile.preferred_language = language
            profile.save(update_fields=["preferred_language"])
    return response


def media(request, path):
    """Uploaded photos, where no proxy serves /media/: a path the file system cannot even look up is not found."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        raise Http404 from error


@never_cache
def healthz(request):
    """
    For the proxy and monitoring: "ok" (200); "degraded: redis" (200, with X-Health: degraded) while Redis is away
    and the site works without it; "down: database" (503) when the database does not answer.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("down: database", content_type="text/plain", status=503, headers={"X-Health": "down"})
    if not getattr(cache, "is_reachable", lambda: True)():
        return HttpResponse("degraded: redis", content_type="text/plain", headers={"X-Health": "degraded"})
    return HttpResponse("ok", content_type="text/plain", headers={"X-Health": "ok"})


CONTRIBUTIONS_PER_KIND = 5  # on the overview, each kind shows its newest few
CONTRIBUTIONS_PER_PAGE = 20


@login_required
def my_contributions(request):
    """
    What the account sent in, by kind, newest first: each kind's newest few, or (?soort=) one kind
    with pages of its own.
    """
    kinds = contribution_kinds(request.user)
    chosen = next((kind for kind in kinds if kind.key == request.GET.get("soort")), None)
    if chosen:
        page = Paginator(contributions(request.user, chosen.key), CONTRIBUTIONS_PER_PAGE).get_page(request.GET.get("pagina"))
        groups = [(chosen, _with_status(page.object_list))]
    else:
        page = None
        groups = [(kind, _with_status(contributions(request.user, kind.key)[:CONTRIBUTIONS_PER_KIND])) for kind in kinds]
    context = {"groups": groups, "chosen": chosen, "page_obj": page, "shown": CONTRIBUTIONS_PER_KIND}
    return render(request, "account/my_contributions.html", context)


def _with_status(items):
    """Pages with where each one stands; sign-ups carry their own status."""
    return [(item, contribution_status(item) if isinstance(item, Page) else None) for item in items]


@login_required
def my_data(request):
    """Everything stored about the account, readable; the same data as the download."""
    return render(request, "account/my_data.html", {"sections": readable(collect(request.user))})


@login_required
def my_data_download(request):
    body = json.dumps(collect(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


def my_data_schema(request):
    """The JSON Schema of the download (docs/personal-data.schema.json)."""
    return FileResponse(SCHEMA_FILE.open("rb"), content_type="application/schema+json")


class DeleteAccountForm(forms.Form):
    KEEP, REMOVE = "keep", "remove"

    stories = forms.ChoiceField(
        label=_("Wat gebeurt er met uw gepubliceerde verhalen?"),
        choices=[
            (REMOVE, _("Haal mijn verhalen weg")),
            (KEEP, _("Laat ze staan, zonder mijn naam. Er komt dan “Een bewoner” bij te staan.")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat er met uw verhalen gebeurt.")},
    )
    password = forms.CharField(label=_("Uw wachtwoord"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    confirm = forms.BooleanField(
        label=_("Ja, verwijder mijn account en mijn gegevens"),
        error_messages={"required": _("Zet een vinkje als u zeker weet dat u uw account wilt verwijderen.")},
    )

    def __init__(self, user, *args, has_published_stories=False, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if not has_published_stories:
            del self.fields["stories"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return password

    def clean(self):
        cleaned = super().clean()
        if is_last_admin(self.user):
            raise forms.ValidationError(
                _("U bent de enige beheerder. Maak eerst iemand anders beheerder, dan kunt u uw account verwijderen.")
            )
        return cleaned

    @property
    def keep_stories(self):
        return self.cleaned_data.get("stories") == self.KEEP


@login_required
@ratelimit(key="user", rate="10/h", method="POST", block=True)
def delete_account(request):
    """First what happens to each kind of data, and the choice for published stories; then the deletion."""
    found = holdings(request.user)
    has_stories = bool(found.published_stories)
    form = DeleteAccountForm(request.user, request.POST or None, has_published_stories=has_stories)
    if request.method == "POST" and form.is_valid():
        user = request.user
        delete_account_and_data(user, keep_stories=form.keep_stories)
        logout(request)
        messages.success(request, _("Uw account en uw gegevens zijn verwijderd. U krijgt een e-mail als bevestiging."))
        return redirect("/")
    context = {"form": form, "summary": deletion_summary(request.user, found)}
    return render(request, "account/delete_account.html", context, status=400 if form.is_bound else 200)
