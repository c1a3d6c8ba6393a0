"""Choices of the delivered-cost calculator (duty kinds, cost lines)."""
