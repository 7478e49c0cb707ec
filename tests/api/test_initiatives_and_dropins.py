"""/api/v1/initiatieven/ and /api/v1/inloop/: against the schema, with their filters, and nothing personal."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from agenda.filters import today
from dropins import services as dropin_services
from dropins.models import DropInPage
from initiatives import services
from initiatives.models import InitiativePage, Shift, Signup

INITIATIVES = "/api/v1/initiatieven/"
DROPINS = "/api/v1/inloop/"


def ruwaard():
    return Site.objects.get(is_default_site=True)


def coming_shifts():
    """Shifts from tomorrow on of the initiatives of the wijk the test client asks (the default site)."""
    initiatives = InitiativePage.objects.live().in_site(ruwaard())
    return Shift.objects.filter(initiative__in=initiatives, start__gt=timezone.now() + timedelta(days=1), hidden_at=None)


def test_initiatives_fit_the_schema_with_their_shifts_and_free_places(demo, client, conforms):
    answer = conforms(client.get(INITIATIVES), INITIATIVES)
    assert answer["count"] == InitiativePage.objects.live().public().in_site(ruwaard()).count()
    everywhere = conforms(client.get(INITIATIVES, {"wijken": "alle"}), INITIATIVES)
    assert everywhere["count"] == InitiativePage.objects.live().public().count()
    shifts = [shift for initiative in answer["items"] for shift in initiative["shifts"]]
    assert shifts
    for shift in shifts:
        stored = Shift.objects.get(pk=shift["id"])
        assert shift["seats_left"] == stored.capacity - stored.confirmed_count


def test_a_theme_filter_and_an_empty_answer(demo, client, conforms):
    answer = conforms(client.get(INITIATIVES, {"thema": "buurt"}), INITIATIVES)
    assert answer["items"] and all("buurt" in initiative["themes"] for initiative in answer["items"])
    empty = conforms(client.get(INITIATIVES, {"thema": "veiligheid"}), INITIATIVES)
    assert (empty["count"], empty["items"]) == (0, [])


def test_no_volunteer_data_and_no_hidden_shift(demo, client, editor, conforms):
    shift = coming_shifts().filter(capacity__gte=2).first()
    services.sign_up(shift, "Annemarie Geheimnaam", "annemarie@example.org", phone="0612345678", notify=False)
    hidden = coming_shifts().exclude(pk=shift.pk).first()
    services.set_hidden(hidden, True, editor)
    response = client.get(INITIATIVES, {"wijken": "alle"})
    shown = {shift["id"] for initiative in response.json()["items"] for shift in initiative["shifts"]}
    assert shift.pk in shown and hidden.pk not in shown
    text = response.content.decode()
    for personal in ("Geheimnaam", "annemarie", "0612345678", *Signup.objects.exclude(email="").values_list("email", flat=True)):
        assert personal not in text


def test_a_signup_shows_in_the_free_places_at_once(demo, client, conforms):
    shift = coming_shifts().filter(capacity__gte=2, confirmed_count=0).first()

    def seats():
        response = client.get(INITIATIVES, {"pagina": 1})
        for initiative in conforms(response, INITIATIVES)["items"]:
            for item in initiative["shifts"]:
                if item["id"] == shift.pk:
                    return item["seats_left"], response["X-Api-Cache"]
        raise AssertionError("shift not in the answer")

    assert seats() == (shift.capacity, "miss")
    assert seats() == (shift.capacity, "hit")
    services.sign_up(shift, "Ans", "ans@example.org", notify=False)
    assert seats() == (shift.capacity - 1, "miss")


def test_dropins_fit_the_schema_with_open_and_cancelled_times(demo, client, conforms):
    professional = get_user_model().objects.get(username="professional")
    series = DropInPage.objects.live().filter(organisation__members=professional).first()
    day = next(
        occurrence.date for occurrence in series.upcoming(count=8) if not occurrence.cancelled and occurrence.date > today()
    )
    uid = f"dropin-{series.pk}-{day.isoformat()}@wijkderuwaard.nl"
    before = {item["uid"]: item for item in conforms(client.get(DROPINS), DROPINS)["items"]}
    assert (before[uid]["status"], before[uid]["cancel_reason"]) == ("open", "")
    dropin_services.cancel_occurrence(series, day, professional, "De medewerker is ziek.")
    answer = conforms(client.get(DROPINS), DROPINS)
    after = {item["uid"]: item for item in answer["items"]}
    assert (after[uid]["status"], after[uid]["cancel_reason"]) == ("cancelled", "De medewerker is ziek.")
    assert (answer["first_day"], answer["last_day"]) == (str(today()), str(today() + timedelta(days=27)))


def test_dropin_filters(demo, client, conforms):
    answer = conforms(client.get(DROPINS, {"dag": 1, "thema": "geld"}), DROPINS)
    assert answer["items"]
    for item in answer["items"]:
        assert item["themes"] == ["geld"] and item["start"][:10] in {
            str(day) for day in (today() + timedelta(days=n) for n in range(28)) if day.weekday() == 1
        }
    assert conforms(client.get(DROPINS, {"van": "2099-01-01", "tot": "2099-01-02", "dag": 6}), DROPINS)["items"] == []


def test_wrong_values_are_a_422_for_every_endpoint(demo, client, conforms):
    for path, params, parameter in (
        (INITIATIVES, {"thema": "x"}, "thema"),
        (INITIATIVES, {"pagina": "twee"}, "pagina"),
        (DROPINS, {"dag": "9"}, "dag"),
        (DROPINS, {"van": "2026-13-01"}, "van"),
        (DROPINS, {"van": "2026-01-01", "tot": "2026-06-01"}, "tot"),
        (DROPINS, {"nu_open": "soms"}, "nu_open"),
    ):
        response = client.get(path, params)
        assert response.status_code == 422, (path, params)
        assert [error["parameter"] for error in conforms(response, path)["errors"]] == [parameter]


def test_each_wijk_gets_its_own_initiatives_and_agenda(demo, client, conforms):
    other = Site.objects.exclude(is_default_site=True).first()
    host = {"HTTP_HOST": other.hostname if other.port == 80 else f"{other.hostname}:{other.port}"}
    theirs = conforms(client.get(INITIATIVES, **host), INITIATIVES)
    ours = conforms(client.get(INITIATIVES), INITIATIVES)
    assert theirs["items"] and not {item["id"] for item in theirs["items"]} & {item["id"] for item in ours["items"]}
    assert {item["id"] for item in theirs["items"]} == set(
        InitiativePage.objects.live().in_site(other).values_list("pk", flat=True)
    )
    agenda = "/api/v1/agenda/"
    their_agenda = conforms(client.get(agenda, {"periode": "maand"}, **host), agenda)
    our_agenda = conforms(client.get(agenda, {"periode": "maand"}), agenda)
    assert {item["uid"] for item in their_agenda["items"]} != {item["uid"] for item in our_agenda["items"]}
