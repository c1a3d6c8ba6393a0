"""Form widgets shared by every app."""

from django import forms


class DateInput(forms.DateInput):
    """A browser date picker. ``<input type="date">`` reads only ``YYYY-MM-DD``: a date written the
    locale's way ("01.12.2026" in Russian) shows up empty and is lost when the form is saved again."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
