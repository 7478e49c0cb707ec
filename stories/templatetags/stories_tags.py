from django import template

from stories.models import published_stories

register = template.Library()


@register.inclusion_tag("stories/includes/latest_stories.html", takes_context=True)
def latest_stories(context, count=3):
    """The newest published stories, for the home page."""
    return {"request": context.get("request"), "stories": published_stories()[:count]}
