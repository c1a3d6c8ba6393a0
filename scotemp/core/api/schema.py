"""What the OpenAPI schema promises, kept:

- :class:`JsonObject`, the base of request bodies, accepts only a JSON object. ninja's ``Schema``
  reads its fields as attributes of whatever it is given, so on its own it takes a body such as
  ``[null, null]`` or ``"x"`` for an object with every field missing (and accepts it when every
  field has a default). Such a body is a 422 naming the required fields when there are some,
  otherwise saying that an object is expected.
- :data:`OPTIONAL_AUTH`, the ``openapi_extra`` of an endpoint with ``auth=public_auth()``: its empty
  security requirement says that a token or a session is optional there, not required.
"""

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import model_validator
from pydantic_core import PydanticCustomError

OPTIONAL_AUTH = {"security": [{}]}


class JsonObject(Schema):
    """Base class for request bodies (``payload: SomethingIn``)."""

    @model_validator(mode="wrap")
    @classmethod
    def _json_object_only(cls, data, handler):
        raw = data._obj if isinstance(data, DjangoGetter) else data
        if isinstance(raw, dict | Schema):
            return handler(data)
        handler({})  # raises, naming each required field, when there are some
        raise PydanticCustomError("object_expected", str(_("The request body must be a JSON object.")))
