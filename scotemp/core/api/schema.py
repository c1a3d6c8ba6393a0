"""What the OpenAPI schema promises, kept:

- :class:`JsonObject`, the base of request bodies, accepts only a JSON object. ninja's ``Schema``
  reads its fields as attributes of whatever it is given, so on its own it takes a body such as
  ``[null, null]`` or ``"x"`` for an object with every field missing (and accepts it when every
  field has a default). Such a body is a 422 naming the required fields when there are some,
  otherwise saying that an object is expected.
- :data:`OPTIONAL_AUTH`, the ``openapi_extra`` of an endpoint with ``auth=public_auth()``: its empty
  security requirement says that a token or a session is optional there, not required.
"""

import re
from decimal import Decimal
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

OPTIONAL_AUTH = {"security": [{}]}


class JsonObject(Schema):
    """Base class for request bodies (``payload: SomethingIn``). An unknown property is refused
    (the schema says ``additionalProperties: false``), so a misspelt field is a 422 naming it."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="wrap")
    @classmethod
    def _json_object_only(cls, data, handler):
        raw = data._obj if isinstance(data, DjangoGetter) else data
        if isinstance(raw, dict | Schema):
            return handler(data)
        handler({})  # raises, naming each required field, when there are some
        raise PydanticCustomError("object_expected", str(_("The request body must be a JSON object.")))


def decimal_in(max_digits: int, places: int, *, minimum: str = "0", positive: bool = False):
    """A decimal input (a JSON number or a string of digits) within ``max_digits`` digits of which
    ``places`` after the point, at least ``minimum`` (above 0 when ``positive``). The schema states
    all of it: the string's pattern, the number's bounds and step. pydantic's own ``Decimal`` schema
    allows any string, so ``""`` or ``"abc"`` would look valid and then be refused."""
    whole = max_digits - places
    top = Decimal(10**whole - 1)
    low = Decimal(minimum)
    if positive:  # no lookahead: the generators of valid data do not support it
        pattern = rf"^([1-9]\d{{0,{whole - 1}}}(\.\d{{1,{places}}})?|0\.\d{{0,{places - 1}}}[1-9])$"
    else:
        pattern = rf"^\d{{1,{whole}}}(\.\d{{1,{places}}})?$"
    number: dict = {"type": "number", "maximum": int(top), "multipleOf": float(Decimal(1).scaleb(-places))}
    number["exclusiveMinimum" if positive else "minimum"] = int(low)

    def check(value):
        if isinstance(value, str) and not re.fullmatch(pattern, value):
            raise PydanticCustomError("decimal_parsing", "not a decimal")
        return value

    bounds = {"gt": low} if positive else {"ge": low}
    return Annotated[
        Decimal,
        BeforeValidator(check),
        Field(le=top, max_digits=max_digits, decimal_places=places, **bounds),
        WithJsonSchema({"anyOf": [number, {"type": "string", "pattern": pattern}]}),
    ]
