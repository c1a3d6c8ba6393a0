"""API of the logistics app, mounted at /api/v1/logistics/: routes (:mod:`.network`), the delivered
cost (:mod:`.costs`), lane rates, service offers, quote requests and quotes (:mod:`.freight`),
shipments and their events (:mod:`.shipments`). Same rules as every app (ADR 0012): rows through the
queries' ``visible_to``, 404 for what the caller may not see, 422 naming the field, paged lists."""

from ninja import Router

from . import costs, freight, network, shipments

router = Router(tags=["logistics"])
for module in (network, costs, freight, shipments):
    router.add_router("", module.router)
