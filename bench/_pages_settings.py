"""Settings for bench/pages.py: the production settings over plain HTTP, plus the floor view."""

from bench._signup_settings import *  # noqa: F403

ROOT_URLCONF = "bench._pages_urls"
