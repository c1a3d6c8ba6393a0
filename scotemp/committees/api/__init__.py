"""Committee API, by noun: the committees and membership (``committees``), the workspace (``workspace``:
KPIs, work plan, news, documents). Importing ``workspace`` adds its operations to the one router."""

from . import workspace  # noqa: F401  (registers the workspace's operations)
from .committees import router

__all__ = ["router"]
