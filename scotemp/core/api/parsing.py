"""Reading request bodies safely: standard JSON no deeper than :data:`MAX_DEPTH`, no NUL, no integer
wider than a database column.

- :func:`load_json` parses a body and checks it; a problem is a :class:`BodyError` naming the field
  (``"attributes.protein"``, ``"sellers.0"``; ``"__all__"`` for the body as a whole);
- :class:`CheckedParser` is the API's parser (``NinjaAPI(parser=CheckedParser())``): it reuses the
  body the request guard (:mod:`scotemp.core.request_guards`) already parsed and checked, and refuses
  NUL characters in form fields with a 422 naming the field.

PostgreSQL refuses NUL in text (the insert fails), SQLite stores it; neither is ever meant as text, so
a NUL anywhere in a string or a key is refused before any view sees it.
"""

import json
import math

from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from ninja.parser import Parser

MAX_DEPTH = 32
# The widest integer a database column holds (64-bit signed); anything wider is no id, count or amount.
MIN_INT, MAX_INT = -(2**63), 2**63 - 1
NUL = "\x00"
# The request guard stores the checked body under this attribute of the request.
CHECKED_JSON = "checked_json"
_MISSING = object()


class BodyError(Exception):
    """A request body that is refused, with the messages per field (``__all__`` for the whole body)."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        first = next(iter(errors.values()))[0]
        self.detail = first if len(errors) == 1 else _("Some fields are not valid.")
        super().__init__(self.detail)


def nul_message() -> str:
    return _("Null characters are not allowed.")  # Django's own message, as its form fields give


def too_deep_message() -> str:
    return _("The data is nested more than %(limit)s levels deep.") % {"limit": MAX_DEPTH}


def out_of_range_message() -> str:
    return _("The number is out of range.")


def not_json_message() -> str:
    return _("The request body is not valid JSON.")


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is out of range")
    return value


def field_name(path: tuple) -> str:
    return ".".join(str(part) for part in path) or "__all__"


def load_json(raw: bytes | str):
    """The parsed body, or :class:`BodyError`: not JSON (NaN, Infinity and numbers out of range
    included), nested deeper than :data:`MAX_DEPTH`, a NUL character in a string or a key, or an
    integer no database column holds."""
    try:
        data = json.loads(raw, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        raise BodyError({_too_deep_field(text): [too_deep_message()]}) from None
    except ValueError:  # JSONDecodeError, UnicodeDecodeError, too many digits, the checks above
        raise BodyError({"__all__": [not_json_message()]}) from None
    errors = check_json(data)
    if errors:
        raise BodyError(errors)
    return data


def check_json(data, limit: int = 20) -> dict[str, list[str]]:
    """Problems in parsed JSON by field: nesting deeper than :data:`MAX_DEPTH` (named by the
    top-level field it starts in), NUL characters and integers wider than 64 bits (named by their
    full path). Walks the data without recursion, so any depth is safe; stops after ``limit``
    problems."""
    errors: dict[str, list[str]] = {}
    stack = [(data, (), 1)]
    while stack and len(errors) < limit:
        value, path, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                field = field_name(path[:1]) if isinstance(data, dict) else "__all__"
                errors.setdefault(field, [too_deep_message()])
                continue
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and NUL in key:
                    errors.setdefault(field_name((*path, key.replace(NUL, ""))), [nul_message()])
                else:
                    stack.append((item, (*path, key), depth + 1))
        elif isinstance(value, str) and NUL in value:
            errors.setdefault(field_name(path), [nul_message()])
        elif isinstance(value, int) and not isinstance(value, bool) and not MIN_INT <= value <= MAX_INT:
            errors.setdefault(field_name(path), [out_of_range_message()])
    return dict(sorted(errors.items()))


def _too_deep_field(text: str) -> str:
    """The top-level key whose value nests past :data:`MAX_DEPTH`, for a body too deep for the JSON
    parser itself (``__all__`` when the body is not an object). Scans the text without parsing it."""
    is_object = text.lstrip()[:1] == "{"
    depth, in_string, escaped, start, last, key = 0, False, False, 0, "", "__all__"
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
                last = text[start : index + 1]
        elif char == '"':
            in_string, start = True, index
        elif char == ":" and depth == 1 and is_object:
            try:
                key = str(json.loads(last)).replace(NUL, "") or "__all__"
            except ValueError:
                key = "__all__"
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return key if is_object else "__all__"
        elif char in "]}":
            depth -= 1
    return "__all__"


class CheckedParser(Parser):
    """The API's parser: JSON bodies through :func:`load_json`, form fields without NUL."""

    def parse_body(self, request):
        data = getattr(request, CHECKED_JSON, _MISSING)
        if data is not _MISSING:
            return data
        return load_json(request.body)

    def parse_querydict(self, data, list_fields, request):
        problems = [
            {"loc": (name.replace(NUL, ""),), "msg": nul_message(), "type": "string_nul"}
            for name, values in data.lists()
            if NUL in name or any(isinstance(value, str) and NUL in value for value in values)
        ]
        if problems:
            raise ValidationError(problems)
        return super().parse_querydict(data, list_fields, request)
