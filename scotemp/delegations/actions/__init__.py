"""Writes of the delegations app, split by noun: delegations and their status
(:mod:`.delegations`), member organizations (:mod:`.members`), the programme and the outcomes
(:mod:`.programme`). Every action checks the organizer (``PermissionDenied``; pages and the API
fetch the delegation through the queries first, so outsiders see 404), runs in one transaction and
announces what changed once."""
