"""The daily saved-search digests as a task."""

from django_tasks import task

from ..actions.saved_searches import send_digests


@task()
def saved_search_digests() -> int:
    """Alert owners of saved searches about new matching leads (at most once a day per search)."""
    return send_digests()
