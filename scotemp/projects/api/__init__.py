"""API of the projects app, mounted at /api/v1/projects/."""

from .projects import router

__all__ = ["router"]
