"""Background tasks of trade (django-tasks: the same code on the database and RQ backends; the test
settings run them immediately), by noun: :mod:`.matching` (recomputing matches; enqueued by the lead
actions), :mod:`.leads` (expiry) and :mod:`.saved_searches` (daily digests), the last two running
actions."""
