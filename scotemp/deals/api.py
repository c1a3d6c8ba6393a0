"""API of the deals workflow (placeholder router until the endpoints land)."""

from ninja import Router

router = Router(tags=["deals"])
