"""What the stories section holds about an account, for "Mijn gegevens"."""

from wijkplatform.personal_data import collector


@collector
def stories_data(user):
    from stories.models import StoryPage, StoryReport

    return {
        "verhalen": [
            {
                "titel": story.title,
                "naam_bij_verhaal": story.author_name,
                "datum": story.date.isoformat(),
                "gepubliceerd": story.live,
                "themas": sorted(tag.name for tag in story.tags.all()),
            }
            for story in StoryPage.objects.filter(owner=user).prefetch_related("tags").order_by("path")
        ],
        "meldingen": [
            {
                "verhaal": report.story.title,
                "reden": report.get_reason_display(),
                "toelichting": report.explanation,
                "gemeld_op": report.created_at.isoformat(),
            }
            for report in StoryReport.objects.filter(reporter=user).select_related("story").order_by("created_at")
        ],
    }
