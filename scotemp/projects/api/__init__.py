"""API of the projects app, mounted at /api/v1/projects/ (ADR 0012).

- ``shapes``: the schemas and the functions that fill them;
- ``projects``: the list, the showcase, one project; create, change, publish, change the stage;
- ``partners``: interest, withdrawal, the owner's decision on a partner;
- ``milestones``: the list, add one, change its status.

The routes of ``partners`` and ``milestones`` name their operation ids in full: those the API had
when it was one module, so the OpenAPI document stays the same."""

from . import milestones, partners, projects

# The projects module's own routes first (/showcase before /{public_id}), then partners, then
# milestones: the order in which the paths are matched and documented.
router = projects.router
router.add_router("", partners.router)
router.add_router("", milestones.router)

__all__ = ["router"]
