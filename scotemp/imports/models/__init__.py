from .requirements import ImportRequirement

__all__ = ["ImportRequirement"]
