"""Compression of pages and API answers.

Static files are compressed ahead of time by WhiteNoise, which answers them before this middleware
sees them. What the views produce (HTML, JSON) is compressed here with Django's ``GZipMiddleware``,
limited to text: images, PDF documents and attachments are compressed already or are downloads whose
``Content-Length`` must stay. Short answers (under 200 bytes) and answers to clients that do not
accept gzip are left alone by Django.

BREACH: Django (since 4.2) pads every gzip stream with up to 100 random bytes ("Heal The Breach",
``GZipMiddleware.max_random_bytes``), so the length of a compressed page no longer reveals a secret
guessed byte by byte; the CSRF token in every form is moreover masked anew on each response.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = {
    "application/json",
    "application/problem+json",
    "application/javascript",
    "application/xml",
    "application/xhtml+xml",
    "image/svg+xml",
}


def is_text(response) -> bool:
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return content_type.startswith("text/") or content_type in TEXT_TYPES


class TextGZipMiddleware(GZipMiddleware):
    """``GZipMiddleware`` for text responses only. Under ``DEBUG`` Django's technical error pages stay
    uncompressed: the security headers middleware recognises them by their content."""

    def process_response(self, request, response):
        if not is_text(response) or (settings.DEBUG and response.status_code >= 400):
            return response
        return super().process_response(request, response)
