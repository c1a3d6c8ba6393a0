"""Background tasks of the import promotion zone: none (every read is a fixed number of queries)."""
