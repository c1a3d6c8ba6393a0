"""Background tasks of the projects app: none (every change is quick enough to run in the request)."""
