"""
Production settings for bench/signup_load.py, served over plain HTTP without collectstatic.

On PostgreSQL each ASGI request runs in its own thread with its own connection,
so 200 simultaneous requests would exceed max_connections (100). A connection
pool per worker (psycopg_pool, Django's "pool" option) bounds that, as in
wijkplatform/settings/production.py (with its connection health checks).
"""

from wijkplatform.settings.production import *  # noqa: F403
from wijkplatform.settings.production import DATABASES, IS_POSTGRES, STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

if IS_POSTGRES:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"]["pool"].update(min_size=2, max_size=20, timeout=60)
