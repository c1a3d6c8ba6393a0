"""The freight API: lane rates and service offers (:mod:`.rates`), freight quote requests, inquiries,
quotes, booking and threads (:mod:`.requests`)."""

from ninja import Router

from . import rates, requests

router = Router()
router.add_router("", rates.router)
router.add_router("", requests.router)
