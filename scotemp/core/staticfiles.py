"""The production storage of static files: WhiteNoise's compressed manifest storage, with each file's
URL remembered per process.

A page's ``{% static %}`` tags (stylesheets, scripts, icons: nine on the RFQ page) each looked the
file up in the manifest and rebuilt its URL. The manifest is read once when the process starts and
does not change until the next release, so the URL of a name is the same for the process's whole
life; ``DEBUG`` (unhashed URLs) and ``force`` take the storage's own path."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = super().url(name)
        return found
