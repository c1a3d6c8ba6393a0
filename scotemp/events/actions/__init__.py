"""Actions of the events app, split by noun as the layer grows (ADR 0012)."""
