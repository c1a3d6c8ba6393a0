"""Meeting requests: a participant sends one to another (while requests are open, within the
session's cap of requests), the recipient accepts or declines it, the sender withdraws it. Every
step notifies the other side, in their language."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import announce, per_language

from ...choices import B2BPhase, MeetingStatus, Priority, RequestStatus
from ...models import MeetingRequest
from ..common import event_names
from .common import check_phase, conflict, notice_to, participant_name, refuse, require_member

SEND_PHASES = (B2BPhase.REQUESTS_OPEN,)
ANSWER_PHASES = (B2BPhase.REQUESTS_OPEN, B2BPhase.REQUESTS_CLOSED)
WITHDRAW_PHASES = (B2BPhase.PROFILE, B2BPhase.REQUESTS_OPEN, B2BPhase.REQUESTS_CLOSED, B2BPhase.PROVISIONAL)
MESSAGE_MAX = 1000
LIVE = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


def _url(session) -> str:
    from django.urls import reverse

    return reverse("events:b2b_requests", args=[session.event.public_id])


def send_request(
    user, requester, recipient, priority=Priority.WOULD_LIKE, message: str = ""
) -> MeetingRequest:
    require_member(user, requester)
    session = requester.session
    check_phase(session, SEND_PHASES, "phase", _("Meeting requests are not open (phase: %(phase)s)."))
    if recipient.session_id != session.pk:
        raise refuse("recipient", _("This participant is not in this B2B session."))
    if recipient.pk == requester.pk or recipient.organization_id == requester.organization_id:
        raise refuse("recipient", _("You cannot request a meeting with your own organization."))
    if int(priority) not in Priority.values:
        raise refuse("priority", _("Priority: must meet or would like to meet."))
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX or "\x00" in message:
        raise refuse("message", _("Message: at most %(max)d characters.") % {"max": MESSAGE_MAX})
    with transaction.atomic():
        sent = MeetingRequest.objects.filter(requester=requester, status__in=LIVE).count()
        if sent >= session.request_cap:
            raise refuse(
                "recipient",
                _("You reached the limit of %(cap)d meeting requests in this session.")
                % {"cap": session.request_cap},
                "request_cap",
            )
        previous = MeetingRequest.objects.filter(requester=requester, recipient=recipient).first()
        opposite = MeetingRequest.objects.filter(
            requester=recipient, recipient=requester, status__in=LIVE
        ).exists()
        if opposite:
            raise conflict(_("This participant already asked to meet you: answer their request instead."))
        try:
            with transaction.atomic():
                if previous is not None:
                    if previous.status in LIVE:
                        raise conflict(_("You already asked this participant for a meeting."))
                    if previous.status == RequestStatus.DECLINED:
                        raise conflict(_("This participant declined your request; it cannot be sent again."))
                    request = previous
                    request.status = RequestStatus.PENDING
                    request.priority = int(priority)
                    request.message = message
                    request.decided_at = None
                    request.unscheduled_reason = ""
                    request.save()
                else:
                    request = MeetingRequest.objects.create(
                        session=session,
                        requester=requester,
                        recipient=recipient,
                        priority=int(priority),
                        message=message,
                    )
        except IntegrityError:
            raise conflict(_("You already asked this participant for a meeting.")) from None
        announce(
            "b2b_request.sent",
            subject=request,
            actor=user,
            organization=requester.organization_id,
            to_status=request.status,
            notices=[
                notice_to(
                    recipient,
                    "events.b2b_request_received",
                    {
                        "requester": participant_name(requester),
                        "event": event_names(session.event),
                        "priority": per_language(request.get_priority_display),
                    },
                    _url(session),
                )
            ],
        )
    return request


def _locked(request) -> MeetingRequest:
    return (
        MeetingRequest.objects.select_for_update(of=("self",))
        .select_related(
            "session__event",
            "requester__organization",
            "recipient__organization",
            "requester__registration",
            "recipient__registration",
        )
        .get(pk=request.pk)
    )


def answer_request(user, request, accept: bool) -> MeetingRequest:
    """The recipient accepts or declines a pending request."""
    require_member(user, request.recipient)
    session = request.session
    check_phase(session, ANSWER_PHASES, "phase", _("Requests can no longer be answered (phase: %(phase)s)."))
    with transaction.atomic():
        locked = _locked(request)
        if locked.status != RequestStatus.PENDING:
            raise conflict(_("This request was already answered or withdrawn."))
        before = locked.status
        locked.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at"])
        kind = "events.b2b_request_accepted" if accept else "events.b2b_request_declined"
        announce(
            f"b2b_request.{locked.status}",
            subject=locked,
            actor=user,
            organization=locked.recipient.organization_id,
            from_status=before,
            to_status=locked.status,
            notices=[
                notice_to(
                    locked.requester,
                    kind,
                    {"recipient": participant_name(locked.recipient), "event": event_names(session.event)},
                    _url(session),
                )
            ],
            key=f"b2b:request:{locked.pk}:{locked.status}",
        )
    return locked


def withdraw_request(user, request) -> MeetingRequest:
    """The sender withdraws a pending or accepted request; its meeting, if any, is cancelled and the
    other side told."""
    require_member(user, request.requester)
    session = request.session
    check_phase(
        session, WITHDRAW_PHASES, "phase", _("Requests can no longer be withdrawn (phase: %(phase)s).")
    )
    from .meetings import release

    with transaction.atomic():
        locked = _locked(request)
        if locked.status not in LIVE:
            raise conflict(_("This request was already declined or withdrawn."))
        before = locked.status
        locked.status = RequestStatus.CANCELLED
        locked.save(update_fields=["status"])
        for meeting in locked.meetings.exclude(status=MeetingStatus.CANCELLED):
            release(meeting)
        announce(
            "b2b_request.cancelled",
            subject=locked,
            actor=user,
            organization=locked.requester.organization_id,
            from_status=before,
            to_status=locked.status,
            notices=[
                notice_to(
                    locked.recipient,
                    "events.b2b_request_withdrawn",
                    {"requester": participant_name(locked.requester), "event": event_names(session.event)},
                    _url(session),
                )
            ],
        )
    return locked
