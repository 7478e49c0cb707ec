"""Fixtures for initiatives tests."""

import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): ...` runs what the block scheduled for after commit (mails, live updates)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
