"""
WSGI entry point for HTTP only (`gunicorn wijkplatform.wsgi:application`): the fastest way measured to serve pages
(bench/pages.py). WebSockets (/ws/) need the ASGI entry point, wijkplatform/asgi.py; a proxy sends /ws/ there.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkplatform.settings.dev")
# Each gunicorn thread keeps its database connection between requests: opening a SQLite file anew (its schema
# read, its pragmas set) cost a logged-in page about a third of its time (bench/pages.py). PostgreSQL in
# production uses its connection pool instead (settings/production.py). Under ASGI connections stay per request.
os.environ.setdefault("CONN_MAX_AGE", "600")
application = get_wsgi_application()
