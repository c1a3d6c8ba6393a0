"""API of the import promotion zone, mounted at /api/v1/imports/: China's import requirements of an HS
code (:mod:`.requirements`), the showcase of SCO offers and the demand of Chinese buyers
(:mod:`.market`). All public reads; a bad parameter is a 422 naming it."""

from ninja import Router

from . import market, requirements

router = Router(tags=["imports"])
for module in (requirements, market):
    router.add_router("", module.router)
