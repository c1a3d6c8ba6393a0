"""Background tasks of the matchmaking engine (django-tasks: the same code on the database and RQ
backends; the test settings run them immediately)."""

from django_tasks import task


@task()
def rematch_lead(lead_id: int) -> dict:
    """Recompute and store one lead's matches, notifying both sides of new ones."""
    from .matching_store import recompute_matches

    return recompute_matches(lead_id)


@task()
def remove_lead_matches(lead_ids: list[int]) -> int:
    """Delete the matches of leads that left the market (expired); decisions stay."""
    from .matching_store import remove_matches

    return remove_matches(lead_ids)


@task()
def rematch_everything(notify: bool = False) -> dict:
    """Recompute the matches of every open lead (``rematch_all``)."""
    from .matching_store import rematch_all

    return rematch_all(notify=notify)
