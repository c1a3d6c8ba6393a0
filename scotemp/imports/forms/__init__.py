from .requirements import RequirementForm

__all__ = ["RequirementForm"]
