"""Reads of the projects app."""
