"""
The B1 text check on the site (see readability.py): the JSON answer behind
static/js/readability.js, and the "Controleer mijn tekst" submit that works
without JavaScript on every form where residents write.
"""

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from wijkplatform.readability import analyse

LIVE_RATE = "60/m"  # readability.js asks at most once per pause in typing
MAX_TEXT_LENGTH = 25_000  # longer than any text field on the site


@require_POST
@never_cache
@ratelimit(key="user_or_ip", rate=LIVE_RATE, method="POST", block=False)
def check_text(request):
    """The report on `text` as JSON, with the rendered result for the page."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Log eerst in.")}, status=403)
    if request.limited:
        return JsonResponse({"error": _("U controleert heel vaak. Wacht even en probeer het dan opnieuw.")}, status=429)
    text = request.POST.get("text")
    if text is None:
        return JsonResponse({"error": _("Er is geen tekst meegestuurd.")}, status=400)
    if len(text) > MAX_TEXT_LENGTH:
        return JsonResponse({"error": _("Deze tekst is te lang om te controleren.")}, status=400)
    report = analyse(text)
    data = report.as_dict()
    context = {"report": report, "result_only": True}
    data["html"] = render_to_string("includes/readability.html", context, request=request)
    return JsonResponse(data)
