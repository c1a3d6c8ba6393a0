"""Background tasks of the logistics app."""
