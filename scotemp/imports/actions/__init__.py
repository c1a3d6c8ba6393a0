"""Writes of the import promotion zone: the operator's requirement rows and the CSV loader."""

from .requirements import save_requirement

__all__ = ["save_requirement"]
