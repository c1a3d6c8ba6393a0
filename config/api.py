"""The ninja API root under /api/v1/. Each domain app contributes a router from its api.py."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from ninja import NinjaAPI
from ninja.renderers import BaseRenderer


class UnicodeJSONRenderer(BaseRenderer):
    """JSON with Chinese and Cyrillic kept readable (ninja escapes non-ASCII by default)."""

    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


def build_api() -> NinjaAPI:
    from scotemp.core.api.auth import auth_methods
    from scotemp.core.api.parsing import CheckedParser

    api = NinjaAPI(
        title="SCO TEMP API",
        version="1",
        description="Trade and Economic Multifunctional Platform for SCO countries.",
        renderer=UnicodeJSONRenderer(),
        parser=CheckedParser(),  # JSON no deeper than 32 levels, no NUL in text
        auth=auth_methods(),
        openapi_url="/openapi.json",
        docs_url="/docs",
        urls_namespace="api",
    )
    from scotemp.core.api.errors import install_error_handlers

    install_error_handlers(api)  # one translated JSON error shape: {"detail", "errors"}
    from scotemp.accounts.api import router as accounts_router
    from scotemp.committees.api import router as committees_router
    from scotemp.deals.api import router as deals_router
    from scotemp.delegations.api import router as delegations_router
    from scotemp.directory.api import router as directory_router
    from scotemp.events.api import router as events_router
    from scotemp.imports.api import router as imports_router
    from scotemp.logistics.api import router as logistics_router
    from scotemp.notifications.api import router as notifications_router
    from scotemp.projects.api import router as projects_router
    from scotemp.reference.api import router as reference_router
    from scotemp.trade.api import router as trade_router
    from scotemp.verification.api import router as verification_router

    api.add_router("/reference", reference_router)
    api.add_router("/", accounts_router)
    api.add_router("/committees", committees_router)
    api.add_router("/organizations", directory_router)
    api.add_router("/", verification_router)
    api.add_router("/", trade_router)  # /leads, /hs, /leads/{id}/matches, /matches/…, /saved-searches
    api.add_router("/notifications", notifications_router)
    api.add_router("/", deals_router)  # /inquiries, /quotations, /deals, /rfqs
    api.add_router("/logistics", logistics_router)
    api.add_router("/imports", imports_router)
    api.add_router("/events", events_router)
    api.add_router("/projects", projects_router)
    api.add_router("/delegations", delegations_router)
    return api


api = build_api()
