"""`{% works_for_organisation %}`: whether to show "Mijn spreekuren" in the site header."""

from django import template

from dropins.models import organisations_of
from wijkplatform.accounts import once_per_request

register = template.Library()


@register.simple_tag(takes_context=True)
def works_for_organisation(context):
    """True for a member of an organisation; no query for visitors, one per request for the others."""
    return once_per_request(context, "works_for_organisation", lambda user: organisations_of(user).exists())
