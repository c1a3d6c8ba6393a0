"""Reads: routes."""
