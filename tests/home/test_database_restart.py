"""After PostgreSQL restarts, the production connection pool replaces its broken connections by itself."""

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs a PostgreSQL server"
)

# Two "requests" in one worker: the first takes a pooled connection and gives it back; then PostgreSQL cuts
# every connection of this process (as a restart does); the second must still get an answer.
SCRIPT = """
import django, psycopg
django.setup()
from django.db import connection

def one_request():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        answer = cursor.fetchone()[0]
    connection.close()  # back to the pool, as at the end of every request
    return answer

one_request()
with psycopg.connect({admin!r}, autocommit=True) as admin:
    cut = admin.execute(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
        " WHERE application_name = %s AND pid <> pg_backend_pid()",
        [{name!r}],
    ).fetchone()[0]
print("cut", cut, "answer", one_request())
"""


def test_a_worker_answers_again_after_postgresql_cut_its_connections():
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"restart-test-{uuid.uuid4().hex[:12]}"
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "wijkplatform.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": f"{server}/postgres",
        "PGAPPNAME": name,  # marks this process's connections, so only they are cut
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(admin=f"{server}/postgres", name=name)],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    cut = int(result.stdout.split()[1])
    assert cut >= 1
    assert result.stdout.split()[-1] == "1"
