"""Writes of freight."""
