"""The freight API: lane rates and service offers (:mod:`.rates`), freight quote requests, inquiries,
quotes and booking (:mod:`.requests`), the threads (:mod:`.messages`)."""

from ninja import Router

from . import messages, rates, requests

router = Router()
router.add_router("", rates.router)
router.add_router("", requests.router)
router.add_router("", messages.router)
