"""Form widgets shared by every app."""

from django import forms


class DateInput(forms.DateInput):
    """A browser date picker. ``<input type="date">`` reads only ``YYYY-MM-DD``: a date written the
    locale's way ("01.12.2026" in Russian) shows up empty and is lost when the form is saved again."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LimitedTextarea(forms.Textarea):
    """A textarea whose length limit is shown while the user types ("1 234 of 5 000 characters").

    The limit is never enforced by cutting: a browser's ``maxlength`` silently drops what a paste
    brings beyond it, so the attribute becomes ``data-max-length`` and the counter turns into a
    warning ("120 characters too many"); the form field refuses the text with its own error and
    the text comes back whole, to be shortened by its author. Without JavaScript there is no
    counter and the server's error says the same."""

    template_name = "core/widgets/limited_textarea.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        limit = widget_attrs.pop("maxlength", None)
        if limit:
            widget_attrs["data-max-length"] = limit
        context["widget"]["limit"] = limit
        return context


class LanguageSelect(forms.Select):
    """A choice of languages, each written in itself ("English", "Русский", "中文") and marked with
    its own ``lang``, so that screen readers read each name in its language."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if value:
            option["attrs"]["lang"] = value
        return option


class AuthoredSelect(forms.Select):
    """A choice among names users wrote (organizations), in whatever language and script: each option
    with a value is marked ``lang=""`` (language unknown), as the pages mark such names elsewhere."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if value:
            option["attrs"]["lang"] = ""
        return option
