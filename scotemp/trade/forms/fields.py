"""Form fields of the lead form that read both the page's inputs and an API client's JSON values:
key/value attributes and code lists (coded reference values: :mod:`scotemp.reference.forms`)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ATTRIBUTES = 20
MAX_ATTRIBUTE_KEY = 40
MAX_ATTRIBUTE_VALUE = 200


class KeyValueRowsWidget(forms.Widget):
    """Rows of key and value inputs named ``<name>_key`` and ``<name>_value``; from JSON it accepts a
    dict or a list of ``{"key", "value"}`` objects (or ``[key, value]`` pairs)."""

    template_name = "trade/lead_attributes_widget.html"
    extra_rows = 3

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist") and (f"{name}_key" in data or f"{name}_value" in data):
            return list(zip(data.getlist(f"{name}_key"), data.getlist(f"{name}_value"), strict=False))
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_key" not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rows = list(value.items()) if isinstance(value, dict) else list(value or [])
        rows = [(str(k), str(v)) for k, v in rows] + [("", "")] * self.extra_rows
        context["widget"]["rows"] = rows[: max(len(rows), MAX_ATTRIBUTES)]
        return context


class AttributesField(forms.Field):
    widget = KeyValueRowsWidget

    def to_python(self, value):
        if value in (None, "", [], {}):
            return {}
        if isinstance(value, dict):
            pairs = list(value.items())
        elif isinstance(value, list | tuple):
            pairs = []
            for row in value:
                if isinstance(row, dict):
                    pairs.append((row.get("key", ""), row.get("value", "")))
                elif isinstance(row, list | tuple) and len(row) == 2:
                    pairs.append((row[0], row[1]))
                else:
                    raise ValidationError(_("Give attributes as key/value pairs."), code="attributes_format")
        else:
            raise ValidationError(_("Give attributes as key/value pairs."), code="attributes_format")
        result: dict[str, str] = {}
        for key, val in pairs:
            key, val = str(key or "").strip(), str(val or "").strip()
            if not key and not val:
                continue  # an empty row of the form
            if not key:
                raise ValidationError(
                    _("The attribute value “%(value)s” has no name."),
                    code="attribute_no_key",
                    params={"value": val},
                )
            if len(key) > MAX_ATTRIBUTE_KEY:
                raise ValidationError(
                    _("The attribute name “%(key)s” is longer than %(max)d characters."),
                    code="attribute_key_length",
                    params={"key": key, "max": MAX_ATTRIBUTE_KEY},
                )
            if len(val) > MAX_ATTRIBUTE_VALUE:
                raise ValidationError(
                    _("The value of “%(key)s” is longer than %(max)d characters."),
                    code="attribute_value_length",
                    params={"key": key, "max": MAX_ATTRIBUTE_VALUE},
                )
            if key.casefold() in (k.casefold() for k in result):
                raise ValidationError(
                    _("The attribute “%(key)s” is given twice."),
                    code="attribute_duplicate",
                    params={"key": key},
                )
            result[key] = val
        if len(result) > MAX_ATTRIBUTES:
            raise ValidationError(
                _("At most %(max)d attributes (%(count)d given)."),
                code="attributes_too_many",
                params={"max": MAX_ATTRIBUTES, "count": len(result)},
            )
        return result


class CodeListField(forms.MultipleChoiceField):
    """A multiple choice that also accepts a comma-separated string (API clients, simple forms)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        return super().to_python(value)
