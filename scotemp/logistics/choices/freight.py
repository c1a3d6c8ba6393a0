"""Choices of service offers, freight quote requests and quotes."""
