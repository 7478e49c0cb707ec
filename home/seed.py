"""Demo accounts and home page content for `seed_demo`."""

from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site

from initiatives.models import CONNECTORS_GROUP
from wijkplatform.moderation import EDITORS_GROUP, PROFESSIONALS_GROUP, RESIDENTS_GROUP

DEMO_PASSWORD = "wijkdemo"

DEMO_ACCOUNTS = [
    # username, first name, last name, group, superuser
    ("bewoner", "Bewoner", "Demo", RESIDENTS_GROUP, False),
    ("redacteur", "Redacteur", "Demo", EDITORS_GROUP, False),
    ("professional", "Professional", "Demo", PROFESSIONALS_GROUP, False),
    ("verbinder", "Verbinder", "Demo", CONNECTORS_GROUP, False),
    ("beheerder", "Beheerder", "Demo", None, True),
]

HOME_INTRO = (
    "<p>Alles wat er gebeurt in de Ruwaard, op één plek. Wat bewoners doen en wat organisaties doen. "
    "Kijk wat er te doen is, vind hulp in de buurt, of help een paar uur mee.</p>"
)


def ensure_user(username, *, first_name="", last_name="", group=None, superuser=False, email=None):
    """Create or reset a demo account that can log in at once (verified e-mail)."""
    email = email or f"{username}@demo.wijkderuwaard.nl"
    user, _created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
    user.email = email
    user.first_name = first_name
    user.last_name = last_name
    user.is_staff = superuser
    user.is_superuser = superuser
    user.set_password(DEMO_PASSWORD)
    user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def demo_users():
    return {
        username: ensure_user(username, first_name=first, last_name=last, group=group, superuser=superuser)
        for username, first, last, group, superuser in DEMO_ACCOUNTS
    }


def home_page():
    """Ruwaard's home page: the root of the default site (other wijken have their own, home.seed_wijken)."""
    return Site.objects.get(is_default_site=True).root_page.specific


def site_follows_base_url():
    """Point the default Wagtail Site at BASE_URL, so page.full_url and the links in e-mails agree."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname = url.hostname or "localhost"
    port = url.port or (443 if url.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    taken = Site.objects.filter(hostname=hostname, port=port).exclude(is_default_site=True).exists()
    if site and (site.hostname, site.port) != (hostname, port) and not taken:
        site.hostname, site.port = hostname, port
        site.save()
    return site


def run(*, scale, stdout):
    site = site_follows_base_url()
    if site:
        stdout.write(f"Site: {site.root_url}")
    users = demo_users()
    home = home_page()
    if home.intro != HOME_INTRO:
        home.intro = HOME_INTRO
        home.save_revision(user=users["redacteur"]).publish()
    stdout.write(f"Demo accounts: {', '.join(users)} (password {DEMO_PASSWORD})")
