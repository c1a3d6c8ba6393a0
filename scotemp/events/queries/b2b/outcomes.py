"""What came of B2B meetings, as the pages of the RFQs and deals started from them show it."""

from scotemp.core.prepared import PreparedQuery

from ...models import MeetingOutcome


def _outcomes_of(field: str):
    related = (
        "meeting__request__requester__organization",
        "meeting__request__recipient__organization",
        "meeting__session__event",
        "meeting__slot",
    )
    return lambda row_id: MeetingOutcome.objects.filter(**{f"{field}_id": row_id}).select_related(*related)


# The outcomes an RFQ was started from, with what "From the B2B meeting …" names: one query, compiled
# once (the RFQ page shows the line above the request, usually for none).
OUTCOMES_OF_RFQ = PreparedQuery(_outcomes_of("rfq"), row_id=int)
