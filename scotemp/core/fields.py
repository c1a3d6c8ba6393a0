"""Form fields shared by every app."""

from django import forms


class WebsiteField(forms.URLField):
    """A website as people write it: "astyk.kz" or "www.astyk.kz" is read as https://astyk.kz.

    A plain text input with the URL keyboard: the browser's own ``type="url"`` check refuses an
    address without its scheme before the form is even sent, in the browser's language, not ours."""

    widget = forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url", "spellcheck": "false"})

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
