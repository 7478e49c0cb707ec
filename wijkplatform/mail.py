"""
The one way the platform sends e-mail.

`send_templated` renders a subject, a text part and an HTML part in the
reader's language and hands the message, with the change that caused it
(wijkplatform.tasks.enqueue_with_change), to the `deliver` background task,
which retries a failed send a few times with a growing delay.
"""

import logging
import re
import smtplib
import unicodedata
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django_tasks import task

from wijkplatform.tasks import enqueue_with_change

logger = logging.getLogger(__name__)

SITE_NAME = "Wij(k) de Ruwaard"
HEADER_MAX_LENGTH = 200
# Seconds to wait before the 2nd, 3rd and 4th attempt; after the 4th the send is given up.
RETRY_DELAYS = (60, 5 * 60, 30 * 60)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
SEND_ERRORS = (smtplib.SMTPException, OSError)

_WHITESPACE = re.compile(r"\s+")


def clean_header(value) -> str:
    """One line: CR, LF and other control characters become spaces, whitespace collapsed, trimmed, at most 200 chars."""
    text = "" if value is None else str(value)
    text = "".join(" " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char for char in text)
    return _WHITESPACE.sub(" ", text).strip()[:HEADER_MAX_LENGTH].rstrip()


def language_for(user, default="") -> str:
    """
    The interface language the user chose (Wagtail's UserProfile.preferred_language), else `default` (for someone
    without an account: the language they read the site in), else the site's language.
    """
    profile = getattr(user, "wagtail_userprofile", None) if user is not None and user.is_authenticated else None
    for language in (getattr(profile, "preferred_language", ""), default):
        if language in dict(settings.LANGUAGES):
            return language
    return settings.LANGUAGE_CODE


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def site_name_of(page) -> str:
    """The name a mail about `page` is signed with: its wijk's site ("Wij(k) Schadewijk"), else the platform's."""
    site = page.get_site() if page is not None else None
    return (site.site_name if site else "") or SITE_NAME


def absolute_url(path_or_url) -> str:
    """BASE_URL + a site-relative path (a full URL is returned unchanged)."""
    value = str(path_or_url or "/")
    if urlsplit(value).scheme:
        return value
    return base_url() + (value if value.startswith("/") else "/" + value)


def render_text(template_name, context) -> str:
    """Render a plain-text template without HTML escaping; the result is an ordinary (unsafe) string."""
    template = get_template(template_name).template
    return str.__str__(template.render(Context(context, autoescape=False)))


def render(template, context, *, language=None):
    """Return (subject, text, html) for `template` in `language`; html falls back to the text in the base layout."""
    context = {"base_url": base_url(), "site_name": SITE_NAME, **context}
    prefix = f"[{context['site_name']}] "
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = clean_header(render_text(f"{template}_subject.txt", context))
        if not subject.startswith(prefix):
            subject = clean_header(prefix + subject)
        text = render_text(f"{template}.txt", context)
        try:
            html_template = get_template(f"{template}.html")
        except TemplateDoesNotExist:
            html = render_to_string("mail/plain.html", {**context, "subject": subject, "text": text})
        else:
            html = html_template.render({**context, "subject": subject})
    return subject, text, html


def send_templated(template, context, to, *, language=None, reply_to=None, attachments=()) -> None:
    """
    Render `<template>_subject.txt`, `<template>.txt` and `<template>.html` in `language` and queue the
    message for sending, committed with the current transaction. `attachments` are
    (filename, text_content, mimetype) tuples.
    """
    recipients = [address for address in (clean_header(value) for value in to) if address]
    if not recipients:
        return
    subject, text, html = render(template, context, language=language)
    reply_to = clean_header(reply_to)
    message = {
        "subject": subject,
        "text": text,
        "html": html,
        "to": recipients,
        "reply_to": [reply_to] if reply_to else [],
        "attachments": [
            [clean_header(filename), content if isinstance(content, str) else content.decode(), mimetype]
            for filename, content, mimetype in attachments
        ],
    }
    enqueue_with_change(deliver, message)


def build_message(message) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["text"],
        to=message["to"],
        reply_to=message.get("reply_to") or None,
    )
    email.attach_alternative(message["html"], "text/html")
    for filename, content, mimetype in message.get("attachments", ()):
        email.attach(filename, content, mimetype)
    return email


@task()
def deliver(message, attempt=1):
    """
    Send one message. A failed send is retried after RETRY_DELAYS on a backend that can defer
    (django-tasks-db); on one that cannot (the immediate backend) it is retried at once, without
    waiting. After the last attempt the failure is logged as an error and raised, so the task
    result says FAILED.
    """
    try:
        return build_message(message).send()
    except SEND_ERRORS:
        recipients = ", ".join(message["to"])
        if attempt >= MAX_ATTEMPTS:
            logger.error(
                "Giving up on mail %r to %s after %d attempts", message["subject"], recipients, attempt, exc_info=True
            )
            raise
        logger.warning(
            "Mail %r to %s failed (attempt %d of %d); retrying",
            message["subject"],
            recipients,
            attempt,
            MAX_ATTEMPTS,
            exc_info=True,
        )
        if not deliver.get_backend().supports_defer:
            return deliver.call(message, attempt + 1)
        run_after = timezone.now() + timedelta(seconds=RETRY_DELAYS[attempt - 1])
        deliver.using(run_after=run_after).enqueue(message, attempt + 1)
        raise
