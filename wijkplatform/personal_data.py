"""
"Mijn gegevens": everything stored about one account, for download.

Each app adds its part in its own `personal_data.py` with `@collector`;
they are found at start-up (see WijkplatformConfig.ready).
"""

_collectors = []


def collector(function):
    """Register `function(user) -> dict` whose items are added to the download."""
    _collectors.append(function)
    return function


def collect(user):
    from allauth.account.models import EmailAddress

    data = {
        "account": {
            "gebruikersnaam": user.get_username(),
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "email": user.email,
            "aangemaakt": user.date_joined.isoformat(),
            "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
            "groepen": sorted(user.groups.values_list("name", flat=True)),
            "emailadressen": [
                {"adres": address.email, "bevestigd": address.verified}
                for address in EmailAddress.objects.filter(user=user)
            ],
        }
    }
    for function in _collectors:
        data.update(function(user))
    return data


@collector
def own_pages(user):
    from wagtail.models import Page

    return {
        "bijdragen": [
            {
                "titel": page.title,
                "soort": page.specific_class._meta.verbose_name if page.specific_class else "",
                "adres": page.url_path,
                "gepubliceerd": page.live,
                "aangemaakt": page.first_published_at.isoformat() if page.first_published_at else None,
            }
            for page in Page.objects.filter(owner=user).order_by("path")
        ]
    }
