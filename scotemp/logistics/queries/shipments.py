"""Reads: shipments."""
