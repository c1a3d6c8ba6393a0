"""Reads: costs."""
