"""Background tasks of the events app."""
