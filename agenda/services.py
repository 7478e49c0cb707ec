"""The agenda's writes: a resident adds or changes a one-off activity, which the editors then review."""

from agenda.models import ActivityPage
from wijkplatform.moderation import submit_for_review
from wijkplatform.pages import unique_slug


def add_activity(agenda_page, user, form):
    """A new activity from a valid ActivityForm, sent to the editors."""
    data = form.cleaned_data
    activity = ActivityPage(slug=unique_slug(agenda_page, f"{data['title']} {data['date'].isoformat()}", fallback="activiteit"))
    form.apply(activity)
    submit_for_review(activity, user, parent=agenda_page)
    return activity


def change_activity(activity, user, form):
    """A change from a valid ActivityForm to the owner's activity (its latest revision), sent to the editors."""
    form.apply(activity)
    submit_for_review(activity, user)
    return activity


def owned_activity(user, page_id):
    """The latest revision of the user's own activity, or None."""
    activity = ActivityPage.objects.filter(pk=page_id, owner=user).first()
    return activity.get_latest_revision_as_object() if activity else None
