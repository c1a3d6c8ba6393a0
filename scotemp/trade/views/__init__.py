"""Pages of trade, by noun: :mod:`.leads` (a lead and its lifecycle), :mod:`.search` (the search page
and saved searches), :mod:`.matches` (an organization's matches and decisions)."""
