"""Site views of the stories section: send in or change a story, and report one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from stories.forms import ReportForm, StoryForm, rich_text_to_text
from stories.models import StoryIndexPage, StoryPage
from stories.services import report_story, reporter_key, send_in_story
from wijkplatform.forms import report_if_checked, send_rate
from wijkplatform.wijken import current_site, section


def can_send_in(user, site):
    index = section(StoryIndexPage, site)
    return index is not None and index.permissions_for_user(user).can_add_subpage()


@login_required
@ratelimit(key="ip", rate=send_rate("20/h"), method="POST", block=True)
@require_http_methods(["GET", "POST"])
def submit_story(request):
    if not can_send_in(request.user, current_site(request)):
        return render(request, "stories/cannot_send_in.html", status=403)
    form = StoryForm(request.POST or None, request.FILES or None, initial={"author_name": request.user.first_name})
    readability = report_if_checked(request, form, fields=("intro", "text"))
    if readability is None and request.method == "POST" and form.is_valid():
        send_in_story(form, request.user, site=current_site(request))
        messages.success(request, _("Dank u wel! De redactie leest uw verhaal. U krijgt een e-mail als het op de site staat."))
        return redirect("my_contributions")
    context = {"form": form, "story": None, "readability": readability}
    return render(request, "stories/story_form.html", context, status=400 if form.errors else 200)


@login_required
@ratelimit(key="ip", rate=send_rate("20/h"), method="POST", block=True)
@require_http_methods(["GET", "POST"])
def edit_story(request, pk):
    story = get_object_or_404(StoryPage, pk=pk, owner=request.user)
    draft = story.get_latest_revision_as_object()
    initial = {
        "title": draft.title,
        "intro": draft.intro,
        "text": "\n\n".join(rich_text_to_text(block.value.source) for block in draft.body if block.block_type == "paragraph"),
        "photo_alt": draft.main_image_alt,
        "author_name": draft.author_name,
        "themes": [tag.name for tag in draft.tags.all()],
    }
    form = StoryForm(request.POST or None, request.FILES or None, initial=initial, existing_image=draft.main_image)
    readability = report_if_checked(request, form, fields=("intro", "text"))
    if readability is None and request.method == "POST" and form.is_valid():
        send_in_story(form, request.user, story=story)
        if story.live:
            messages.success(
                request, _("Uw verhaal is opnieuw naar de redactie gestuurd. Tot dan blijft de oude versie op de site.")
            )
        else:
            messages.success(request, _("Uw verhaal is opnieuw naar de redactie gestuurd."))
        return redirect("my_contributions")
    context = {"form": form, "story": draft, "readability": readability}
    return render(request, "stories/story_form.html", context, status=400 if form.errors else 200)


@ratelimit(key="ip", rate="30/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def report(request, pk):
    story = StoryPage.objects.live().public().filter(pk=pk).first()
    if story is None:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _report, created = report_story(
            story,
            reason=form.cleaned_data["reason"],
            explanation=form.cleaned_data["explanation"],
            key=reporter_key(request),
            user=request.user if request.user.is_authenticated else None,
        )
        if created:
            messages.success(request, _("Dank u wel. De redactie bekijkt uw melding."))
        else:
            messages.info(request, _("U had dit verhaal al gemeld. De redactie bekijkt uw melding."))
        return redirect(story.get_url(request))
    return render(request, "stories/report_form.html", {"story": story, "form": form}, status=400 if form.errors else 200)
