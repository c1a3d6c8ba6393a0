"""Writes of shipments."""
