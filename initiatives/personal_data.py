"""What "Mijn gegevens" shows of the initiatives section: own sign-ups and support."""

from django.utils import timezone

from wijkplatform.personal_data import collector


@collector
def initiatives_data(user):
    from allauth.account.models import EmailAddress
    from django.db.models import Q

    from initiatives.models import Signup, Support

    addresses = {user.email.lower()} | {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }
    addresses.discard("")
    signups = (
        Signup.objects.filter(Q(user=user) | Q(email__in=addresses), erased_at__isnull=True)
        .select_related("shift", "shift__initiative")
        .order_by("shift__start")
    )
    return {
        "vrijwilligersdiensten": [
            {
                "initiatief": signup.shift.initiative.title,
                "taak": signup.shift.task,
                "begint": timezone.localtime(signup.shift.start).isoformat(),
                "naam": signup.name,
                "email": signup.email,
                "telefoon": signup.phone,
                "status": signup.get_status_display(),
                "aangemeld_op": signup.created_at.isoformat(),
            }
            for signup in signups
        ],
        "steun_voor_initiatieven": [
            support.initiative.title for support in Support.objects.filter(user=user).select_related("initiative")
        ],
    }
