"""Choices of shipments and their tracking events."""
