"""Site-wide views: search, "Mijn bijdragen", "Mijn gegevens", and the rate-limit answer."""

import json
import re

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from wijkplatform.moderation import contribution_status
from wijkplatform.personal_data import collect

SEARCH_MAX_LENGTH = 200


def search_terms(text):
    """Words only: quotes and operators mean nothing to residents but break full-text syntax."""
    return " ".join(re.sub(r"[^\w-]+", " ", text[:SEARCH_MAX_LENGTH]).split())


def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    terms = search_terms(query)
    results = Page.objects.none()
    if terms:
        results = Page.objects.live().public().exclude(depth__lte=1).specific().search(terms)
    page = Paginator(results, 20).get_page(request.GET.get("pagina"))
    return render(request, "search.html", {"query": query, "results": page})


def rate_limited(request, exception=None):
    return render(request, "429.html", status=429)


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@login_required
def my_contributions(request):
    pages = Page.objects.filter(owner=request.user).exclude(depth__lte=1).specific().order_by("-latest_revision_created_at")
    contributions = [{"page": page, "status": contribution_status(page)} for page in pages]
    return render(request, "account/my_contributions.html", {"contributions": contributions})


@login_required
def my_data(request):
    return render(request, "account/my_data.html", {"data": collect(request.user), "delete_form": DeleteAccountForm(request.user)})


@login_required
def my_data_download(request):
    body = json.dumps(collect(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Uw wachtwoord"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    confirm = forms.BooleanField(label=_("Ja, verwijder mijn account en mijn gegevens"))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return password


@login_required
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST)
    if not form.is_valid():
        return render(request, "account/my_data.html", {"data": collect(request.user), "delete_form": form}, status=400)
    user = request.user
    logout(request)
    user.delete()
    messages.success(request, _("Uw account en uw gegevens zijn verwijderd."))
    return redirect("/")
