"""The operators' page of handover requests: the pending queue, the recently decided ones, and the
decision. It exists for operators only (404 for everybody else)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.core.permissions import is_operator

from .. import actions, queries
from ..choices import HandoverStatus
from ..forms import HandoverDecisionForm


def _require_operator(user) -> None:
    if not is_operator(user):
        raise Http404  # the queue does not exist for anyone else


def handover_queue(request):
    """The operator's queue of pending handover requests, and the recently decided ones."""
    _require_operator(request.user)
    context = {
        "pending": queries.handover_queue(HandoverStatus.PENDING),
        "decided": queries.handover_decided()[:20],
        "decision_form": HandoverDecisionForm(),
    }
    return render(request, "directory/profile_handover_queue.html", context)


@require_POST
def handover_decide(request, request_id):
    _require_operator(request.user)
    form = HandoverDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("directory:handover_queue")
    try:
        decided = actions.decide_handover(
            request.user, request_id, form.cleaned_data["decision"] == "approve", form.cleaned_data["note"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Decided: %(status)s.") % {"status": decided.get_status_display()})
    return redirect("directory:handover_queue")
