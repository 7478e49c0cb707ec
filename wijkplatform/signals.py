"""New accounts made through the sign-up form are residents."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.models import Group
from django.dispatch import receiver

from wijkplatform.moderation import RESIDENTS_GROUP


@receiver(user_signed_up)
def add_new_user_to_residents(request, user, **kwargs):
    user.groups.add(Group.objects.get(name=RESIDENTS_GROUP))
