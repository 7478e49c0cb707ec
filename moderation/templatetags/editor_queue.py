"""`{% editor_queue %}`: the editors' queue in the site header, for editors only."""

from django import template
from django.template.loader import render_to_string

from moderation.queue import can_see_queue, waiting

register = template.Library()


@register.simple_tag(takes_context=True)
def editor_queue(context):
    """Nothing, and no query, for anonymous visitors; nothing for users who are not editors."""
    request = context.get("request")
    if not can_see_queue(getattr(request, "user", None)):
        return ""
    return render_to_string("includes/editor_queue.html", {"queue": waiting(request.user)}, request=request)
