"""
Views of the initiatives section that are not Wagtail page routes: signing up
and cancelling (no account needed), "Ik steun dit", and the organiser's pages.
Views parse, call one function of services.py, and render.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from initiatives import services
from initiatives.forms import ActivityForm, InitiativeForm, MessageForm, ShiftForm, ShiftFormSet, SignupForm
from initiatives.models import Activity, InitiativeIndexPage, InitiativePage, Shift, Signup
from initiatives.queries import SUPPORT_COOKIE, SUPPORT_SALT, shown_shift_or_404, supported_ids
from wijkplatform.forms import limit_posts, report_if_checked
from wijkplatform.moderation import PROFESSIONALS_GROUP, RESIDENTS_GROUP, contribution_status
from wijkplatform.wijken import current_site, section

SUPPORT_COOKIE_MAX = 300  # ids kept in the cookie
SIGNUP_RATE = "10/m"
SUPPORT_RATE = "20/h"
START_RATE = "20/h"
ORGANISER_RATE = "120/h"  # shifts, activities, messages: an organiser may do much at once
CANCEL_RATE = "30/h"


# Signing up and cancelling -------------------------------------------------------------


@ratelimit(key="ip", rate=SIGNUP_RATE, method="POST", block=True)
def signup(request, shift_id):
    if request.method != "POST":
        shift = shown_shift_or_404(shift_id)
        form = SignupForm.for_shift(shift, request.user)
        context = {"shift": shift, "initiative": shift.initiative, "form": form}
        return render(request, "initiatives/signup_form.html", context)
    form = SignupForm.for_shift(shift_id, request.user, data=request.POST)
    if not form.is_valid():
        shift = shown_shift_or_404(shift_id)
        context = {"shift": shift, "initiative": shift.initiative, "form": form}
        return render(request, "initiatives/signup_form.html", context, status=400)
    data = form.cleaned_data
    email = data["email"]
    if request.user.is_authenticated and request.user.email:
        email = request.user.email
    # A POST (two hundred at once for the last places) reads the shift once, with the checks of the sign-up
    # (services.sign_up); the answer shows the initiative and places in cached fragments (signup_result.html),
    # so they are loaded only when a fragment is built.
    result = services.sign_up(
        shift_id,
        data["name"],
        email,
        data["phone"],
        user=request.user,
        join_waitlist=data["waitlist"],
        language=translation.get_language(),
    )
    shift = result.shift
    if shift is None or not shift.initiative_live:
        raise Http404
    initiative = SimpleLazyObject(lambda: shift.initiative)
    seats_left = result.seats_left
    if seats_left is None:
        shift.refresh_from_db(fields=["confirmed_count", "capacity", "closed", "cancelled"])
        seats_left = shift.seats_left
    # The answer to a burst of sign-ups: kept lean (the full answer offers the waitlist with the posted `form`).
    context = {"shift": shift, "initiative": initiative, "result": result, "form": form, "seats_left": seats_left}
    return render(request, "initiatives/signup_result.html", context)


@limit_posts(CANCEL_RATE, key="ip")
def cancel_signup(request, token):
    """The link in every e-mail: shows the sign-up and asks to confirm; only a POST cancels."""
    signup = Signup.from_cancel_token(token)
    if signup is None:
        raise Http404
    shift = signup.shift
    # A connector's link names the resident; kept before the erasure below wipes both.
    resident = signup.name if signup.is_assisted else ""
    context = {"signup": signup, "shift": shift, "initiative": shift.initiative, "token": token, "resident": resident}
    if request.method == "POST" and signup.is_active:
        if shift.has_started:
            messages.error(request, _("Deze dienst is al begonnen. Afmelden kan niet meer."))
        else:
            services.erase_signup(signup)  # cancelled, and the name and address wiped at once
            context["cancelled_now"] = True
    return render(request, "initiatives/cancel.html", context)


# "Ik steun dit" ------------------------------------------------------------------------


@require_POST
@ratelimit(key="ip", rate=SUPPORT_RATE, method="POST", block=True)
def support(request, page_id):
    initiative = get_object_or_404(InitiativePage, pk=page_id, live=True)
    response = redirect(initiative.url + "#steun")
    if request.user.is_authenticated:
        if request.POST.get("action") == "withdraw":
            services.withdraw_support(initiative, request.user)
            messages.success(request, _("U steunt dit initiatief niet meer."))
        elif services.support(initiative, request.user):
            messages.success(request, _("Dank u wel voor uw steun!"))
        return response
    ids = supported_ids(request)
    if initiative.pk in ids:
        messages.info(request, _("U steunt dit initiatief al. Dank u wel!"))
        return response
    services.support(initiative)
    ids = sorted(ids | {initiative.pk})[-SUPPORT_COOKIE_MAX:]
    response.set_signed_cookie(
        SUPPORT_COOKIE,
        ",".join(map(str, ids)),
        salt=SUPPORT_SALT,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    messages.success(request, _("Dank u wel voor uw steun!"))
    return response


# The organiser's pages -----------------------------------------------------------------


def may_start_initiative(user):
    return user.is_superuser or user.groups.filter(name__in=[RESIDENTS_GROUP, PROFESSIONALS_GROUP]).exists()


@login_required
@limit_posts(START_RATE)
def start(request):
    """A resident starts an initiative: it goes to the resident editors like a story."""
    if not may_start_initiative(request.user):
        raise PermissionDenied
    index = section(InitiativeIndexPage, current_site(request))
    if index is None:
        raise Http404
    form = InitiativeForm(request.POST or None, request.FILES or None)
    shifts = ShiftFormSet(request.POST or None, prefix="dienst")
    readability = report_if_checked(request, form, shifts, fields=("aim", "description"))
    if readability is None and request.method == "POST" and form.is_valid() and shifts.is_valid():
        page = services.initiative_from_form(InitiativePage(), form.cleaned_data, request.user)
        services.start_initiative(
            index, request.user, page, [shift.shift_fields() for shift in shifts if shift.cleaned_data]
        )
        messages.success(
            request, _("Dank u wel! De redactie kijkt uw initiatief na. Daarna staat het op de site.")
        )
        return redirect("initiatives:manage", page.pk)
    status = 400 if request.method == "POST" and readability is None else 200
    context = {"form": form, "shifts": shifts, "readability": readability}
    return render(request, "initiatives/start.html", context, status=status)


def _own_initiative(request, page_id):
    initiative = services.initiative_for_owner(request.user, page_id)
    if initiative is None:
        raise Http404
    return initiative


def owner_required(view):
    """Only the organiser (page owner) and superusers; everyone else gets a 404, so nothing leaks."""

    limited = limit_posts(ORGANISER_RATE)(view)

    @login_required
    def wrapped(request, page_id, *args, **kwargs):
        return limited(request, _own_initiative(request, page_id), *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@owner_required
def manage(request, initiative):
    """Shifts with who signed up, activities, and links to edit, export and mail."""
    shifts = initiative.shifts.select_related("place").prefetch_related("signups").order_by("start", "pk")
    context = {
        "initiative": initiative,
        "shifts": shifts,
        "activities": initiative.activities.select_related("place").order_by("start"),
        "status": contribution_status(initiative),
        "support": initiative.support_counts(),
    }
    return render(request, "initiatives/manage.html", context)


@owner_required
def edit(request, initiative):
    """Change the text of the initiative; the change goes past the editors again."""
    draft = initiative.get_latest_revision_as_object()
    initial = {
        "title": draft.title,
        "aim": draft.aim,
        "description": draft.description,
        "organiser_name": draft.organiser_name,
        "place": draft.place_id,
        "place_note": draft.place_note,
        "themes": draft.theme_values,
    }
    form = InitiativeForm(request.POST or None, request.FILES or None, initial=initial)
    readability = report_if_checked(request, form, fields=("aim", "description"))
    if readability is None and request.method == "POST" and form.is_valid():
        services.change_initiative(draft, form.cleaned_data, request.user)
        if initiative.live:
            messages.success(
                request, _("Uw wijziging is naar de redactie gestuurd. Tot dan blijft de oude versie op de site.")
            )
        else:
            messages.success(request, _("Uw wijziging is naar de redactie gestuurd."))
        return redirect("initiatives:manage", initiative.pk)
    status = 400 if request.method == "POST" and readability is None else 200
    context = {"form": form, "initiative": initiative, "readability": readability}
    return render(request, "initiatives/edit.html", context, status=status)


@owner_required
def shift_form(request, initiative, shift_id=None):
    shift = get_object_or_404(Shift, pk=shift_id, initiative=initiative) if shift_id else None
    initial = ShiftForm.initial_for(shift) if shift else None
    form = ShiftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if shift is None:
            services.add_shift(initiative, by=request.user, **form.shift_fields())
            messages.success(request, _("De dienst is toegevoegd."))
            return redirect("initiatives:manage", initiative.pk)
        try:
            services.update_shift(shift, by=request.user, **form.shift_fields())
        except services.CapacityBelowConfirmed as error:
            form.add_error(
                "capacity",
                _("Er zijn al %(count)s mensen aangemeld. Minder plaatsen dan dat kan niet. "
                  "Vraag iemand zich af te melden, of laat het aantal zo.") % {"count": error.confirmed},
            )
        else:
            messages.success(request, _("De dienst is aangepast."))
            return redirect("initiatives:manage", initiative.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "initiative": initiative, "shift": shift}
    return render(request, "initiatives/shift_form.html", context, status=status)


@owner_required
@require_POST
def shift_action(request, initiative, shift_id):
    shift = get_object_or_404(Shift, pk=shift_id, initiative=initiative)
    action = request.POST.get("action")
    if action == "close":
        services.set_signups_closed(shift, True, by=request.user)
        messages.success(request, _("Aanmelden voor deze dienst is gesloten."))
    elif action == "open":
        services.set_signups_closed(shift, False, by=request.user)
        messages.success(request, _("Aanmelden voor deze dienst kan weer."))
    elif action == "cancel":
        services.cancel_shift(shift, by=request.user)
        messages.success(request, _("De dienst gaat niet door. Iedereen die zich had aangemeld krijgt een e-mail."))
    elif action == "delete":
        try:
            services.delete_shift(shift, by=request.user)
        except services.ShiftHasSignups:
            messages.error(
                request, _("Er staan nog mensen op deze dienst. Sluit het aanmelden, of laat de dienst niet doorgaan.")
            )
        else:
            messages.success(request, _("De dienst is verwijderd."))
    else:
        return HttpResponse(_("Onbekende actie."), status=400, content_type="text/plain; charset=utf-8")
    return redirect("initiatives:manage", initiative.pk)


@owner_required
def activity_form(request, initiative, activity_id=None):
    activity = get_object_or_404(Activity, pk=activity_id, initiative=initiative) if activity_id else None
    form = ActivityForm(request.POST or None, initial=ActivityForm.initial_for(activity) if activity else None)
    readability = report_if_checked(request, form, fields=("description",))
    if request.method == "POST" and readability is None:
        if request.POST.get("action") == "delete" and activity:
            services.delete_activity(activity, by=request.user)
            messages.success(request, _("De activiteit is verwijderd."))
            return redirect("initiatives:manage", initiative.pk)
        if form.is_valid():
            if activity is None:
                services.add_activity(initiative, by=request.user, **form.activity_fields())
            else:
                services.update_activity(activity, by=request.user, **form.activity_fields())
            messages.success(request, _("De activiteit is opgeslagen."))
            return redirect("initiatives:manage", initiative.pk)
    status = 400 if request.method == "POST" and readability is None else 200
    context = {"form": form, "initiative": initiative, "activity": activity, "readability": readability}
    return render(request, "initiatives/activity_form.html", context, status=status)


def _csv_cell(value):
    """Keep spreadsheet programs from running a cell as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@owner_required
def export_csv(request, initiative):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aanmeldingen-{initiative.slug}.csv"'
    response.write("\ufeff")  # so Excel reads it as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Dienst"), _("Datum"), _("Van"), _("Tot"), _("Naam"), _("E-mail"), _("Telefoon"), _("Status"), _("Aangemeld op")])
    signups = Signup.objects.filter(shift__initiative=initiative).select_related("shift").order_by("shift__start", "shift_id", "created_at")
    for signup in signups:
        shift = signup.shift
        start, end = timezone.localtime(shift.start), timezone.localtime(shift.end)
        writer.writerow(
            [
                _csv_cell(shift.task),
                date_filter(start, "d-m-Y"),
                date_filter(start, "H:i"),
                date_filter(end, "H:i"),
                _csv_cell(signup.name or _("(gewist)")),
                _csv_cell(signup.email),
                _csv_cell(signup.phone),
                signup.get_status_display(),
                date_filter(timezone.localtime(signup.created_at), "d-m-Y H:i"),
            ]
        )
    return response


@owner_required
def message(request, initiative):
    """Mail the organiser's own volunteers; each gets their own e-mail, nobody sees other addresses."""
    form = MessageForm(initiative, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        count = services.mail_volunteers(
            initiative,
            request.user,
            data["subject"],
            data["message"],
            shift=data["shift"],
            include_waitlist=data["include_waitlist"],
        )
        if count:
            text = ngettext(
                "Uw bericht wordt verstuurd naar %(count)s vrijwilliger.",
                "Uw bericht wordt verstuurd naar %(count)s vrijwilligers.",
                count,
            )
            messages.success(request, text % {"count": count})
        else:
            messages.info(request, _("Er is nog niemand aangemeld. Er is geen bericht verstuurd."))
        return redirect("initiatives:manage", initiative.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "initiatives/message.html", {"form": form, "initiative": initiative}, status=status)
