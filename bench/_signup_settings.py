"""Production settings for bench/signup_load.py, served over plain HTTP without collectstatic."""

from wijkplatform.settings.production import *  # noqa: F403
from wijkplatform.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
