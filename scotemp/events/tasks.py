"""Background tasks of the events app."""

from django_tasks import task


@task()
def compute_b2b_schedule(session_id: int, user_id: int) -> dict:
    """“Schedule all” of a B2B session, requested by ``user_id`` (see ``actions.scheduling``)."""
    from django.contrib.auth import get_user_model

    from .actions.scheduling import compute_schedule
    from .models import B2BSession

    session = B2BSession.objects.select_related("event__committee").filter(pk=session_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if session is None or user is None:
        return {}
    compute_schedule(session, user)
    session.refresh_from_db(fields=["schedule_stats"])
    return session.schedule_stats
