"""Access matrix: every page and API endpoint, enumerated from the URL resolver and the OpenAPI
schema, has a rule here, and the rule is checked for anonymous users, an outsider, a member of
another organization, the owner and (where it applies) an operator.

A new URL or endpoint without a rule fails ``test_every_route_has_a_rule``: add it to PAGES or API
with the category that describes who may use it.

Categories
- PUBLIC: anyone may read it (GET 200 for anonymous).
- SIGNED_IN: any signed-in user (anonymous: login redirect or 401), about themselves or their
  active organization; not scoped by an id in the URL.
- ORG: belongs to the owner's organization (``kz_org``): anonymous, an outsider and a member of
  another organization get 404 (anonymous pages may redirect to the login page, anonymous API
  calls get 401); the owner gets 200 on GET.
- OWN: belongs to the owner as a person (token, saved search, notification): same as ORG.
- OPERATOR: operator staff only; everybody else 404 (or 403), anonymous redirected or 401.
- SECRETARY: the committee's secretary and operators; everybody else 404.
- ACTION: a POST that any signed-in user may make about a public object (contact, apply, …):
  anonymous refused, outsiders get a response that is not a server error.
- EXEMPT: not ours or not a resource (language switch, favicon, invitation link by secret token).
"""

import datetime
import json
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

PUBLIC, SIGNED_IN, ORG, OWN, OPERATOR, SECRETARY, ACTION, EXEMPT = (
    "public", "signed_in", "org", "own", "operator", "secretary", "action", "exempt",
)  # fmt: skip

# URL name -> (category, kwargs builder taking the world)
ORG_ID = lambda w: {"public_id": w.kz_org.public_id}  # noqa: E731
PAGES = {
    "home": (PUBLIC, None),
    "set_language": (EXEMPT, None),
    "accounts:language": (EXEMPT, None),
    "accounts:settings": (SIGNED_IN, None),
    "accounts:token_create": (SIGNED_IN, None),
    "accounts:token_revoke": (OWN, lambda w: {"token_id": w.token.public_id}),
    "accounts:organization_switch": (SIGNED_IN, None),
    "accounts:organizations": (SIGNED_IN, None),
    "accounts:organization_new": (SIGNED_IN, None),
    "accounts:organization": (ORG, ORG_ID),
    "accounts:organization_edit": (ORG, ORG_ID),
    "accounts:organization_leave": (ORG, ORG_ID),
    "accounts:member_role": (ORG, lambda w: {**ORG_ID(w), "member_id": w.membership.pk}),
    "accounts:member_remove": (ORG, lambda w: {**ORG_ID(w), "member_id": w.membership.pk}),
    "accounts:invitation_create": (ORG, ORG_ID),
    "accounts:invitation_revoke": (ORG, lambda w: {**ORG_ID(w), "invitation_id": w.invitation.public_id}),
    "accounts:invitation": (EXEMPT, None),  # the secret token in the link is the credential
    "committees:list": (PUBLIC, None),
    "committees:detail": (PUBLIC, lambda w: {"slug": w.committee.slug}),
    "committees:apply": (ACTION, lambda w: {"slug": w.committee.slug}),
    "committees:withdraw": (ACTION, lambda w: {"slug": w.committee.slug}),
    "committees:applications": (SECRETARY, lambda w: {"slug": w.committee.slug}),
    "committees:decide": (
        SECRETARY,
        lambda w: {"slug": w.committee.slug, "application_id": w.application.pk},
    ),
    # --- committees: the workspace (charter, officers, plan, KPIs, news, documents) ---
    "committees:dashboard": (SECRETARY, lambda w: {"slug": w.committee.slug}),
    "committees:charter": (SECRETARY, lambda w: {"slug": w.committee.slug}),
    "committees:officer_add": (SECRETARY, lambda w: {"slug": w.committee.slug}),
    "committees:officer_remove": (
        SECRETARY,
        lambda w: {"slug": w.committee.slug, "officer_id": w.officer.pk},
    ),
    "committees:plan_item_new": (SECRETARY, lambda w: {"slug": w.committee.slug}),
    "committees:plan_item_edit": (SECRETARY, lambda w: {"slug": w.committee.slug, "item_id": w.plan_item.pk}),
    "committees:targets": (SECRETARY, lambda w: {"slug": w.committee.slug}),
    "committees:news_new": (SECRETARY, lambda w: {"slug": w.committee.slug}),
    "committees:news": (PUBLIC, lambda w: {"slug": w.committee.slug, "public_id": w.news_post.public_id}),
    "committees:news_edit": (
        SECRETARY,
        lambda w: {"slug": w.committee.slug, "public_id": w.news_draft.public_id},
    ),
    "committees:news_submit": (
        SECRETARY,
        lambda w: {"slug": w.committee.slug, "public_id": w.news_draft.public_id},
    ),
    "committees:news_publish": (
        OPERATOR,
        lambda w: {"slug": w.committee.slug, "public_id": w.news_submitted.public_id},
    ),
    "committees:news_return": (
        OPERATOR,
        lambda w: {"slug": w.committee.slug, "public_id": w.news_submitted.public_id},
    ),
    "committees:news_review": (OPERATOR, None),
    "committees:feed": (PUBLIC, lambda w: {"slug": w.committee.slug}),
    "committees:document_upload": (SECRETARY, lambda w: {"slug": w.committee.slug}),
    # a members-only document of a committee kz_org belongs to: its members read it, nobody else
    "committees:document": (
        ORG,
        lambda w: {"slug": w.member_committee.slug, "public_id": w.committee_document.public_id},
    ),
    "committees:document_delete": (
        SECRETARY,
        lambda w: {"slug": w.committee.slug, "public_id": w.secretary_document.public_id},
    ),
    # --- end committees: the workspace ---
    "directory:list": (PUBLIC, None),
    "directory:organization": (PUBLIC, ORG_ID),
    "directory:contact": (ACTION, ORG_ID),
    "directory:inbox": (ORG, ORG_ID),
    "directory:profile_edit": (ORG, ORG_ID),
    "directory:handover_request": (ACTION, ORG_ID),
    "directory:handover_queue": (OPERATOR, None),
    "directory:handover_decide": (OPERATOR, lambda w: {"request_id": w.handover.public_id}),
    "verification:queue": (OPERATOR, None),
    "verification:decide": (OPERATOR, lambda w: {"review_id": w.review.public_id}),
    "verification:status": (ORG, ORG_ID),
    "verification:document_upload": (ORG, ORG_ID),
    "verification:document": (ORG, lambda w: {**ORG_ID(w), "document_id": w.document.public_id}),
    "verification:document_delete": (ORG, lambda w: {**ORG_ID(w), "document_id": w.document.public_id}),
    "verification:submit": (ORG, ORG_ID),
    "trade:list": (PUBLIC, None),
    "trade:saved_searches": (SIGNED_IN, None),
    "trade:saved_search_create": (SIGNED_IN, None),
    "trade:saved_search_delete": (OWN, lambda w: {"public_id": w.saved_search.public_id}),
    "trade:matches": (SIGNED_IN, None),
    "trade:match_decide": (ORG, lambda w: {"match_id": w.match.pk, "decision": "bookmark"}),
    "trade:lead_new": (SIGNED_IN, None),
    "trade:my_leads": (SIGNED_IN, None),
    "trade:lead_detail": (ORG, lambda w: {"public_id": w.draft.public_id}),
    "trade:lead_edit": (ORG, lambda w: {"public_id": w.draft.public_id}),
    "trade:lead_publish": (ORG, lambda w: {"public_id": w.draft.public_id}),
    "trade:lead_pause": (ORG, lambda w: {"public_id": w.offer.public_id}),
    "trade:lead_close": (ORG, lambda w: {"public_id": w.offer.public_id}),
    "trade:lead_renew": (ORG, lambda w: {"public_id": w.offer.public_id}),
    "trade:lead_duplicate": (ORG, lambda w: {"public_id": w.offer.public_id}),
    "notifications:list": (SIGNED_IN, None),
    "notifications:mark_read": (OWN, lambda w: {"pk": w.notification.pk}),
    "notifications:mark_all_read": (SIGNED_IN, None),
    "reference:countries": (PUBLIC, None),
    "reference:hs": (PUBLIC, None),
    "reference:hs_code": (PUBLIC, lambda w: {"code": "1001"}),
    "deals:list": (SIGNED_IN, None),
    # --- logistics: network (index, corridors, route planner) ---
    "logistics:index": (PUBLIC, None),
    "logistics:corridors": (PUBLIC, None),
    "logistics:routes": (PUBLIC, None),
    # --- end logistics: network ---
    # --- logistics: delivered cost (costs) ---
    "logistics:landed_cost": (PUBLIC, None),
    # --- end logistics: delivered cost ---
    # --- events: B2B schedule and event report (organizers: the operator, the committee's secretary) ---
    "events:schedule": (SECRETARY, lambda w: {"public_id": w.sched_event.public_id}),
    "events:schedule_compute": (SECRETARY, lambda w: {"public_id": w.sched_event.public_id}),
    "events:schedule_publish": (SECRETARY, lambda w: {"public_id": w.sched_event.public_id}),
    "events:meeting_lock": (
        SECRETARY,
        lambda w: {"public_id": w.sched_event.public_id, "meeting_id": w.sched_meeting.public_id},
    ),
    "events:report": (SECRETARY, lambda w: {"public_id": w.sched_event.public_id}),
    # --- end events: B2B schedule and event report ---
    "deals:rfq_new": (SIGNED_IN, None),
    "deals:seller_search": (SIGNED_IN, None),
    "deals:report": (OPERATOR, None),
    # Any signed-in member of another organization offers on a published buy request (a public lead).
    "deals:offer_new": (SIGNED_IN, lambda w: {"public_id": w.buy_request.public_id}),
    # kz_org sent this RFQ (buyer-only page) and may close the inquiry or accept its quotation ...
    "deals:rfq": (ORG, lambda w: {"public_id": w.buy_inquiry.rfq.public_id}),
    "deals:close": (ORG, lambda w: {"public_id": w.buy_inquiry.public_id}),
    "deals:accept_quotation": (ORG, lambda w: {"public_id": w.buy_quotation.public_id}),
    # ... and received this inquiry (seller), whose accepted quotation opened the agreed deal.
    "deals:inquiry": (ORG, lambda w: {"public_id": w.inquiry.public_id}),
    "deals:quote": (ORG, lambda w: {"public_id": w.inquiry.public_id}),
    "deals:decline": (ORG, lambda w: {"public_id": w.inquiry.public_id}),
    "deals:post_message": (ORG, lambda w: {"public_id": w.inquiry.public_id}),
    "deals:operator_access": (ORG, lambda w: {"public_id": w.inquiry.public_id}),
    "deals:attachment": (ORG, lambda w: {"public_id": w.attachment.public_id}),
    "deals:deal": (ORG, lambda w: {"public_id": w.deal.public_id}),
    "deals:contract": (ORG, lambda w: {"public_id": w.contract.public_id}),
    "deals:transition": (ORG, lambda w: {"public_id": w.deal.public_id}),
    "deals:propose_terms": (ORG, lambda w: {"public_id": w.deal.public_id}),
    "deals:decide_terms": (ORG, lambda w: {"public_id": w.deal.public_id, "version": 1}),
    "deals:document": (
        ORG,
        lambda w: {"public_id": w.deal.public_id, "doc_type": "proforma", "language": "ru"},
    ),
    # ---- logistics: freight (lane rates, service offers, freight quote requests) ----
    "logistics:freight_providers": (PUBLIC, None),
    "logistics:lane_rates_mine": (SIGNED_IN, None),
    "logistics:lane_rates_csv": (SIGNED_IN, None),
    "logistics:lane_rate_edit": (ORG, lambda w: {"public_id": w.lane_rate.public_id}),
    "logistics:lane_rate_withdraw": (ORG, lambda w: {"public_id": w.lane_rate.public_id}),
    "logistics:service_offer_new": (SIGNED_IN, None),
    "logistics:service_offer_edit": (ORG, lambda w: {"public_id": w.service_offer.public_id}),
    "logistics:service_offer_withdraw": (ORG, lambda w: {"public_id": w.service_offer.public_id}),
    "logistics:freight_requests": (SIGNED_IN, None),
    "logistics:freight_request_new": (SIGNED_IN, None),
    "logistics:freight_inbox": (SIGNED_IN, None),
    # kz_org sent this request (shipper-only page) and may cancel it or book its quote ...
    "logistics:freight_request": (ORG, lambda w: {"public_id": w.freight_request.public_id}),
    "logistics:freight_request_cancel": (ORG, lambda w: {"public_id": w.freight_request.public_id}),
    "logistics:freight_book": (ORG, lambda w: {"public_id": w.freight_quote.public_id}),
    # ... and, as a forwarder, received this inquiry from another shipper.
    "logistics:freight_inquiry": (ORG, lambda w: {"public_id": w.freight_inquiry.public_id}),
    "logistics:freight_quote": (ORG, lambda w: {"public_id": w.freight_inquiry.public_id}),
    "logistics:freight_decline": (ORG, lambda w: {"public_id": w.freight_inquiry.public_id}),
    "logistics:freight_message": (ORG, lambda w: {"public_id": w.freight_inquiry.public_id}),
    "logistics:freight_attachment": (ORG, lambda w: {"public_id": w.freight_attachment.public_id}),
    # ---- end of logistics: freight ----
    # ---- logistics: shipments (kz_org ships to a third organization, so Li Wei stays a stranger) ----
    "logistics:shipments": (SIGNED_IN, None),
    "logistics:shipment_new": (SIGNED_IN, None),
    "logistics:shipment": (ORG, lambda w: {"public_id": w.shipment.public_id}),
    "logistics:shipment_event": (ORG, lambda w: {"public_id": w.shipment.public_id}),
    "logistics:shipment_events_csv": (ORG, lambda w: {"public_id": w.shipment.public_id}),
    "logistics:shipment_leg": (ORG, lambda w: {"public_id": w.shipment.public_id}),
    "logistics:shipment_equipment": (ORG, lambda w: {"public_id": w.shipment.public_id}),
    "logistics:shipment_document_upload": (ORG, lambda w: {"public_id": w.shipment.public_id}),
    "logistics:shipment_document": (
        ORG,
        lambda w: {"public_id": w.shipment.public_id, "document_id": w.shipment_document.public_id},
    ),
    "logistics:shipment_tracking_link": (ORG, lambda w: {"public_id": w.shipment.public_id}),
    "logistics:shipment_cancel": (ORG, lambda w: {"public_id": w.shipment.public_id}),
    # The unguessable token in the link is the credential: anyone holding it reads the milestones.
    "logistics:track": (PUBLIC, lambda w: {"token": w.shipment.tracking_token}),
    # ---- end of logistics: shipments ----
    # ---- events: events, programme, registrations, badges, check-in ----
    "events:list": (PUBLIC, None),
    "events:detail": (PUBLIC, lambda w: {"public_id": w.event.public_id}),
    "events:ics": (PUBLIC, lambda w: {"public_id": w.event.public_id}),
    "events:mine": (SIGNED_IN, None),
    "events:mine_ics": (SIGNED_IN, None),
    "events:register": (ACTION, lambda w: {"public_id": w.event.public_id}),
    # Aigerim's own registration: her badge, its QR code, cancelling it.
    "events:badge": (OWN, lambda w: {"public_id": w.registration.public_id}),
    "events:badge_qr": (OWN, lambda w: {"public_id": w.registration.public_id}),
    "events:registration_cancel": (OWN, lambda w: {"public_id": w.registration.public_id}),
    # The organizer: the secretary of the event's committee (and operators).
    "events:new": (SECRETARY, None),
    "events:edit": (SECRETARY, lambda w: {"public_id": w.event.public_id}),
    "events:publish": (SECRETARY, lambda w: {"public_id": w.event.public_id}),
    "events:cancel": (SECRETARY, lambda w: {"public_id": w.event.public_id}),
    "events:session_new": (SECRETARY, lambda w: {"public_id": w.event.public_id}),
    "events:session_edit": (
        SECRETARY,
        lambda w: {"public_id": w.event.public_id, "session_id": w.event_session.pk},
    ),
    "events:session_delete": (
        SECRETARY,
        lambda w: {"public_id": w.event.public_id, "session_id": w.event_session.pk},
    ),
    "events:registrations": (SECRETARY, lambda w: {"public_id": w.event.public_id}),
    "events:registrations_csv": (SECRETARY, lambda w: {"public_id": w.event.public_id}),
    "events:registration_decide": (SECRETARY, lambda w: {"public_id": w.registration.public_id}),
    "events:checkin": (SECRETARY, lambda w: {"public_id": w.event.public_id}),
    "events:checkin_badge": (
        SECRETARY,
        lambda w: {"public_id": w.event.public_id, "token": w.registration.badge_token},
    ),
    # ---- end of events ----
    # ---- events: B2B meetings (kz_org takes part; the session's event is the committee's) ----
    "events:b2b_overview": (ORG, lambda w: B2B_EV(w)),
    "events:b2b_join": (ORG, lambda w: B2B_EV(w)),
    "events:b2b_profile": (ORG, lambda w: B2B_EV(w)),
    "events:b2b_directory": (ORG, lambda w: B2B_EV(w)),
    "events:b2b_request_send": (ORG, lambda w: {**B2B_EV(w), "participant_id": w.b2b_other.pk}),
    "events:b2b_requests": (ORG, lambda w: B2B_EV(w)),
    "events:b2b_request_decide": (
        ORG,
        lambda w: {**B2B_EV(w), "request_id": w.b2b_request.public_id, "decision": "accept"},
    ),
    "events:b2b_book": (ORG, lambda w: {**B2B_EV(w), "request_id": w.b2b_request.public_id}),
    "events:b2b_agenda": (ORG, lambda w: B2B_EV(w)),
    "events:b2b_agenda_ics": (ORG, lambda w: B2B_EV(w)),
    "events:b2b_agenda_pdf": (ORG, lambda w: B2B_EV(w)),
    "events:b2b_meeting": (ORG, lambda w: {**B2B_EV(w), "meeting_id": w.b2b_meeting.public_id}),
    "events:b2b_meeting_cancel": (ORG, lambda w: {**B2B_EV(w), "meeting_id": w.b2b_meeting.public_id}),
    # The organizer's pages: the secretary of the event's committee (and operators).
    "events:b2b_manage": (SECRETARY, lambda w: B2B_EV(w)),
    "events:b2b_manage_step": (SECRETARY, lambda w: {**B2B_EV(w), "step": "phase"}),
    "events:b2b_tables": (SECRETARY, lambda w: B2B_EV(w)),
    "events:b2b_tables_pdf": (SECRETARY, lambda w: B2B_EV(w)),
    "events:b2b_meeting_organize": (
        SECRETARY,
        lambda w: {**B2B_EV(w), "meeting_id": w.b2b_meeting.public_id},
    ),
    # ---- end of events: B2B meetings ----
    # ---- imports: the import promotion zone (public reads; the operator edits the requirements) ----
    "imports:showcase": (PUBLIC, None),
    "imports:demand": (PUBLIC, None),
    "imports:checklist": (PUBLIC, None),
    "imports:requirements": (OPERATOR, None),
    "imports:requirement_new": (OPERATOR, None),
    "imports:requirement_edit": (OPERATOR, lambda w: {"pk": _import_requirement_pk()}),
    # ---- end of imports ----
    # ---- projects: cooperation projects (a draft of kz_org's: its members only; a published one of a
    # third organization for the interest and withdraw actions) ----
    "projects:list": (PUBLIC, None),
    "projects:showcase": (PUBLIC, None),
    "projects:new": (SIGNED_IN, None),
    "projects:detail": (ORG, lambda w: PRJ(w)),
    "projects:edit": (ORG, lambda w: PRJ(w)),
    "projects:publish": (ORG, lambda w: PRJ(w)),
    "projects:stage": (ORG, lambda w: PRJ(w)),
    "projects:interest": (ACTION, lambda w: {"public_id": w.project_public.public_id}),
    "projects:withdraw": (ACTION, lambda w: {"public_id": w.project_public.public_id}),
    "projects:partner_decide": (
        ORG,
        lambda w: {**PRJ(w), "partner_id": w.project_partner.public_id, "decision": "decline"},
    ),
    "projects:milestone_add": (ORG, lambda w: PRJ(w)),
    "projects:milestone_status": (ORG, lambda w: {**PRJ(w), "milestone_id": w.project_milestone.pk}),
    "projects:document_upload": (ORG, lambda w: PRJ(w)),
    "projects:document": (ORG, lambda w: {**PRJ(w), "document_id": w.project_document.public_id}),
    "projects:document_delete": (ORG, lambda w: {**PRJ(w), "document_id": w.project_document.public_id}),
    # ---- end of projects ----
    # ---- delegations and visits (the delegation is w.committee's, so its secretary organizes it) ----
    "delegations:list": (PUBLIC, None),
    "delegations:detail": (PUBLIC, lambda w: DLG(w)),
    "delegations:join": (ACTION, lambda w: DLG(w)),
    "delegations:new": (SECRETARY, None),
    "delegations:edit": (SECRETARY, lambda w: DLG(w)),
    "delegations:status": (SECRETARY, lambda w: DLG(w)),
    "delegations:member_add": (SECRETARY, lambda w: DLG(w)),
    "delegations:member_accept": (SECRETARY, lambda w: {**DLG(w), "member_id": w.delegation_member.pk}),
    "delegations:member_remove": (SECRETARY, lambda w: {**DLG(w), "member_id": w.delegation_member.pk}),
    "delegations:item_new": (SECRETARY, lambda w: DLG(w)),
    "delegations:item_edit": (SECRETARY, lambda w: {**DLG(w), "item_id": w.delegation_item.pk}),
    "delegations:item_delete": (SECRETARY, lambda w: {**DLG(w), "item_id": w.delegation_item.pk}),
    "delegations:outcome_new": (SECRETARY, lambda w: DLG(w)),
    "delegations:report": (OPERATOR, None),
    # ---- end of delegations ----
}

DLG = lambda w: {"public_id": w.delegation.public_id}  # noqa: E731  (delegations)
PRJ = lambda w: {"public_id": w.project_draft.public_id}  # noqa: E731  (projects)
# Form data for POST-only pages whose empty form is not even a request (an unknown transition is 404).
PAGE_BODIES = {"deals:transition": {"action": "cancel"}}
PAGE_BODIES["events:registration_decide"] = {"decision": "approve"}  # events
PAGE_BODIES["delegations:status"] = {"status": "confirmed"}  # delegations

# Valid request bodies, so that a refusal comes from the permission check, not from validation.
BODIES = {
    "POST /api/v1/organizations/{public_id}/invitations": {
        "email": "colleague@example.test",
        "role": "member",
    },
    "PATCH /api/v1/organizations/{public_id}/members/{member_id}": {"role": "owner"},
    "POST /api/v1/organizations/handover-requests/{request_id}/decision": {"approve": False, "note": "No."},
    "POST /api/v1/verification/reviews/{review_id}/decision": {"decision": "reject", "reason": "Unreadable."},
    "POST /api/v1/committees/{slug}/applications/{application_id}/decision": {
        "decision": "reject",
        "note": "No.",
    },
}
# committees: the workspace
BODIES["POST /api/v1/committees/{slug}/plan"] = {"title": "Forum", "due_date": "2026-12-31"}
BODIES["PUT /api/v1/committees/{slug}/plan/{item_id}"] = {"title": "Forum", "due_date": "2026-12-31"}
BODIES["PUT /api/v1/committees/{slug}/targets"] = {"year": 2026, "targets": {"members": "10"}}
BODIES["POST /api/v1/committees/{slug}/news"] = {"language": "en", "title_en": "A", "body_en": "B"}
BODIES["POST /api/v1/committees/{slug}/news/{public_id}/return"] = {"reason": "Shorter."}
BODIES["POST /api/v1/deals/{public_id}/transitions"] = {"action": "cancel", "reason": "Matrix."}
_TERMS = {
    "quantity": "100",
    "unit": "TNE",
    "unit_price": "200",
    "currency": "USD",
    "incoterm": "FCA",
    "incoterm_place": "KZALA",
    "payment_terms": "T/T",
}
BODIES["POST /api/v1/inquiries/{public_id}/quotations"] = {
    **_TERMS,
    "lead_time_days": 10,
    "valid_until": "2099-01-01",
}
BODIES["POST /api/v1/leads/{public_id}/offers"] = {
    **_TERMS,
    "goods": "Wheat",
    "lead_time_days": 10,
    "valid_until": "2099-01-01",
}
BODIES["POST /api/v1/deals/{public_id}/terms"] = {
    **_TERMS,
    "goods": "Wheat",
    "hs_code": "100199",
    "delivery_from": "2099-01-01",
    "delivery_until": "2099-02-01",
}
# --- logistics: delivered cost (costs) ---
BODIES["POST /api/v1/logistics/landed-cost"] = {
    "hs_code": "760110",
    "origin": "KZALA",
    "destination": "CNCKG",
    "incoterm": "CIF",
    "goods_value": "1000",
    "currency": "CNY",
    "quantity": "1",
    "unit": "TNE",
}
# --- end logistics: delivered cost ---
MULTIPART = {"POST /api/v1/organizations/{public_id}/documents"}
# ---- logistics: shipments ----
_RECENT = (timezone.now() - datetime.timedelta(days=1)).replace(microsecond=0).isoformat()
BODIES["POST /api/v1/logistics/shipments"] = {
    "origin": "KZALA",
    "destination": "CNCKG",
    "cargo_description": "Wheat",
}
BODIES["POST /api/v1/logistics/shipments/{public_id}/events"] = {
    "events": [{"classifier": "ACT", "event_type": "DEPA", "event_at": _RECENT, "location_code": "KZALA"}]
}
BODIES["POST /api/v1/logistics/shipments/{public_id}/legs"] = {
    "mode": "rail",
    "from_code": "CNCKG",
    "to_code": "DEDUI",
}
BODIES["POST /api/v1/logistics/shipments/{public_id}/equipment"] = {
    "equipment_type": "40HC",
    "number": "MSCU1234566",
}
SHIP_P = lambda w: {"public_id": w.shipment.public_id}  # noqa: E731
# ---- end of logistics: shipments ----

# ---- events: B2B meetings ----
B2B_EV = lambda w: {"public_id": w.b2b_event.public_id}  # noqa: E731
B2B_REQ = lambda w: {**B2B_EV(w), "request_id": w.b2b_request.public_id}  # noqa: E731
B2B_MEET = lambda w: {**B2B_EV(w), "meeting_id": w.b2b_meeting.public_id}  # noqa: E731
BODIES["POST /api/v1/events/{public_id}/b2b/requests"] = {"recipient": 1, "priority": 3}
BODIES["POST /api/v1/events/{public_id}/b2b/requests/{request_id}/booking"] = {"slot": 1}
BODIES["POST /api/v1/events/{public_id}/b2b/meetings/{meeting_id}/outcome"] = {"outcome": "follow_up"}
BODIES["POST /api/v1/events/{public_id}/b2b/meetings/{meeting_id}/organize"] = {"op": "lock"}
BODIES["POST /api/v1/events/{public_id}/b2b/phase"] = {"phase": "requests_open"}
BODIES["POST /api/v1/events/{public_id}/b2b/slots"] = {
    "starts_at": "2099-01-01T09:00:00+08:00",
    "ends_at": "2099-01-01T10:00:00+08:00",
}
BODIES["POST /api/v1/events/{public_id}/b2b/tables"] = {"count": 1}
BODIES["POST /api/v1/events/{public_id}/b2b/interpreters"] = {"name": "Matrix", "pairs": ["zh-ru"]}
BODIES["PUT /api/v1/events/{public_id}/b2b/availability"] = {"slots": []}
# ---- end of events: B2B meetings ----

# "METHOD /path/template" -> (category, path parameters builder)
ORG_P = lambda w: {"public_id": w.kz_org.public_id}  # noqa: E731
INQ_P = lambda w: {"public_id": w.inquiry.public_id}  # noqa: E731
DEAL_P = lambda w: {"public_id": w.deal.public_id}  # noqa: E731
MEMBER_P = lambda w: {**ORG_P(w), "member_id": w.membership.pk}  # noqa: E731
# ---- logistics: freight ----
FREQ_P = lambda w: {"public_id": w.freight_request.public_id}  # noqa: E731
FINQ_P = lambda w: {"public_id": w.freight_inquiry.public_id}  # noqa: E731
BODIES["POST /api/v1/logistics/freight-inquiries/{public_id}/decline"] = {"reason": "Matrix."}
BODIES["POST /api/v1/logistics/freight-inquiries/{public_id}/quotes"] = {
    "price": "7000",
    "currency": "USD",
    "basis": "container",
    "transit_days_min": 15,
    "transit_days_max": 18,
    "valid_until": (datetime.date.today() + datetime.timedelta(days=10)).isoformat(),
}
# ---- end of logistics: freight ----

API = {
    "GET /api/v1/reference/countries": (PUBLIC, None),
    "GET /api/v1/reference/countries/{iso2}": (PUBLIC, lambda w: {"iso2": "KZ"}),
    "GET /api/v1/reference/currencies": (PUBLIC, None),
    "GET /api/v1/reference/hs": (PUBLIC, None),
    "GET /api/v1/reference/hs/{code}": (PUBLIC, lambda w: {"code": "1001"}),
    "GET /api/v1/reference/incoterms": (PUBLIC, None),
    "GET /api/v1/reference/units": (PUBLIC, None),
    "GET /api/v1/reference/locations": (PUBLIC, None),
    "GET /api/v1/hs": (PUBLIC, None),
    "GET /api/v1/me": (SIGNED_IN, None),
    "GET /api/v1/organizations/mine": (SIGNED_IN, None),
    "GET /api/v1/organizations": (PUBLIC, None),
    "GET /api/v1/organizations/{public_id}": (PUBLIC, ORG_P),
    "PATCH /api/v1/organizations/{public_id}": (ORG, ORG_P),
    "GET /api/v1/organizations/{public_id}/members": (ORG, ORG_P),
    "PATCH /api/v1/organizations/{public_id}/members/{member_id}": (ORG, MEMBER_P),
    "DELETE /api/v1/organizations/{public_id}/members/{member_id}": (ORG, MEMBER_P),
    "GET /api/v1/organizations/{public_id}/invitations": (ORG, ORG_P),
    "POST /api/v1/organizations/{public_id}/invitations": (ORG, ORG_P),
    "DELETE /api/v1/organizations/{public_id}/invitations/{invitation_id}": (
        ORG,
        lambda w: {**ORG_P(w), "invitation_id": w.invitation.public_id},
    ),
    "POST /api/v1/organizations/{public_id}/messages": (ACTION, ORG_P),
    "GET /api/v1/organizations/{public_id}/inbox": (ORG, ORG_P),
    "POST /api/v1/organizations/{public_id}/inbox/read": (ORG, ORG_P),
    "POST /api/v1/organizations/{public_id}/handover-requests": (ACTION, ORG_P),
    "GET /api/v1/organizations/handover-requests": (OPERATOR, None),
    "POST /api/v1/organizations/handover-requests/{request_id}/decision": (
        OPERATOR,
        lambda w: {"request_id": w.handover.public_id},
    ),
    "GET /api/v1/organizations/{public_id}/documents": (ORG, ORG_P),
    "POST /api/v1/organizations/{public_id}/documents": (ORG, ORG_P),
    "GET /api/v1/organizations/{public_id}/documents/{document_id}": (
        ORG,
        lambda w: {**ORG_P(w), "document_id": w.document.public_id},
    ),
    "DELETE /api/v1/organizations/{public_id}/documents/{document_id}": (
        ORG,
        lambda w: {**ORG_P(w), "document_id": w.document.public_id},
    ),
    "POST /api/v1/organizations/{public_id}/verification": (ORG, ORG_P),
    "GET /api/v1/verification/reviews": (OPERATOR, None),
    "POST /api/v1/verification/reviews/{review_id}/decision": (
        OPERATOR,
        lambda w: {"review_id": w.review.public_id},
    ),
    "GET /api/v1/tokens": (SIGNED_IN, None),
    "POST /api/v1/tokens": (SIGNED_IN, None),
    "DELETE /api/v1/tokens/{public_id}": (OWN, lambda w: {"public_id": w.token.public_id}),
    "GET /api/v1/committees": (PUBLIC, None),
    "GET /api/v1/committees/{slug}": (PUBLIC, lambda w: {"slug": w.committee.slug}),
    "POST /api/v1/committees/{slug}/applications": (ACTION, lambda w: {"slug": w.committee.slug}),
    "POST /api/v1/committees/{slug}/applications/{application_id}/decision": (
        SECRETARY,
        lambda w: {"slug": w.committee.slug, "application_id": w.application.pk},
    ),
    # --- committees: the workspace ---
    "GET /api/v1/committees/{slug}/kpis": (PUBLIC, lambda w: {"slug": w.committee.slug}),
    "GET /api/v1/committees/{slug}/plan": (PUBLIC, lambda w: {"slug": w.committee.slug}),
    "POST /api/v1/committees/{slug}/plan": (SECRETARY, lambda w: {"slug": w.committee.slug}),
    "PUT /api/v1/committees/{slug}/plan/{item_id}": (
        SECRETARY,
        lambda w: {"slug": w.committee.slug, "item_id": w.plan_item.pk},
    ),
    "PUT /api/v1/committees/{slug}/targets": (SECRETARY, lambda w: {"slug": w.committee.slug}),
    "GET /api/v1/committees/{slug}/news": (PUBLIC, lambda w: {"slug": w.committee.slug}),
    "POST /api/v1/committees/{slug}/news": (SECRETARY, lambda w: {"slug": w.committee.slug}),
    "GET /api/v1/committees/{slug}/news/{public_id}": (
        PUBLIC,
        lambda w: {"slug": w.committee.slug, "public_id": w.news_post.public_id},
    ),
    "POST /api/v1/committees/{slug}/news/{public_id}/submit": (
        SECRETARY,
        lambda w: {"slug": w.committee.slug, "public_id": w.news_draft.public_id},
    ),
    "POST /api/v1/committees/{slug}/news/{public_id}/publish": (
        OPERATOR,
        lambda w: {"slug": w.committee.slug, "public_id": w.news_submitted.public_id},
    ),
    "POST /api/v1/committees/{slug}/news/{public_id}/return": (
        OPERATOR,
        lambda w: {"slug": w.committee.slug, "public_id": w.news_submitted.public_id},
    ),
    "GET /api/v1/committees/{slug}/documents": (PUBLIC, lambda w: {"slug": w.committee.slug}),
    # --- end committees: the workspace ---
    "GET /api/v1/leads": (PUBLIC, None),
    "POST /api/v1/leads": (SIGNED_IN, None),
    "GET /api/v1/leads/{public_id}": (ORG, lambda w: {"public_id": w.draft.public_id}),
    "PATCH /api/v1/leads/{public_id}": (ORG, lambda w: {"public_id": w.draft.public_id}),
    "POST /api/v1/leads/{public_id}/publish": (ORG, lambda w: {"public_id": w.draft.public_id}),
    "POST /api/v1/leads/{public_id}/pause": (ORG, lambda w: {"public_id": w.offer.public_id}),
    "POST /api/v1/leads/{public_id}/close": (ORG, lambda w: {"public_id": w.offer.public_id}),
    "POST /api/v1/leads/{public_id}/renew": (ORG, lambda w: {"public_id": w.offer.public_id}),
    "POST /api/v1/leads/{public_id}/duplicate": (ORG, lambda w: {"public_id": w.offer.public_id}),
    "GET /api/v1/leads/{public_id}/matches": (ORG, lambda w: {"public_id": w.offer.public_id}),
    "GET /api/v1/matches": (SIGNED_IN, None),
    "POST /api/v1/matches/{match_id}/bookmark": (ORG, lambda w: {"match_id": w.match.pk}),
    "POST /api/v1/matches/{match_id}/unbookmark": (ORG, lambda w: {"match_id": w.match.pk}),
    "POST /api/v1/matches/{match_id}/dismiss": (ORG, lambda w: {"match_id": w.match.pk}),
    "GET /api/v1/saved-searches": (SIGNED_IN, None),
    "POST /api/v1/saved-searches": (SIGNED_IN, None),
    "DELETE /api/v1/saved-searches/{public_id}": (OWN, lambda w: {"public_id": w.saved_search.public_id}),
    "GET /api/v1/notifications": (SIGNED_IN, None),
    "POST /api/v1/notifications/read": (SIGNED_IN, None),
    "GET /api/v1/inquiries": (SIGNED_IN, None),
    "POST /api/v1/inquiries": (SIGNED_IN, None),
    "GET /api/v1/inquiries/{public_id}": (ORG, INQ_P),
    "POST /api/v1/inquiries/{public_id}/decline": (ORG, INQ_P),
    "POST /api/v1/inquiries/{public_id}/close": (ORG, lambda w: {"public_id": w.buy_inquiry.public_id}),
    "POST /api/v1/inquiries/{public_id}/read": (ORG, INQ_P),
    "POST /api/v1/inquiries/{public_id}/operator-access": (ORG, INQ_P),
    "GET /api/v1/inquiries/{public_id}/messages": (ORG, INQ_P),
    "POST /api/v1/inquiries/{public_id}/messages": (ORG, INQ_P),
    "GET /api/v1/attachments/{public_id}": (ORG, lambda w: {"public_id": w.attachment.public_id}),
    "GET /api/v1/inquiries/{public_id}/quotations": (ORG, INQ_P),
    "POST /api/v1/inquiries/{public_id}/quotations": (ORG, INQ_P),
    "GET /api/v1/quotations/{public_id}": (ORG, lambda w: {"public_id": w.quotation.public_id}),
    "POST /api/v1/quotations/{public_id}/accept": (ORG, lambda w: {"public_id": w.buy_quotation.public_id}),
    "GET /api/v1/rfqs/{public_id}/comparison": (ORG, lambda w: {"public_id": w.buy_inquiry.rfq.public_id}),
    "GET /api/v1/deals": (SIGNED_IN, None),
    "GET /api/v1/deals/{public_id}": (ORG, DEAL_P),
    "POST /api/v1/deals/{public_id}/transitions": (ORG, DEAL_P),
    "POST /api/v1/deals/{public_id}/signature": (ORG, DEAL_P),
    "GET /api/v1/signed-contracts/{public_id}": (ORG, lambda w: {"public_id": w.contract.public_id}),
    "POST /api/v1/leads/{public_id}/offers": (SIGNED_IN, lambda w: {"public_id": w.buy_request.public_id}),
    "GET /api/v1/deals/{public_id}/events": (ORG, DEAL_P),
    "GET /api/v1/deals/{public_id}/terms": (ORG, DEAL_P),
    "POST /api/v1/deals/{public_id}/terms": (ORG, DEAL_P),
    "POST /api/v1/deals/{public_id}/terms/{version}/accept": (ORG, lambda w: {**DEAL_P(w), "version": 1}),
    "POST /api/v1/deals/{public_id}/terms/{version}/reject": (ORG, lambda w: {**DEAL_P(w), "version": 1}),
    "GET /api/v1/deals/{public_id}/documents/{doc_type}": (
        ORG,
        lambda w: {**DEAL_P(w), "doc_type": "proforma"},
    ),
    # --- events: B2B schedule and event report (organizers only) ---
    "GET /api/v1/events/{public_id}/schedule": (SECRETARY, lambda w: {"public_id": w.sched_event.public_id}),
    "POST /api/v1/events/{public_id}/schedule": (SECRETARY, lambda w: {"public_id": w.sched_event.public_id}),
    "POST /api/v1/events/{public_id}/schedule/publish": (
        SECRETARY,
        lambda w: {"public_id": w.sched_event.public_id},
    ),
    "GET /api/v1/events/{public_id}/report": (SECRETARY, lambda w: {"public_id": w.sched_event.public_id}),
    # --- end events: B2B schedule and event report ---
    # --- logistics: network (routes) ---
    "GET /api/v1/logistics/routes": (PUBLIC, None),
    # --- end logistics: network ---
    # --- logistics: delivered cost (costs): reads only published schedules and rates ---
    "POST /api/v1/logistics/landed-cost": (PUBLIC, None),
    # --- end logistics: delivered cost ---
    # ---- logistics: freight (lane rates, service offers, freight quote requests) ----
    "GET /api/v1/logistics/lane-rates": (PUBLIC, None),
    "POST /api/v1/logistics/lane-rates": (SIGNED_IN, None),
    "GET /api/v1/logistics/lane-rates/mine": (SIGNED_IN, None),
    "POST /api/v1/logistics/lane-rates/csv": (SIGNED_IN, None),
    "PATCH /api/v1/logistics/lane-rates/{public_id}": (ORG, lambda w: {"public_id": w.lane_rate.public_id}),
    "DELETE /api/v1/logistics/lane-rates/{public_id}": (ORG, lambda w: {"public_id": w.lane_rate.public_id}),
    "GET /api/v1/logistics/service-offers": (PUBLIC, None),
    "POST /api/v1/logistics/service-offers": (SIGNED_IN, None),
    "GET /api/v1/logistics/service-offers/mine": (SIGNED_IN, None),
    "PATCH /api/v1/logistics/service-offers/{public_id}": (
        ORG,
        lambda w: {"public_id": w.service_offer.public_id},
    ),
    "DELETE /api/v1/logistics/service-offers/{public_id}": (
        ORG,
        lambda w: {"public_id": w.service_offer.public_id},
    ),
    "GET /api/v1/logistics/freight-requests": (SIGNED_IN, None),
    "POST /api/v1/logistics/freight-requests": (SIGNED_IN, None),
    "GET /api/v1/logistics/freight-requests/{public_id}": (ORG, FREQ_P),
    "POST /api/v1/logistics/freight-requests/{public_id}/cancel": (ORG, FREQ_P),
    "GET /api/v1/logistics/freight-inquiries": (SIGNED_IN, None),
    "GET /api/v1/logistics/freight-inquiries/{public_id}": (ORG, FINQ_P),
    "POST /api/v1/logistics/freight-inquiries/{public_id}/decline": (ORG, FINQ_P),
    "POST /api/v1/logistics/freight-inquiries/{public_id}/read": (ORG, FINQ_P),
    "GET /api/v1/logistics/freight-inquiries/{public_id}/quotes": (ORG, FINQ_P),
    "POST /api/v1/logistics/freight-inquiries/{public_id}/quotes": (ORG, FINQ_P),
    "GET /api/v1/logistics/freight-inquiries/{public_id}/messages": (ORG, FINQ_P),
    "POST /api/v1/logistics/freight-inquiries/{public_id}/messages": (ORG, FINQ_P),
    "POST /api/v1/logistics/freight-quotes/{public_id}/book": (
        ORG,
        lambda w: {"public_id": w.freight_quote.public_id},
    ),
    "GET /api/v1/logistics/freight-attachments/{public_id}": (
        ORG,
        lambda w: {"public_id": w.freight_attachment.public_id},
    ),
    # ---- end of logistics: freight ----
    # ---- logistics: shipments ----
    "GET /api/v1/logistics/shipments": (SIGNED_IN, None),
    "POST /api/v1/logistics/shipments": (SIGNED_IN, None),
    "GET /api/v1/logistics/shipments/{public_id}": (ORG, SHIP_P),
    "PATCH /api/v1/logistics/shipments/{public_id}": (ORG, SHIP_P),
    "POST /api/v1/logistics/shipments/{public_id}/cancel": (ORG, SHIP_P),
    "POST /api/v1/logistics/shipments/{public_id}/legs": (ORG, SHIP_P),
    "POST /api/v1/logistics/shipments/{public_id}/equipment": (ORG, SHIP_P),
    "POST /api/v1/logistics/shipments/{public_id}/tracking-link": (ORG, SHIP_P),
    "DELETE /api/v1/logistics/shipments/{public_id}/tracking-link": (ORG, SHIP_P),
    "GET /api/v1/logistics/shipments/{public_id}/events": (ORG, SHIP_P),
    "POST /api/v1/logistics/shipments/{public_id}/events": (ORG, SHIP_P),
    # ---- end of logistics: shipments ----
    # ---- events ----
    "GET /api/v1/events": (PUBLIC, None),
    "GET /api/v1/events/{public_id}": (PUBLIC, lambda w: {"public_id": w.event.public_id}),
    "POST /api/v1/events/{public_id}/registrations": (ACTION, lambda w: {"public_id": w.event.public_id}),
    "GET /api/v1/events/registrations/mine": (SIGNED_IN, None),
    "POST /api/v1/events/registrations/{public_id}/cancel": (
        OWN,
        lambda w: {"public_id": w.registration.public_id},
    ),
    "POST /api/v1/events/registrations/{public_id}/approve": (
        SECRETARY,
        lambda w: {"public_id": w.registration.public_id},
    ),
    "POST /api/v1/events/registrations/{public_id}/decline": (
        SECRETARY,
        lambda w: {"public_id": w.registration.public_id},
    ),
    "GET /api/v1/events/{public_id}/registrations": (SECRETARY, lambda w: {"public_id": w.event.public_id}),
    "POST /api/v1/events/{public_id}/check-in": (SECRETARY, lambda w: {"public_id": w.event.public_id}),
    # ---- end of events ----
    # ---- events: B2B meetings (kz_org takes part; the organizer is the committee's secretary) ----
    "GET /api/v1/events/{public_id}/b2b": (ORG, B2B_EV),
    "POST /api/v1/events/{public_id}/b2b": (SECRETARY, B2B_EV),
    "POST /api/v1/events/{public_id}/b2b/phase": (SECRETARY, B2B_EV),
    "POST /api/v1/events/{public_id}/b2b/slots": (SECRETARY, B2B_EV),
    "POST /api/v1/events/{public_id}/b2b/tables": (SECRETARY, B2B_EV),
    "POST /api/v1/events/{public_id}/b2b/interpreters": (SECRETARY, B2B_EV),
    "GET /api/v1/events/{public_id}/b2b/participants": (ORG, B2B_EV),
    "POST /api/v1/events/{public_id}/b2b/participants": (ORG, B2B_EV),
    "GET /api/v1/events/{public_id}/b2b/profile": (ORG, B2B_EV),
    "PATCH /api/v1/events/{public_id}/b2b/profile": (ORG, B2B_EV),
    "PUT /api/v1/events/{public_id}/b2b/availability": (ORG, B2B_EV),
    "GET /api/v1/events/{public_id}/b2b/requests": (ORG, B2B_EV),
    "POST /api/v1/events/{public_id}/b2b/requests": (ORG, B2B_EV),
    "POST /api/v1/events/{public_id}/b2b/requests/{request_id}/accept": (ORG, B2B_REQ),
    "POST /api/v1/events/{public_id}/b2b/requests/{request_id}/decline": (ORG, B2B_REQ),
    "POST /api/v1/events/{public_id}/b2b/requests/{request_id}/withdraw": (ORG, B2B_REQ),
    "GET /api/v1/events/{public_id}/b2b/requests/{request_id}/slots": (ORG, B2B_REQ),
    "POST /api/v1/events/{public_id}/b2b/requests/{request_id}/booking": (ORG, B2B_REQ),
    "GET /api/v1/events/{public_id}/meetings": (ORG, B2B_EV),
    "POST /api/v1/events/{public_id}/b2b/meetings/{meeting_id}/cancel": (ORG, B2B_MEET),
    "POST /api/v1/events/{public_id}/b2b/meetings/{meeting_id}/outcome": (ORG, B2B_MEET),
    "POST /api/v1/events/{public_id}/b2b/meetings/{meeting_id}/organize": (SECRETARY, B2B_MEET),
    # ---- end of events: B2B meetings ----
    # ---- imports: the import promotion zone (public reads) ----
    "GET /api/v1/imports/requirements": (PUBLIC, None),
    "GET /api/v1/imports/showcase": (PUBLIC, None),
    "GET /api/v1/imports/demand": (PUBLIC, None),
    # ---- end of imports ----
    # ---- projects ----
    "GET /api/v1/projects": (PUBLIC, None),
    "POST /api/v1/projects": (SIGNED_IN, None),
    "GET /api/v1/projects/showcase": (PUBLIC, None),
    "GET /api/v1/projects/{public_id}": (ORG, lambda w: PRJ(w)),
    "PATCH /api/v1/projects/{public_id}": (ORG, lambda w: PRJ(w)),
    "POST /api/v1/projects/{public_id}/publish": (ORG, lambda w: PRJ(w)),
    "POST /api/v1/projects/{public_id}/stage": (ORG, lambda w: PRJ(w)),
    "POST /api/v1/projects/{public_id}/interest": (
        ACTION,
        lambda w: {"public_id": w.project_public.public_id},
    ),
    "POST /api/v1/projects/{public_id}/withdraw": (
        ACTION,
        lambda w: {"public_id": w.project_public.public_id},
    ),
    "POST /api/v1/projects/{public_id}/partners/{partner_id}/decision": (
        ORG,
        lambda w: {**PRJ(w), "partner_id": w.project_partner.public_id},
    ),
    "GET /api/v1/projects/{public_id}/milestones": (ORG, lambda w: PRJ(w)),
    "POST /api/v1/projects/{public_id}/milestones": (ORG, lambda w: PRJ(w)),
    "POST /api/v1/projects/{public_id}/milestones/{milestone_id}/status": (
        ORG,
        lambda w: {**PRJ(w), "milestone_id": w.project_milestone.pk},
    ),
    # ---- end of projects ----
    # ---- delegations and visits ----
    "GET /api/v1/delegations": (PUBLIC, None),
    "POST /api/v1/delegations": (SECRETARY, None),
    "GET /api/v1/delegations/report": (OPERATOR, None),
    "GET /api/v1/delegations/{public_id}": (PUBLIC, DLG),
    "PATCH /api/v1/delegations/{public_id}": (SECRETARY, DLG),
    "POST /api/v1/delegations/{public_id}/status": (SECRETARY, DLG),
    "POST /api/v1/delegations/{public_id}/members": (SECRETARY, DLG),
    "POST /api/v1/delegations/{public_id}/members/{member_id}/accept": (
        SECRETARY,
        lambda w: {**DLG(w), "member_id": w.delegation_member.pk},
    ),
    "DELETE /api/v1/delegations/{public_id}/members/{member_id}": (
        SECRETARY,
        lambda w: {**DLG(w), "member_id": w.delegation_member.pk},
    ),
    "POST /api/v1/delegations/{public_id}/join": (ACTION, DLG),
    "POST /api/v1/delegations/{public_id}/programme": (SECRETARY, DLG),
    "PUT /api/v1/delegations/{public_id}/programme/{item_id}": (
        SECRETARY,
        lambda w: {**DLG(w), "item_id": w.delegation_item.pk},
    ),
    "DELETE /api/v1/delegations/{public_id}/programme/{item_id}": (
        SECRETARY,
        lambda w: {**DLG(w), "item_id": w.delegation_item.pk},
    ),
    "POST /api/v1/delegations/{public_id}/outcomes": (SECRETARY, DLG),
    # ---- end of delegations ----
}
# ---- events ----
BODIES["POST /api/v1/events/{public_id}/registrations"] = {"attendee_type": "media"}
BODIES["POST /api/v1/events/{public_id}/check-in"] = {"code": "no-such-badge"}
# ---- end of events ----
# ---- projects ----
BODIES["POST /api/v1/projects"] = {"field": "education", "title_ru": "Обмен"}
BODIES["PATCH /api/v1/projects/{public_id}"] = {"title_en": "Matrix"}
BODIES["POST /api/v1/projects/{public_id}/stage"] = {"stage": "stopped", "reason": "Matrix."}
BODIES["POST /api/v1/projects/{public_id}/partners/{partner_id}/decision"] = {"decision": "decline"}
BODIES["POST /api/v1/projects/{public_id}/milestones"] = {"title": "Matrix", "language": "en"}
BODIES["POST /api/v1/projects/{public_id}/milestones/{milestone_id}/status"] = {"status": "done"}
# ---- end of projects ----
# ---- delegations ----
_DLG_ITEM = {"day": (datetime.date.today() + datetime.timedelta(days=15)).isoformat(), "title_en": "Visit"}
BODIES["POST /api/v1/delegations"] = {
    "direction": "inbound",
    "country": "UZ",
    "starts_on": "2099-01-01",
    "ends_on": "2099-01-03",
    "title_en": "Matrix delegation",
}
BODIES["PATCH /api/v1/delegations/{public_id}"] = {"head_name": "Matrix"}
BODIES["POST /api/v1/delegations/{public_id}/status"] = {"status": "confirmed"}
BODIES["POST /api/v1/delegations/{public_id}/members"] = {"organization": str(uuid.UUID(int=1))}
BODIES["POST /api/v1/delegations/{public_id}/programme"] = _DLG_ITEM
BODIES["PUT /api/v1/delegations/{public_id}/programme/{item_id}"] = _DLG_ITEM
BODIES["POST /api/v1/delegations/{public_id}/outcomes"] = {"kind": "mou"}
# ---- end of delegations ----
# Query strings of GET endpoints that answer 422 without their required parameters.
API_QUERIES = {"GET /api/v1/logistics/routes": "?origin=CNCKG&destination=DEDUI"}
API_QUERIES["GET /api/v1/imports/requirements"] = "?hs=1001"  # imports


def _import_requirement_pk():
    """A requirement row of the starter set (loaded with the reference data): imports."""
    from scotemp.imports.models import ImportRequirement

    return ImportRequirement.objects.order_by("pk").values_list("pk", flat=True).first()


SKIPPED_PREFIXES = ("admin/", "api/", "accounts/")  # Django admin, the API (checked below), allauth


def page_routes():
    def walk(resolver, prefix="", namespace=None):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                yield from walk(pattern, prefix + str(pattern.pattern), full)
            else:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield prefix + str(pattern.pattern), name

    for route, name in walk(get_resolver()):
        if route.startswith(SKIPPED_PREFIXES) or route in {"favicon.ico"} or name is None:
            continue
        yield name


def api_routes():
    from config.api import api

    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            yield f"{method.upper()} {path}"


def test_every_route_has_a_rule():
    pages = set(page_routes())
    apis = set(api_routes())
    assert pages - set(PAGES) == set(), "pages without an access rule: add them to PAGES"
    assert apis - set(API) == set(), "API endpoints without an access rule: add them to API"
    assert set(PAGES) - pages == set(), "rules for pages that no longer exist"
    assert set(API) - apis == set(), "rules for API endpoints that no longer exist"


class World:
    pass


@pytest.fixture
def world(db, aigerim, kz_org, li_wei, cn_org, outsider, operator):
    from scotemp.accounts import actions as account_actions
    from scotemp.accounts.models import Invitation, Membership
    from scotemp.committees.models import Committee, CommitteeMembership
    from scotemp.directory.models import HandoverRequest, InboxMessage
    from scotemp.notifications.models import Notification
    from scotemp.reference.models import Country
    from scotemp.trade.models import Match, SavedSearch
    from scotemp.trade.tests.lead_data import make_lead, wheat_offer, wheat_request
    from scotemp.verification.models import VerificationDocument, VerificationReview

    w = World()
    w.kz_org, w.aigerim, w.li_wei, w.outsider, w.operator = kz_org, aigerim, li_wei, outsider, operator
    w.membership = Membership.objects.get(user=aigerim, organization=kz_org)
    w.invitation = Invitation.objects.create(
        organization=kz_org,
        email="new@example.test",
        token_hash=uuid.uuid4().hex,
        expires_at=timezone.now() + datetime.timedelta(days=3),
        invited_by=aigerim,
    )
    w.token, _raw = account_actions.create_api_token(aigerim, kz_org.public_id, "script", scope="write")
    w.secretary = UserFactory(email="secretary@example.test")
    w.committee = Committee.objects.order_by("position").first()
    w.committee.secretary = w.secretary
    w.committee.save()
    w.application = CommitteeMembership.objects.create(
        committee=w.committee, organization=kz_org, applied_by=aigerim
    )
    _committees_world(w, kz_org)  # committees: the workspace
    w.handover = HandoverRequest.objects.create(organization=kz_org, requested_by=li_wei, message="mine")
    w.document = VerificationDocument(
        organization=kz_org,
        kind="registration",
        original_name="reg.pdf",
        content_type="application/pdf",
        extension="pdf",
        size=20,
        sha256="0" * 64,
        uploaded_by=aigerim,
    )
    w.document.file.save("reg.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    w.document.save()
    w.review = VerificationReview.objects.create(organization=kz_org, submitted_by=aigerim)
    InboxMessage.objects.create(organization=kz_org, sender=li_wei, subject="Hello", body="Wheat?")
    w.draft = make_lead(aigerim, kz_org, wheat_offer(), publish=False)
    w.offer = make_lead(aigerim, kz_org, wheat_offer(), publish=True)
    # The counterpart of the match is a third organization, so Li Wei stays a true stranger.
    third = OrganizationFactory(name="Minsk Buyer", country=Country.objects.get(iso2="BY"))
    buyer = MembershipFactory(organization=third, role="owner").user
    request_lead = make_lead(buyer, third, wheat_request(), publish=True)
    w.buy_request = request_lead
    w.match = Match.objects.filter(sell_lead=w.offer, buy_lead=request_lead).first() or Match.objects.create(
        sell_lead=w.offer, buy_lead=request_lead, score=50.0, parts=[]
    )
    w.saved_search = SavedSearch.objects.create(
        user=aigerim, organization=kz_org, name="wheat", params={"q": "wheat"}
    )
    w.notification = Notification.objects.create(user=aigerim, kind="test", params={}, dedupe_key="matrix")
    _deals_world(w, aigerim, kz_org)
    _freight_world(w, aigerim, kz_org)  # logistics: freight
    _shipments_world(w, aigerim, kz_org)  # logistics: shipments
    _events_world(w, aigerim)  # events
    _b2b_world(w, aigerim, kz_org)  # events: B2B meetings
    _schedule_world(w)  # events: B2B schedule
    _projects_world(w, aigerim, kz_org)  # projects
    return w


def _projects_world(w, aigerim, kz_org):
    """A draft project of kz_org with a pending request of a third organization, a milestone and a
    partners-only document; a published project of another organization looking for partners."""
    from scotemp.projects import actions as project_actions
    from scotemp.projects.models import ProjectPartner
    from scotemp.reference.models import Country

    values = {"title_ru": "Холодовая цепь", "field": "agriculture", "committee": None}
    w.project_draft = project_actions.create_project(aigerim, kz_org, values)
    third = OrganizationFactory(name="Samarkand Fruit", country=Country.objects.get(iso2="UZ"))
    third_owner = MembershipFactory(organization=third, role="owner").user
    w.project_partner = ProjectPartner.objects.create(project=w.project_draft, organization=third)
    w.project_milestone = project_actions.add_milestone(
        aigerim, w.project_draft.public_id, title="Первый рейс", language="ru"
    )
    pdf = SimpleUploadedFile("p.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf")
    w.project_document = project_actions.upload_document(
        aigerim, w.project_draft.public_id, title="Меморандум", visibility="partners", uploaded=pdf
    )
    w.project_public = project_actions.create_project(third_owner, third, {**values, "title_ru": "Сады"})
    project_actions.publish_project(third_owner, w.project_public.public_id)
    _delegations_world(w)  # delegations
    return w


def _delegations_world(w):
    """A published planned delegation of w.committee (its secretary organizes it) with a programme
    item and a request to join from a third organization (neither Aigerim's nor Li Wei's)."""
    from scotemp.delegations.tests.data import add_item, add_member, make_delegation

    w.delegation = make_delegation(committee=w.committee)
    w.delegation_item = add_item(w.delegation)
    w.delegation_member = add_member(
        w.delegation, OrganizationFactory(name="Samarqand Textile"), status="requested"
    )


def _events_world(w, aigerim):
    """A published event of the secretary's committee with a programme session; Aigerim registered
    (confirmed, so her badge exists)."""
    from scotemp.events.actions.registrations import register
    from scotemp.events.tests.event_data import add_session, make_event

    w.event = make_event(committee=w.committee)
    w.event_session = add_session(w.event)
    w.registration = register(aigerim, w.event, "seller")


# --- committees: the workspace ---
def _committees_world(w, kz_org):
    """w.committee's workspace (an officer, a plan item, news published, in draft and submitted, a
    document) and a second committee kz_org is an approved member of, with a members-only document."""
    from scotemp.committees import actions as committee_actions
    from scotemp.committees.models import Committee, CommitteeMembership, CommitteeOfficer, WorkPlanItem

    slug = w.committee.slug
    w.officer = CommitteeOfficer.objects.create(committee=w.committee, user=UserFactory(), role="deputy")
    w.plan_item = WorkPlanItem.objects.create(
        committee=w.committee, year=timezone.localdate().year, title="Forum", due_date=timezone.localdate()
    )
    news = {"language": "en", "title_en": "Matrix", "body_en": "News."}
    w.news_draft = committee_actions.create_post(w.secretary, slug, news)
    w.news_submitted = committee_actions.submit_post(
        w.secretary, slug, committee_actions.create_post(w.secretary, slug, news).public_id
    )
    w.news_post = committee_actions.create_post(w.secretary, slug, news)
    committee_actions.submit_post(w.secretary, slug, w.news_post.public_id)
    w.news_post = committee_actions.publish_post(w.operator, slug, w.news_post.public_id)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
    w.secretary_document = committee_actions.upload_document(
        w.secretary,
        slug,
        kind="minutes",
        title="Minutes",
        visibility="members",
        uploaded=SimpleUploadedFile("m.pdf", pdf, content_type="application/pdf"),
    )
    w.member_committee = Committee.objects.exclude(pk=w.committee.pk).order_by("position").first()
    CommitteeMembership.objects.create(committee=w.member_committee, organization=kz_org, status="approved")
    w.committee_document = committee_actions.upload_document(
        w.operator,
        w.member_committee.slug,
        kind="report",
        title="Report",
        visibility="members",
        uploaded=SimpleUploadedFile("r.pdf", pdf, content_type="application/pdf"),
    )


# --- end committees: the workspace ---


def _deals_world(w, aigerim, kz_org):
    """Two negotiations of kz_org with a fourth organization (so Li Wei stays a stranger): one where
    kz_org sells (quoted, a message with a PDF attached, accepted, the deal agreed so its documents
    exist) and one where kz_org buys (quoted, open for closing or accepting)."""
    from scotemp.deals import actions as deal_actions
    from scotemp.deals.tests.helpers import open_deal, quoted_inquiry, walk
    from scotemp.reference.models import Country

    counterpart = OrganizationFactory(name="Tashkent Mill", country=Country.objects.get(iso2="UZ"))
    partner = MembershipFactory(organization=counterpart, role="owner").user
    deal = open_deal(partner, counterpart, aigerim, kz_org)
    w.inquiry, w.quotation = deal.inquiry, deal.quotation
    pdf = SimpleUploadedFile(
        "spec.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf"
    )
    message = deal_actions.post_message(aigerim, w.inquiry, "Specification attached", [pdf])
    w.attachment = message.attachments.get()
    w.deal = walk(deal, partner, aigerim, "agreed")
    signed = SimpleUploadedFile("contract.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf")
    w.deal = deal_actions.transition_deal(aigerim, w.deal, "sign", contract=signed)  # the seller signed
    w.contract = w.deal.confirmations.get(step="sign")
    w.buy_inquiry, w.buy_quotation = quoted_inquiry(aigerim, kz_org, partner, counterpart)


# ---- logistics: freight ----
def _freight_world(w, aigerim, kz_org):
    """kz_org as a forwarder (a lane rate, a service offer, an inquiry from another shipper with its
    quote and a message with a PDF) and as a shipper (a request to another forwarder, quoted)."""
    from scotemp.logistics.actions import freight as freight_actions
    from scotemp.logistics.tests.freight_helpers import (
        lane_values,
        make_provider,
        make_provider_of,
        quote_values,
        send_request,
    )

    make_provider_of(kz_org)
    w.lane_rate = freight_actions.publish_lane_rate(aigerim, kz_org, lane_values())
    w.service_offer = freight_actions.publish_service_offer(
        aigerim,
        kz_org,
        {
            "kind": "forwarding",
            "title": "Ж/д перевозки",
            "description": "Контейнеры по Казахстану",
            "language": "ru",
        },
    )
    shipper = OrganizationFactory(name="Urumqi Shipper")
    shipper_user = MembershipFactory(organization=shipper, role="owner").user
    w.freight_inquiry = send_request(shipper_user, shipper, kz_org).inquiries.get()
    freight_actions.send_freight_quote(aigerim, w.freight_inquiry, quote_values())
    pdf = SimpleUploadedFile(
        "rate.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf"
    )
    message = freight_actions.post_freight_message(aigerim, w.freight_inquiry, "Rate sheet", [pdf])
    w.freight_attachment = message.attachments.get()
    other, other_user = make_provider("Khorgos Forwarder")
    w.freight_request = send_request(aigerim, kz_org, other)
    w.freight_quote = freight_actions.send_freight_quote(
        other_user, w.freight_request.inquiries.get(), quote_values()
    )


# ---- end of logistics: freight ----
def _shipments_world(w, aigerim, kz_org):
    """A shipment of kz_org's to a third organization, with a document (logistics: shipments)."""
    from scotemp.logistics.actions import shipments as ship_actions
    from scotemp.reference.models import Country

    consignee = OrganizationFactory(name="Bishkek Mill", country=Country.objects.get(iso2="KG"))
    w.shipment = ship_actions.create_shipment(
        aigerim,
        shipper=kz_org,
        consignee=consignee,
        origin="KZALA",
        destination="CNCKG",
        cargo_description="Wheat",
        equipment=[{"equipment_type": "40GP", "number": "CSQU3054383"}],
    )
    pdf = SimpleUploadedFile("invoice.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf")
    w.shipment_document = ship_actions.add_document(aigerim, w.shipment, kind="invoice", file=pdf)


def _b2b_world(w, aigerim, kz_org):
    """A B2B session of the committee's forum: kz_org and a Bishkek exporter take part (Li Wei does
    not), the Bishkek exporter's request to kz_org is accepted and booked (events: B2B meetings)."""
    from scotemp.events.tests.b2b_data import accepted, join, make_event, make_participant, make_session

    w.b2b_event = make_event(w.committee, title_ru="Форум ШОС", title_zh_hans="上合组织论坛")
    session = make_session(w.secretary, w.b2b_event)
    me = join(aigerim, kz_org, session, ("ru",), offer_hs=["100199"])
    other_user, w.b2b_other = make_participant(
        session, name="ОсОО «Бишкек Экспорт»", country="KG", languages=("ru",)
    )
    w.b2b_request = accepted(session, other_user, w.b2b_other, aigerim, me)
    from scotemp.events.actions import b2b as b2b_actions

    w.b2b_meeting = b2b_actions.book_meeting(aigerim, w.b2b_request, session.slots.first())


def _schedule_world(w):
    """A B2B session of an event of w.committee (whose secretary organizes it) with one scheduled
    meeting between two organizations that are neither Aigerim's nor Li Wei's."""
    from scotemp.events.actions.scheduling import compute_schedule
    from scotemp.events.models import Meeting
    from scotemp.events.tests.schedule_data import accepted, make_event, make_participant, make_session

    w.sched_event = make_event(committee=w.committee, title="Matrix B2B")
    session = make_session(w.sched_event, slots=2, tables=1)
    accepted(make_participant(session), make_participant(session))
    compute_schedule(session, w.operator, time_limit=2)
    w.sched_meeting = Meeting.objects.get(session=session)


def _pages(category):
    return [name for name, (cat, _kw) in PAGES.items() if cat == category]


def _apis(category):
    return [key for key, (cat, _kw) in API.items() if cat == category]


def page_url(name, world):
    builder = PAGES[name][1]
    return reverse(name, kwargs=builder(world) if builder else None)


def api_call(client, key, world, user=None, headers=None):
    method, template = key.split(" ", 1)
    builder = API[key][1]
    path = template.format(**builder(world)) if builder else template
    path += API_QUERIES.get(key, "")
    headers = headers or {}
    client.logout()
    if user is not None:
        client.force_login(user)
    if method == "GET":
        return client.get(path, **headers)
    if key in MULTIPART:
        upload = SimpleUploadedFile("reg.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
        return client.post(path, {"kind": "registration", "file": upload}, **headers)
    body = json.dumps(BODIES.get(key, {}))
    return getattr(client, method.lower())(path, data=body, content_type="application/json", **headers)


def page_call(client, name, world, user=None, method=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    url = page_url(name, world)
    method = method or "get"
    response = getattr(client, method)(url)
    if response.status_code == 405 and method == "get":
        response = client.post(url, PAGE_BODIES.get(name, {}))
    return response


def anonymous_refused(response, api=False):
    if api:
        return response.status_code in {401, 404}
    if response.status_code == 302:
        return "/accounts/login/" in response["Location"]
    return response.status_code in {403, 404}


@pytest.mark.parametrize("name", _pages(PUBLIC))
def test_public_pages(client, world, name):
    assert page_call(client, name, world).status_code == 200


@pytest.mark.parametrize("name", _pages(SIGNED_IN))
def test_signed_in_pages(client, world, name):
    assert anonymous_refused(page_call(client, name, world))
    assert page_call(client, name, world, world.outsider).status_code < 500


@pytest.mark.parametrize("name", _pages(ORG) + _pages(OWN))
def test_private_pages(client, world, name):
    assert anonymous_refused(page_call(client, name, world)), "anonymous"
    for stranger in (world.outsider, world.li_wei):
        response = page_call(client, name, world, stranger)
        assert response.status_code == 404, f"{stranger.email} got {response.status_code} on {name}"
    # The owner is let through: 200 on a page, or a form's own answer (redirect, 400 for an empty form).
    owner = page_call(client, name, world, world.aigerim, method="get")
    assert owner.status_code not in {401, 403, 404} and owner.status_code < 500, (
        f"owner got {owner.status_code}"
    )
    if owner.status_code == 302:
        assert "/accounts/login/" not in owner["Location"]


@pytest.mark.parametrize("name", _pages(OPERATOR))
def test_operator_pages(client, world, name):
    assert anonymous_refused(page_call(client, name, world))
    for user in (world.outsider, world.li_wei, world.aigerim):
        assert page_call(client, name, world, user).status_code in {403, 404}
    assert page_call(client, name, world, world.operator).status_code not in {401, 403, 404}


@pytest.mark.parametrize("name", _pages(SECRETARY))
def test_secretary_pages(client, world, name):
    assert anonymous_refused(page_call(client, name, world))
    for user in (world.outsider, world.li_wei, world.aigerim):
        assert page_call(client, name, world, user).status_code in {403, 404}
    assert page_call(client, name, world, world.secretary).status_code not in {401, 403, 404}


@pytest.mark.parametrize("name", _pages(ACTION))
def test_action_pages(client, world, name):
    assert anonymous_refused(page_call(client, name, world, method="post"))
    assert page_call(client, name, world, world.outsider, method="post").status_code < 500


@pytest.mark.parametrize("key", _apis(PUBLIC))
def test_public_api(client, world, key):
    assert api_call(client, key, world).status_code == 200


@pytest.mark.parametrize("key", _apis(SIGNED_IN))
def test_signed_in_api(client, world, key):
    assert api_call(client, key, world).status_code == 401
    assert api_call(client, key, world, world.outsider).status_code < 500


@pytest.mark.parametrize("key", _apis(ORG) + _apis(OWN))
def test_private_api(client, world, key):
    assert anonymous_refused(api_call(client, key, world), api=True), "anonymous"
    for stranger in (world.outsider, world.li_wei):
        response = api_call(client, key, world, stranger)
        assert response.status_code == 404, f"{stranger.email} got {response.status_code} on {key}"
    if key.startswith("GET "):
        assert api_call(client, key, world, world.aigerim).status_code == 200


@pytest.mark.parametrize("key", _apis(OPERATOR) + _apis(SECRETARY))
def test_operator_api(client, world, key):
    assert anonymous_refused(api_call(client, key, world), api=True)
    for user in (world.outsider, world.li_wei, world.aigerim):
        assert api_call(client, key, world, user).status_code in {403, 404}
    if key.startswith("GET "):
        assert api_call(client, key, world, world.operator).status_code == 200


@pytest.mark.parametrize("key", _apis(ACTION))
def test_action_api(client, world, key):
    assert api_call(client, key, world).status_code in {401, 404}
    assert api_call(client, key, world, world.outsider).status_code < 500


# --- API tokens: a token acts for its one organization, and a read-only token only reads ---------------
# Representative endpoints of each app, called by kz_org's owner through a token instead of her session:
# a read-only token for kz_org reads them (GET 200) and is refused every change (403, translated); a
# write token for another organization of hers gets 404 on all of them, exactly as a stranger does.
TOKEN_SCOPED = [
    "GET /api/v1/leads/{public_id}",
    "PATCH /api/v1/leads/{public_id}",
    "POST /api/v1/leads/{public_id}/pause",
    "GET /api/v1/leads/{public_id}/matches",
    "POST /api/v1/matches/{match_id}/bookmark",
    "GET /api/v1/inquiries/{public_id}",
    "GET /api/v1/inquiries/{public_id}/messages",
    "POST /api/v1/inquiries/{public_id}/messages",
    "POST /api/v1/inquiries/{public_id}/quotations",
    "GET /api/v1/deals/{public_id}",
    "GET /api/v1/deals/{public_id}/events",
    "POST /api/v1/deals/{public_id}/transitions",
    "GET /api/v1/deals/{public_id}/terms",
    "POST /api/v1/deals/{public_id}/terms",
    "GET /api/v1/attachments/{public_id}",
    "GET /api/v1/rfqs/{public_id}/comparison",
    "POST /api/v1/inquiries/{public_id}/close",
    "POST /api/v1/quotations/{public_id}/accept",
    "PATCH /api/v1/organizations/{public_id}",
    "GET /api/v1/organizations/{public_id}/members",
    "DELETE /api/v1/organizations/{public_id}/members/{member_id}",
    "GET /api/v1/organizations/{public_id}/invitations",
    "POST /api/v1/organizations/{public_id}/invitations",
    "GET /api/v1/organizations/{public_id}/inbox",
    "GET /api/v1/organizations/{public_id}/documents",
    "GET /api/v1/organizations/{public_id}/documents/{document_id}",
    "POST /api/v1/organizations/{public_id}/documents",
    "DELETE /api/v1/organizations/{public_id}/documents/{document_id}",
    "DELETE /api/v1/tokens/{public_id}",
    # logistics: shipments
    "GET /api/v1/logistics/shipments/{public_id}",
    "GET /api/v1/logistics/shipments/{public_id}/events",
    "POST /api/v1/logistics/shipments/{public_id}/events",
]
# ---- logistics: freight ----
TOKEN_SCOPED += [
    "PATCH /api/v1/logistics/lane-rates/{public_id}",
    "GET /api/v1/logistics/freight-requests/{public_id}",
    "GET /api/v1/logistics/freight-inquiries/{public_id}",
    "POST /api/v1/logistics/freight-inquiries/{public_id}/quotes",
    "GET /api/v1/logistics/freight-attachments/{public_id}",
]
# ---- end of logistics: freight ----
# ---- events: B2B meetings ----
TOKEN_SCOPED += [
    "GET /api/v1/events/{public_id}/b2b",
    "GET /api/v1/events/{public_id}/b2b/requests",
    "POST /api/v1/events/{public_id}/b2b/requests",
    "GET /api/v1/events/{public_id}/meetings",
    "POST /api/v1/events/{public_id}/b2b/requests/{request_id}/booking",
]
# ---- end of events: B2B meetings ----
READ_ONLY = "This API token may only read. Create a token with write access."


def bearer(raw: str, language: str = "en") -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": language}


@pytest.fixture
def token_world(world):
    """The world, plus a read-only token of Aigerim's for kz_org and a write token of hers for a second
    organization she also owns."""
    from scotemp.accounts import actions as account_actions

    kz_id = world.kz_org.public_id
    _token, world.read_token = account_actions.create_api_token(world.aigerim, kz_id, "reader")
    other = OrganizationFactory(name="Astyk Logistics", country=world.kz_org.country)
    MembershipFactory(user=world.aigerim, organization=other, role="owner")
    _token, world.other_org_token = account_actions.create_api_token(
        world.aigerim, other.public_id, "other", scope="write"
    )
    return world


def test_token_rows_name_existing_endpoints():
    assert set(TOKEN_SCOPED) <= set(API)


@pytest.mark.parametrize("key", TOKEN_SCOPED)
def test_read_only_token(client, token_world, key):
    from django.utils import translation

    response = api_call(client, key, token_world, headers=bearer(token_world.read_token, "ru"))
    if key.startswith("GET "):
        assert response.status_code == 200, f"{key}: {response.status_code}"
    else:
        assert response.status_code == 403, f"{key}: {response.status_code}"
        with translation.override("ru"):
            assert response.json()["detail"] == translation.gettext(READ_ONLY)


@pytest.mark.parametrize("key", TOKEN_SCOPED)
def test_token_for_another_organization(client, token_world, key):
    response = api_call(client, key, token_world, headers=bearer(token_world.other_org_token))
    assert response.status_code == 404, f"{key}: {response.status_code}"


@pytest.mark.parametrize(
    "path", ["/api/v1/deals", "/api/v1/inquiries", "/api/v1/organizations/mine", "/api/v1/tokens"]
)
def test_token_for_another_organization_lists_nothing_of_this_one(client, token_world, path):
    w = token_world
    response = client.get(path, **bearer(w.other_org_token))
    assert response.status_code == 200
    body = response.content.decode()
    for row in (w.kz_org, w.deal, w.inquiry, w.buy_inquiry, w.token):
        assert str(row.public_id) not in body, f"{path} lists {row!r}"
