"""Reads: freight."""
