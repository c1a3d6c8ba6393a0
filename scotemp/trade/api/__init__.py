"""API of trade, mounted at /api/v1/: lead search and the lead lifecycle (:mod:`.leads`, bodies in
:mod:`.schemas`), the HS picker (:mod:`.hs`), matches and decisions (:mod:`.matches`) and saved
searches (:mod:`.saved_searches`, under /saved-searches)."""

from ninja import Router

from . import hs, leads, matches, saved_searches

router = Router()
router.add_router("", leads.router)
router.add_router("", hs.router)
router.add_router("", matches.router)
router.add_router("/saved-searches", saved_searches.router)
