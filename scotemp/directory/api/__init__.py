"""API of the directory, mounted at /api/v1/organizations: the search (:mod:`.search`), profiles
(:mod:`.profiles`), the operators' handover requests (:mod:`.handovers`) and the inboxes
(:mod:`.inbox`).

The search's router is the parent: its ``GET ""`` answers at ``/organizations`` itself (a child
router mounted at ``""`` would put it at ``/organizations/``). ``/handover-requests`` comes before
``/{public_id}``, which would otherwise read it as an id."""

from .handovers import router as handovers_router
from .inbox import router as inbox_router
from .profiles import router as profiles_router
from .search import router

router.add_router("", handovers_router)
router.add_router("", inbox_router)
router.add_router("", profiles_router)

__all__ = ["router"]
