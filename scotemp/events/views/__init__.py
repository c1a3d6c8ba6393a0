"""Pages of the events app, split by noun (events and registrations; B2B meetings)."""

urlpatterns: list = []
