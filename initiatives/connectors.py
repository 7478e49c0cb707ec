"""
Assisted sign-up: a connector (group Verbinders: a buurtcoach or a volunteer of
Ons Huis van de Wijk) signs up a resident who has no e-mail, by name and phone
number, and records the resident's consent: who (the connector), when, and
what was explained. The seat rule is services.sign_up's, as for everyone.

The connector gets the mails (initiatives/mail.py), sees only the residents
they signed up ("Mijn bewoners" and a printable call list per day), and removes
a resident who asks for it: the sign-up is cancelled and wiped at once, as when
a volunteer cancels. Views check the role, parse, call one service, render.
"""

from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from initiatives import services
from initiatives.forms import AssistedSignupForm
from initiatives.models import Signup, is_connector
from initiatives.queries import shown_shift_or_404
from wijkplatform.forms import limit_posts

CONNECTOR_RATE = "120/h"


def connector_required(view):
    """Only connectors: a visitor is sent to log in, any other account gets 403."""

    @login_required
    @never_cache
    @limit_posts(CONNECTOR_RATE)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_connector(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@connector_required
@require_http_methods(["GET", "POST"])
def assisted_signup(request, shift_id):
    """ "Iemand aanmelden zonder e-mail": the resident's name, phone and consent, for one shift."""
    shift = shown_shift_or_404(shift_id)
    initiative = shift.initiative
    form = AssistedSignupForm(request.POST or None, initial={"waitlist": shift.is_full}, auto_id="bewoner_%s")
    context = {"shift": shift, "initiative": initiative, "form": form}
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "initiatives/assisted_signup_form.html", context, status=status)
    data = form.cleaned_data
    result = services.sign_up(
        shift,
        data["name"],
        "",
        data["phone"],
        join_waitlist=data["waitlist"],
        language=translation.get_language(),
        assisted_by=request.user,
        consent_explained=form.consent_text(),
    )
    shift.refresh_from_db(fields=["confirmed_count", "capacity", "closed", "cancelled"])
    context.update(result=result, resident=data["name"])
    if result.status == services.FULL:
        # Offer the waitlist with what was already filled in, consent included.
        typed = {key: value for key, value in request.POST.items() if key not in ("csrfmiddlewaretoken", "waitlist")}
        context["waitlist_fields"] = sorted({**typed, "waitlist": "on"}.items())
    return render(request, "initiatives/assisted_signup_result.html", context)


def _day_from(request):
    """The day asked for (?dag=YYYY-MM-DD), today without one; None for anything that is not a date."""
    value = request.GET.get("dag", "").strip()
    if not value:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@connector_required
def my_residents(request):
    """Every resident the connector signed up whose data is still kept, with the way to remove one."""
    signups = list(services.assisted_signups_of(request.user))
    today = timezone.localdate()
    days = sorted({timezone.localtime(signup.shift.start).date() for signup in signups if signup.is_active})
    context = {"signups": signups, "days": [day for day in days if day >= today], "today": today}
    return render(request, "initiatives/connector/residents.html", context)


@connector_required
def call_list(request):
    """The residents to call about one day's shifts, to print on one A4."""
    day = _day_from(request)
    if day is None:
        context = {"bad_day": request.GET.get("dag", "")[:40], "today": timezone.localdate()}
        return render(request, "initiatives/connector/call_list.html", context, status=400)
    signups = services.assisted_signups_of(request.user).filter(shift__start__date=day, status__in=Signup.ACTIVE)
    context = {"day": day, "signups": signups, "today": timezone.localdate()}
    return render(request, "initiatives/connector/call_list.html", context)


@connector_required
@require_http_methods(["GET", "POST"])
def remove_resident(request, signup_id):
    """First a question, then (POST) the resident's sign-up cancelled and their data wiped."""
    signup = services.assisted_signups_of(request.user).filter(pk=signup_id).first()
    if signup is None:
        raise Http404  # not theirs, or already wiped: nothing to show
    if request.method == "POST":
        services.erase_signup(signup)
        messages.success(request, _("De aanmelding is weg. De gegevens van de bewoner zijn gewist."))
        return redirect("initiatives:connector_residents")
    return render(request, "initiatives/connector/remove.html", {"signup": signup, "shift": signup.shift})


urlpatterns = [
    path("initiatieven/dienst/<id:shift_id>/iemand-aanmelden/", assisted_signup, name="assisted_signup"),
    path("verbinder/", my_residents, name="connector_residents"),
    path("verbinder/bellijst/", call_list, name="call_list"),
    path("verbinder/bewoner/<id:signup_id>/verwijderen/", remove_resident, name="remove_resident"),
]
