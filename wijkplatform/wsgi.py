"""
WSGI entry point for HTTP only (`gunicorn wijkplatform.wsgi:application`): the fastest way measured to serve pages
(bench/pages.py). WebSockets (/ws/) need the ASGI entry point, wijkplatform/asgi.py; a proxy sends /ws/ there.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkplatform.settings.dev")
application = get_wsgi_application()
