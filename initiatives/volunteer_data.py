"""
"Mijn aanmeldingen": what the platform holds about a volunteer's e-mail address,
to see, download and erase, without an account.

Every e-mail to a volunteer links here with a signed token that holds the
address (`mail_link_url`). Mails get forwarded, so that link shows nothing: it
only sends a new e-mail to the address inside it. That e-mail holds a
short-lived token (VOLUNTEER_DATA_LINK_MINUTES) that opens the data. Anyone
may ask for that e-mail at /account/mijn-aanmeldingen/. The answer, and the
work the request does, are the same whether or not the address is known: the
request only queues the `send_data_link` task, which looks the address up and
mails a known one. Both forms are rate-limited per IP and per address.

The JSON download, "formaat": "wijkderuwaard.mijn-aanmeldingen/1":
    emailadres      the address the data belongs to
    gemaakt_op      when the file was made (ISO 8601, Europe/Amsterdam)
    aanmeldingen    one object per sign-up, latest shift first:
        naam, email, telefoon       as given when signing up ("" when not given)
        status                      "confirmed", "waitlisted" or "cancelled"
        status_tekst                the status in words
        aangemeld_op, bevestigd_op, afgemeld_op, herinnering_verstuurd_op
                                    ISO 8601 times, or null
        dienst                      {taak, begint, eindigt, waar, opmerking, gaat_niet_door}
        initiatief                  {titel, adres}; adres is the public web address, or null
                                    when the initiative is not online (any more)
"""

import json

from django import forms
from django.conf import settings
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited
from django_tasks import task

from initiatives import services
from wijkplatform.forms import HoneypotMixin
from wijkplatform.mail import absolute_url, send_templated

MAIL_LINK_SALT = "initiatives.volunteer_data.mail_link"
VIEW_SALT = "initiatives.volunteer_data.view"
FORMAT = "wijkderuwaard.mijn-aanmeldingen/1"
IP_RATE = "10/h"
ADDRESS_RATE = "3/h"


# Tokens ---------------------------------------------------------------------------------


def _token(email, salt):
    return signing.dumps(services.normalize_email(email), salt=salt, compress=True)


def _email_from(token, salt, max_age=None):
    """The address in a token; BadSignature (SignatureExpired when too old) for anything else."""
    email = signing.loads(token, salt=salt, max_age=max_age)
    if not isinstance(email, str) or "@" not in email:
        raise signing.BadSignature
    return email


def mail_link_url(email):
    """The "Mijn aanmeldingen" link in every e-mail to a volunteer. It only ever sends a new e-mail."""
    return absolute_url(reverse("volunteer_data_mail_link", args=[_token(email, MAIL_LINK_SALT)]))


def view_url(email):
    """The short-lived link that opens the data, sent only to the address itself."""
    return absolute_url(reverse("volunteer_data", args=[_token(email, VIEW_SALT)]))


def link_minutes():
    return settings.VOLUNTEER_DATA_LINK_MINUTES


def masked(email):
    """a…@example.org: enough for the owner to recognise, without spelling it out."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"


# The e-mail with the short-lived link ---------------------------------------------------


@task()
def send_data_link(email, language):
    """Mail the link that opens the data, if anything is held for `email`. Returns whether a mail was queued."""
    if not services.signups_held_for(email).exists():
        return False
    context = {
        "url": view_url(email),
        "minutes": link_minutes(),
        "request_url": absolute_url(reverse("volunteer_data_request")),
    }
    send_templated("initiatives/mail/volunteer_data_link", context, [email], language=language)
    return True


def _ask_for_link(request, email):
    """The same work and the same answer for any address: rate limits, then the task."""
    by_ip = is_ratelimited(request, group="volunteer_data.ip", key="ip", rate=IP_RATE, increment=True)
    by_address = is_ratelimited(
        request,
        group="volunteer_data.address",
        key=lambda _group, _request: services.normalize_email(email),
        rate=ADDRESS_RATE,
        increment=True,
    )
    if by_ip or by_address:
        return render(request, "429.html", status=429)
    send_data_link.enqueue(services.normalize_email(email), translation.get_language())
    return render(request, "initiatives/volunteer_data/sent.html", {"minutes": link_minutes()})


# Views ----------------------------------------------------------------------------------


class RequestForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        help_text=_("Het adres waarmee u zich aanmeldde voor een dienst."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Vul uw e-mailadres in."), "invalid": _("Dit is geen goed e-mailadres.")},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def request_link(request):
    """Anyone types an address; only that address gets the e-mail, and only when data is held for it."""
    form = RequestForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            return _ask_for_link(request, form.cleaned_data["email"])
        return render(request, "initiatives/volunteer_data/request.html", {"form": form}, status=400)
    return render(request, "initiatives/volunteer_data/request.html", {"form": form})


def _bad_link(request, expired=False):
    context = {"form": RequestForm(), "expired": expired, "minutes": link_minutes()}
    return render(request, "initiatives/volunteer_data/bad_link.html", context, status=410 if expired else 400)


@never_cache
@require_http_methods(["GET", "POST"])
def mail_link(request, token):
    """The link in a volunteer e-mail: shows no data, only offers to mail the address in it."""
    try:
        email = _email_from(token, MAIL_LINK_SALT)
    except signing.BadSignature:
        return _bad_link(request)
    if request.method == "POST":
        return _ask_for_link(request, email)
    return render(request, "initiatives/volunteer_data/mail_link.html", {"masked_email": masked(email)})


def with_data(view):
    """Open a short-lived link: the view gets the address and the sign-ups held for it."""

    @never_cache
    def wrapped(request, token):
        try:
            email = _email_from(token, VIEW_SALT, max_age=link_minutes() * 60)
        except signing.SignatureExpired:
            return _bad_link(request, expired=True)
        except signing.BadSignature:
            return _bad_link(request)
        return view(request, token, email, list(services.signups_held_for(email)))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _moment(value):
    return timezone.localtime(value).isoformat() if value else None


def signup_record(signup, request):
    """One sign-up as the JSON download (and the readable page) shows it; see the module docstring."""
    from initiatives.mail import shift_location  # initiatives.mail imports this module

    shift = signup.shift
    initiative = shift.initiative
    url = initiative.get_url(request) if initiative.live else None
    if url:
        url = request.build_absolute_uri(url)
    return {
        "naam": signup.name,
        "email": signup.email,
        "telefoon": signup.phone,
        "status": signup.status,
        "status_tekst": str(signup.get_status_display()),
        "aangemeld_op": _moment(signup.created_at),
        "bevestigd_op": _moment(signup.confirmed_at),
        "afgemeld_op": _moment(signup.cancelled_at),
        "herinnering_verstuurd_op": _moment(signup.reminder_sent_at),
        "dienst": {
            "taak": shift.task,
            "begint": _moment(shift.start),
            "eindigt": _moment(shift.end),
            "waar": shift_location(shift),
            "opmerking": shift.note,
            "gaat_niet_door": shift.cancelled,
        },
        "initiatief": {"titel": initiative.title, "adres": url},
    }


def _records(request, signups):
    return [{"signup": signup, **signup_record(signup, request)} for signup in signups]


@with_data
def data(request, token, email, signups):
    """Everything held for the address, with download and erase."""
    context = {
        "token": token,
        "email": email,
        "records": _records(request, signups),
        "minutes": link_minutes(),
        "retention_days": settings.SIGNUP_RETENTION_DAYS,
    }
    return render(request, "initiatives/volunteer_data/data.html", context)


@with_data
def download_json(request, token, email, signups):
    body = {
        "formaat": FORMAT,
        "emailadres": email,
        "gemaakt_op": _moment(timezone.now()),
        "aanmeldingen": [signup_record(signup, request) for signup in signups],
    }
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-aanmeldingen.json"'
    return response


@with_data
def download_html(request, token, email, signups):
    """A page that stands on its own: to keep as a file, read later, or print."""
    context = {"email": email, "records": _records(request, signups), "made_at": timezone.now()}
    response = HttpResponse(render_to_string("initiatives/volunteer_data/export.html", context, request=request))
    response["Content-Disposition"] = 'attachment; filename="mijn-aanmeldingen.html"'
    return response


@with_data
@require_http_methods(["GET", "POST"])
def erase(request, token, email, signups):
    """First a question, then (POST) every sign-up cancelled and wiped."""
    if request.method == "POST":
        services.erase_volunteer(email)
        return render(request, "initiatives/volunteer_data/erased.html")
    context = {"token": token, "records": _records(request, signups)}
    return render(request, "initiatives/volunteer_data/erase.html", context)


# Included under account/mijn-aanmeldingen/ by wijkplatform/urls.py, before allauth's account/ URLs.
urlpatterns = [
    path("", request_link, name="volunteer_data_request"),
    path("aanvragen/<str:token>/", mail_link, name="volunteer_data_mail_link"),
    path("bekijken/<str:token>/", data, name="volunteer_data"),
    path("bekijken/<str:token>/mijn-aanmeldingen.json", download_json, name="volunteer_data_json"),
    path("bekijken/<str:token>/mijn-aanmeldingen.html", download_html, name="volunteer_data_html"),
    path("bekijken/<str:token>/verwijderen/", erase, name="volunteer_data_erase"),
]
