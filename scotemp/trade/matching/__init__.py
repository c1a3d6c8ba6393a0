"""Matchmaking: which sell offers and buy requests fit each other, how well, and why.

The modules depend on each other in one direction only (each imports only those above it):

- :mod:`.scoring`: the score, a pure function on plain lead records (imports nothing of the app);
- :mod:`.explain`: the score's parts as phrases in the reader's language;
- :mod:`.records`: leads read with plain SQL as the records the score takes;
- :mod:`.index`: the in-process index per HS chapter and the vectorized score;
- :mod:`.engine`: a lead's exact top matches;
- :mod:`.store`: Match rows kept fresh, and new matches announced.

Actions and tasks use the store; pages and the API read matches through ``trade.queries``.
"""
