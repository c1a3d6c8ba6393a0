"""Background tasks of the delegations app: none yet (notices leave through the outbox)."""
