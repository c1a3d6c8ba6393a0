"""API plumbing shared by every app's router (``<app>/api.py`` or ``<app>/api/``):

- :mod:`.auth`: session or token authentication (``auth_methods``, ``public_auth``);
- :mod:`.errors`: one error body ``{"detail", "errors"}``, the handlers, :data:`ERRORS`;
- :mod:`.pagination`: ``PageParams`` in, ``Page[Item]`` out, for every list;
- :mod:`.actions`: ``run`` an action, ``invalid`` for form errors (422);
- :mod:`.idempotency`: the ``Idempotency-Key`` middleware for every POST.
"""

from .actions import form_data, invalid, run
from .auth import auth_methods, public_auth
from .errors import ERRORS, PUBLIC_ERRORS, ErrorOut, error_body
from .pagination import Page, PageParams, page_of, paginate

__all__ = [
    "ERRORS",
    "PUBLIC_ERRORS",
    "ErrorOut",
    "Page",
    "PageParams",
    "auth_methods",
    "error_body",
    "form_data",
    "invalid",
    "page_of",
    "paginate",
    "public_auth",
    "run",
]
