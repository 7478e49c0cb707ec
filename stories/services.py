"""
Every write of the stories section: a resident sends in or changes a story (a draft in the editors'
workflow), a reader reports one ("Meld dit") and the editors hear of it, an editor takes a reported
story offline. Called by the views, the admin hooks and the tests alike.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django_tasks import task

from stories.models import StoryIndexPage, StoryPage, StoryReport
from wijkplatform.images import save_uploaded_image
from wijkplatform.mail import absolute_url, language_for, send_templated
from wijkplatform.moderation import editors, submit_for_review
from wijkplatform.pages import unique_slug
from wijkplatform.wijken import section


def send_in_story(form, user, story=None, site=None):
    """
    Create a new story from a valid StoryForm in the wijk `site` (None: the first), or change the resident's own
    `story`, and submit it to the editors.

    A changed story keeps the photos and quotes an editor may have added to its body; its text is replaced.
    Everything, the photo's description included, goes into the new revision: a live story stays as it is
    until an editor approves. A new photo is a new image; an image in use is never changed.
    """
    data = form.cleaned_data
    if story is None:
        index = section(StoryIndexPage, site)
        draft = StoryPage(slug=unique_slug(index, data["title"], fallback="verhaal"))
        body = form.body()
        parent = index
    else:
        draft = story.get_latest_revision_as_object()
        body = form.body() + [(block.block_type, block.value) for block in draft.body if block.block_type != "paragraph"]
        parent = None
    draft.title = data["title"]
    draft.draft_title = data["title"]
    draft.intro = data["intro"]
    draft.author_name = data["author_name"]
    draft.body = body
    alt = data.get("photo_alt", "").strip()
    if data.get("photo"):
        draft.main_image = save_uploaded_image(data["photo"], title=data["title"], alt=alt, user=user)
    draft.main_image_alt = alt if draft.main_image_id else ""
    draft.tags.set(form.theme_names())
    submit_for_review(draft, user, parent=parent)
    return draft


# Reports


def reporter_key(request):
    """Who reports, as a keyed hash: the account if logged in, else the IP address."""
    if request.user.is_authenticated:
        value = f"user:{request.user.pk}"
    else:
        value = f"ip:{request.META.get('REMOTE_ADDR', '')}"
    return salted_hmac("stories.report", value).hexdigest()


def report_story(story, *, reason, explanation="", key, user=None):
    """Record a report; a second report of the same story by the same person changes nothing. Returns (report, created)."""
    try:
        with transaction.atomic():
            report = StoryReport.objects.create(
                story=story, reason=reason, explanation=explanation, reporter_key=key, reporter=user
            )
    except IntegrityError:
        return StoryReport.objects.get(story=story, reporter_key=key), False
    transaction.on_commit(lambda: notify_editors_of_report.enqueue(report.pk))
    return report, True


@task()
def notify_editors_of_report(report_id):
    """E-mail each editor, in their own language, that a story was reported."""
    report = StoryReport.objects.select_related("story").filter(pk=report_id).first()
    if report is None:
        return
    context = {
        "report": report,
        "story_url": absolute_url(report.story.get_url() or "/"),
        "listing_url": absolute_url(reverse("stories_reports:index")),
        "unpublish_url": absolute_url(reverse("stories_reports:unpublish", args=[report.pk])),
        "report_count": report.story.reports.count(),
    }
    addresses = set()
    for editor in editors(report.story):
        if editor.email.lower() not in addresses:
            addresses.add(editor.email.lower())
            send_templated("stories/emails/report", context, [editor.email], language=language_for(editor))


def unpublish_reported_story(story, user):
    """Take a story offline at once and mark its open reports handled. Returns the number of reports closed."""
    story = StoryPage.objects.get(pk=story.pk)
    with transaction.atomic():
        if story.live:
            story.unpublish(user=user, log_action=True)
        return story.reports.filter(handled=False).update(handled=True)
