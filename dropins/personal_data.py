"""What "Mijn gegevens" shows of the drop-in app: the organisations someone works for and their corrections."""

from wijkplatform.personal_data import collector


@collector
def dropin_data(user):
    from dropins.models import DropInException, Organisation

    return {
        "organisaties": list(Organisation.objects.filter(members=user).values_list("name", flat=True)),
        "spreekuur_wijzigingen": [
            {
                "spreekuur": exception.page.title,
                "datum": exception.date.isoformat(),
                "soort": exception.get_kind_display(),
                "reden": exception.reason,
            }
            for exception in DropInException.objects.filter(created_by=user).select_related("page")
        ],
    }
