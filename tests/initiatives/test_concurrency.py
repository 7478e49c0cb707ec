"""
Never overbooked: many truly parallel sign-ups, each in its own thread with its
own database connection, through the real view and through the service. Run
on SQLite by default and on PostgreSQL with DATABASE_URL (the same test).
"""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client

from initiatives import services
from initiatives.models import Shift, Signup
from tests.helpers import make_user
from tests.initiatives.factories import make_initiative, make_shift, signup_data, signup_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ATTEMPTS = 40
CAPACITY = 5


def run_in_parallel(count, function):
    """Start `count` threads that wait on one barrier, then all call `function(number)` at once."""
    barrier = threading.Barrier(count)

    def worker(number):
        try:
            barrier.wait(timeout=30)
            return function(number)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(worker, range(count)))


def status_of(response):
    match = re.search(r'data-signup-status="(\w+)"', response.content.decode())
    return match.group(1) if match else f"http-{response.status_code}"


def test_parallel_signups_through_the_view_confirm_exactly_capacity(settings):
    settings.RATELIMIT_ENABLE = False
    shift = make_shift(make_initiative(make_user("organisator")), capacity=CAPACITY)

    def attempt(number):
        return status_of(Client().post(signup_url(shift), signup_data(name=f"P{number}", email=f"p{number}@example.org")))

    statuses = run_in_parallel(ATTEMPTS, attempt)

    assert statuses.count("confirmed") == CAPACITY
    assert statuses.count("full") == ATTEMPTS - CAPACITY, statuses
    shift.refresh_from_db()
    assert shift.confirmed_count == CAPACITY
    assert Signup.objects.filter(shift=shift, status=Signup.CONFIRMED).count() == CAPACITY


def test_last_seat_goes_to_exactly_one_and_the_rest_join_the_waitlist_in_parallel():
    shift = make_shift(make_initiative(make_user("organisator")), capacity=CAPACITY)

    def attempt(number):
        return services.sign_up(shift, f"P{number}", f"p{number}@example.org", join_waitlist=True).status

    statuses = run_in_parallel(ATTEMPTS, attempt)

    assert statuses.count(Signup.CONFIRMED) == CAPACITY
    assert statuses.count(Signup.WAITLISTED) == ATTEMPTS - CAPACITY
    assert Signup.objects.filter(shift=shift, status=Signup.CONFIRMED).count() == CAPACITY
    assert Shift.objects.get(pk=shift.pk).confirmed_count == CAPACITY


def test_parallel_attempts_with_one_email_hold_one_place():
    shift = make_shift(make_initiative(make_user("organisator")), capacity=CAPACITY)

    results = run_in_parallel(12, lambda number: services.sign_up(shift, "Ans", "ans@example.org"))

    assert Signup.objects.filter(shift=shift).count() == 1
    assert Shift.objects.get(pk=shift.pk).confirmed_count == 1
    assert sum(not result.already for result in results) == 1


def test_parallel_cancellations_promote_each_waiting_person_once():
    shift = make_shift(make_initiative(make_user("organisator")), capacity=CAPACITY)
    confirmed = [services.sign_up(shift, f"C{n}", f"c{n}@example.org").signup for n in range(CAPACITY)]
    for number in range(3):
        services.sign_up(shift, f"W{number}", f"w{number}@example.org", join_waitlist=True)

    run_in_parallel(CAPACITY, lambda number: services.cancel(confirmed[number]))

    assert Signup.objects.filter(shift=shift, status=Signup.CONFIRMED).count() == 3
    assert not Signup.objects.filter(shift=shift, status=Signup.WAITLISTED).exists()
    assert Shift.objects.get(pk=shift.pk).confirmed_count == 3

