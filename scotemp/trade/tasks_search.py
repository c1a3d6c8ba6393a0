"""Background work of lead search: the daily saved-search digests."""

from django_tasks import task


@task()
def saved_search_digests_task() -> int:
    """Alert owners of saved searches about new matching leads (at most once a day per search)."""
    from .saved_searches import send_digests

    return send_digests()
