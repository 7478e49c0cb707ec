"""Small builders for initiatives tests: a live initiative under /initiatieven/ and shifts on it."""

from datetime import timedelta

from django.utils import timezone

from initiatives.models import InitiativeIndexPage, InitiativePage, InitiativeTheme, Shift


def make_initiative(owner, *, title="Repair Café", live=True, slug=None, index=None):
    index = index or InitiativeIndexPage.objects.get()
    page = InitiativePage(
        title=title,
        slug=slug or title.lower().replace(" ", "-").replace("é", "e"),
        aim="Samen repareren.",
        description="Breng uw kapotte spullen mee.",
        organiser_name="Henk",
        themes=[InitiativeTheme(theme="buurt")],
        owner=owner,
        live=live,
    )
    index.add_child(instance=page)
    if live:
        page.save_revision(user=owner).publish()
    return page


def make_shift(initiative, *, capacity=3, days=3, hours=2, task="Koffie schenken", **kwargs):
    start = kwargs.pop("start", None) or timezone.now() + timedelta(days=days)
    return Shift.objects.create(
        initiative=initiative, task=task, start=start, end=start + timedelta(hours=hours), capacity=capacity, **kwargs
    )


def signup_url(shift):
    return f"/initiatieven/dienst/{shift.pk}/aanmelden/"


def signup_data(name="Ans", email="ans@example.org", **extra):
    return {"name": name, "email": email, "phone": "", "website": "", **extra}


def signup_of_cancel_link(body):
    """The sign-up the cancel link in a mail's text points to (its token carries a timestamp, so compare targets)."""
    import re

    from django.urls import reverse

    from initiatives.models import Signup

    prefix = reverse("initiatives:cancel", args=["TOKEN"]).split("TOKEN")[0]
    match = re.search(re.escape(prefix) + r"([^/\s]+)/", body)
    assert match, f"no cancel link in:\n{body}"
    return Signup.from_cancel_token(match.group(1))
