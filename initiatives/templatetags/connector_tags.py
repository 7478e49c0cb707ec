"""Whether the visitor is a connector (group Verbinders), for the account menu: one query per request at most."""

from django import template

from initiatives.models import is_connector
from wijkplatform.accounts import once_per_request

register = template.Library()


@register.simple_tag(takes_context=True)
def connector(context):
    return once_per_request(context, "is_connector", is_connector)
