"""``manage.py schedule_b2b <event public id>``: “Schedule all” for the event's B2B session, in this
process, printing each step; ``--publish`` then publishes it. Acts as ``--as EMAIL`` (an organizer
of the event), by default the first platform operator."""

import time

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from ...actions.scheduling import DEFAULT_TIME_LIMIT, compute_schedule, publish_schedule
from ...models import B2BSession


class Command(BaseCommand):
    help = "Compute (and optionally publish) the B2B meeting schedule of an event."

    def add_arguments(self, parser):
        parser.add_argument("event", help="the event's public id")
        parser.add_argument("--as", dest="email", help="an organizer's e-mail (default: the first operator)")
        parser.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT, help="seconds")
        parser.add_argument("--publish", action="store_true", help="publish the schedule afterwards")

    def handle(self, event, email=None, time_limit=DEFAULT_TIME_LIMIT, publish=False, **options):
        session = (
            B2BSession.objects.select_related("event__committee").filter(event__public_id=event).first()
            if _is_uuid(event)
            else None
        )
        if session is None:
            raise CommandError(f"No B2B session for the event {event}.")
        users = get_user_model().objects.filter(is_active=True)
        user = users.filter(email=email).first() if email else users.filter(is_operator=True).first()
        if user is None:
            raise CommandError("No such user: pass --as with an organizer's e-mail.")
        t0 = time.monotonic()

        def progress(step):
            self.stdout.write(f"[{time.monotonic() - t0:6.1f} s] {step}")

        try:
            solution = compute_schedule(session, user, time_limit=time_limit, progress=progress)
            session.refresh_from_db()
            s = session.schedule_stats
            self.stdout.write(
                f"{s['meetings']} meetings, weight {s['objective']} of at most {s['bound']:.0f} "
                f"({s['percent']} %, {solution.status}), "
                f"must-meets {s['must_meet_placed']}/{s['must_meet']}, "
                f"idle gaps {s['idle_gaps']}, unscheduled {s['unscheduled']}"
            )
            if publish:
                count = publish_schedule(session, user)
                self.stdout.write(f"Published: {count} meetings confirmed.")
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
