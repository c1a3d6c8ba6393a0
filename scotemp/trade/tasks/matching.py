"""Tasks of the matchmaking engine: a lead's matches after it changed, and every match at once."""

from django_tasks import task

from ..matching.store import recompute_matches, rematch_all, remove_matches


@task()
def rematch_lead(lead_id: int) -> dict:
    """Recompute and store one lead's matches, telling both sides of new ones."""
    return recompute_matches(lead_id)


@task()
def remove_lead_matches(lead_ids: list[int]) -> int:
    """Delete the matches of leads that left the market (expired); decisions stay."""
    return remove_matches(lead_ids)


@task()
def rematch_everything(notify: bool = False) -> dict:
    """Recompute the matches of every open lead (``rematch_all``)."""
    return rematch_all(notify=notify)
