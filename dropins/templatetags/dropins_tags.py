"""`{% works_for_organisation %}`: whether to show "Mijn spreekuren" in the site header."""

from django import template

from dropins.models import organisations_of

register = template.Library()


@register.simple_tag(takes_context=True)
def works_for_organisation(context):
    """True for a member of an organisation; no query for visitors, one per request for the others."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if not hasattr(request, "_works_for_organisation"):
        request._works_for_organisation = organisations_of(user).exists()
    return request._works_for_organisation
