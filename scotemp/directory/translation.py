# Organization descriptions are translated on accounts.Organization (see accounts/translation.py).
