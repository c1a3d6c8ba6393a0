"""API of the delegations app, mounted at /api/v1/delegations/ (ADR 0012): 404 for what the caller
may not see, 422 naming the field, paged lists, an ``Idempotency-Key`` on every POST (core.api).

- ``shapes``: the schemas and the functions that fill them;
- ``delegations``: the list, the report, one delegation; create, change, status;
- ``members``: members and requests to join;
- ``programme``: programme items and outcomes.

The operation ids are given in full on each route: they are those the API had when it was one
module, and the OpenAPI document stays the same."""

from . import delegations, members, programme

# The delegations module's own routes first (/report before /{public_id}), then members, then the
# programme and outcomes: the order in which the paths are matched and documented.
router = delegations.router
router.add_router("", members.router)
router.add_router("", programme.router)
