"""The demo forum's B2B schedule: computed by “Schedule all” and published, as the organizer would.
Runs after the other events demos (which create the forum's B2B session, its participants and their
accepted requests); does nothing when the forum has no B2B session, or its schedule is published."""

from django.contrib.auth import get_user_model

from scotemp.demo.events_keys import forum_event

TIME_LIMIT = 20.0  # seconds; about 60 participants are solved to optimality well within it


def seed_events_schedule(log=print) -> dict:
    from scotemp.events.actions.scheduling import compute_schedule, publish_schedule
    from scotemp.events.choices import B2BPhase
    from scotemp.events.models import B2BSession

    session = B2BSession.objects.select_related("event__committee").filter(event=forum_event()).first()
    if session is None or session.phase == B2BPhase.FINAL:
        return {}
    operator = get_user_model().objects.filter(is_operator=True, is_active=True).order_by("pk").first()
    if operator is None:
        return {}
    if session.phase in (B2BPhase.PROFILE, B2BPhase.REQUESTS_OPEN):
        session.phase = B2BPhase.REQUESTS_CLOSED
        session.save(update_fields=["phase", "updated_at"])
    compute_schedule(session, operator, time_limit=TIME_LIMIT)
    session.refresh_from_db()
    stats = session.schedule_stats
    confirmed = publish_schedule(session, operator)
    log(
        f"B2B schedule of the forum: {stats['meetings']} meetings "
        f"({stats['interpreted']} with an interpreter), "
        f"weight {stats['objective']} of at most {stats['bound']:.0f}, published."
    )
    return {"B2B meetings scheduled": confirmed}
