"""API of the deals workflow, mounted at /api/v1/: inquiries, quotations and threads
(:mod:`scotemp.deals.api_inquiries`), deals, terms and documents (:mod:`scotemp.deals.api_deals`)."""

from ninja import Router

from .api_deals import router as deals_router
from .api_inquiries import router as inquiries_router

router = Router(tags=["deals"])
router.add_router("", inquiries_router)
router.add_router("", deals_router)
