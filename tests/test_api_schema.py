"""The OpenAPI schema tells the truth: a bounded, seeded schemathesis run against the app in-process.

Every check schemathesis has (no 5xx, documented status codes, content types, headers and response
schemas, negative data rejected, positive data accepted, deleted resources gone, created resources
available, authentication not ignored, ...) runs over every operation of ``/api/v1/openapi.json`` in
the examples, coverage, fuzzing and stateful phases, as a member of an organization with leads,
requests sent and received, quotations, a deal, notifications and a saved search (API token), and
over the public operations as an anonymous visitor.

The run is derandomized and bounded (``MAX_EXAMPLES`` per operation and phase, ``MAX_STEPS`` per
stateful scenario), so it sends the same few thousand requests each time. The number of cases and
every distinct failure (with one request and response that shows it) are printed and written to
``<VAR_DIR>/schemathesis/summary.json``.
"""

import json
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

SCHEMA_PATH = "/api/v1/openapi.json"
SEED = 2026
MAX_EXAMPLES = 10
MAX_STEPS = 10

# Operations whose valid-looking input may still be refused (422) by a rule the schema cannot state:
# a code that must exist in the reference tables (currency, HS, unit, UN/LOCODE, Incoterm for that
# place, country), a date relative to today, a file whose bytes must be PDF/JPEG/PNG, or a rule across
# fields or against the caller. Every other operation must accept whatever its schema allows.
BUSINESS_RULE_REFUSALS = {
    # a price range needs its currency (the range is compared in that currency)
    "GET /api/v1/leads": "price range without currency",
    # the country filter must be an ISO 3166 code of the reference table
    "GET /api/v1/organizations": "country not in the reference table",
    # codes in the reference tables (HS, unit, currency, UN/LOCODE, Incoterm for the place, origin
    # country, certifications, payment terms), validity and delivery dates today or later, a price or
    # "on request"
    "POST /api/v1/leads": "reference codes, dates from today, price or on request",
    "PATCH /api/v1/leads/{public_id}": "reference codes, dates from today, price or on request",
    # the new validity date is today or later
    "POST /api/v1/leads/{public_id}/renew": "validity date today or later",
    # the sellers must exist, the codes must be in the reference tables, the dates today or later, a
    # target price needs a currency
    "POST /api/v1/inquiries": "sellers and reference codes exist, dates from today",
    # reference codes, validity today or later (at most 90 days), minimum order within the quantity
    "POST /api/v1/inquiries/{public_id}/quotations": "reference codes, validity window, minimum order",
    # the same for an offer on a buy request, which must not be the caller's own
    "POST /api/v1/leads/{public_id}/offers": "reference codes, validity window, not one's own request",
    # reference codes, delivery window from today on and in order
    "POST /api/v1/deals/{public_id}/terms": "reference codes, delivery window",
    # the signed contract's bytes must be a PDF, whatever its declared type
    "POST /api/v1/deals/{public_id}/signature": "contract content is PDF",
    # an attachment's bytes must be a PDF, JPEG or PNG, whatever its declared type
    "POST /api/v1/inquiries/{public_id}/messages": "attachment content is PDF, JPEG or PNG",
    "POST /api/v1/organizations/{public_id}/documents": "document content is PDF, JPEG or PNG",
    # at least one filter with a value, and the filters follow GET /leads (a price range needs its
    # currency, codes of the reference tables)
    "POST /api/v1/saved-searches": "at least one filter with a value, as in GET /leads",
    # nobody writes to the inbox of an organization they act for
    "POST /api/v1/organizations/{public_id}/messages": "not one's own organization",
    # --- logistics: network ---
    # the places must be UN/LOCODEs of the reference data that the corridor network joins, the HS
    # code must exist, a weight or volume must be a shipment's (no schema can say which pairs have a route)
    "GET /api/v1/logistics/routes": "known places joined by the network, HS code exists",
    # --- end logistics: network ---
    # ---- logistics: freight ----
    # a provider activity in the caller's profile, UN/LOCODEs and currencies of the reference tables,
    # validity from today on and in order, places that differ
    "POST /api/v1/logistics/lane-rates": "provider only, reference codes, validity from today",
    "PATCH /api/v1/logistics/lane-rates/{public_id}": "reference codes, validity from today",
    "POST /api/v1/logistics/lane-rates/csv": "a CSV file with valid rows",
    "POST /api/v1/logistics/service-offers": "provider only, countries and places of the reference tables",
    "PATCH /api/v1/logistics/service-offers/{public_id}": "countries and places of the reference tables",
    # providers that exist and are providers (or some serving the lane), codes of the reference
    # tables, a ready date from today on
    "POST /api/v1/logistics/freight-requests": "providers exist, reference codes, ready date from today",
    "POST /api/v1/logistics/freight-inquiries/{public_id}/quotes": "the provider's turn, validity from today",
    "POST /api/v1/logistics/freight-inquiries/{public_id}/messages": "attachment content is PDF, JPEG or PNG",
    # ---- end of logistics: freight ----
    # --- logistics: shipments ---
    # places of the reference data that differ, parties that exist (the caller a member of the shipper
    # or of its forwarder), an HS code that exists, a plan in order, ISO 6346 container numbers listed once
    "POST /api/v1/logistics/shipments": "reference places, existing parties, HS code exists, plan in order",
    "PATCH /api/v1/logistics/shipments/{public_id}": "an open shipment, a plan in order",
    "POST /api/v1/logistics/shipments/{public_id}/legs": "an open shipment, known places, a plan in order",
    "POST /api/v1/logistics/shipments/{public_id}/equipment": "an open shipment, ISO 6346, listed once",
    # events: known codes, a time with its zone within the accepted window, known containers, an
    # arrival after its departure
    "POST /api/v1/logistics/shipments/{public_id}/events": "known codes, times in order and in range",
    # --- end logistics: shipments ---
    # logistics, delivered cost: reference codes (HS, UN/LOCODE, Incoterm, currency, unit), an exchange
    # rate for each currency, a quantity that converts into a specific duty's unit
    "POST /api/v1/logistics/landed-cost": "reference codes, exchange rates, units of a specific duty",
    # ---- events ----
    # registration open (published, not started, before its closing time), a company attendee type
    # needs an organization, a time zone of the IANA database
    "POST /api/v1/events/{public_id}/registrations": "registration open, organization, IANA time zone",
    # a badge code of this event's confirmed registrations
    "POST /api/v1/events/{public_id}/check-in": "a badge of this event, confirmed",
    # ---- end of events ----
    # ---- events: B2B meetings ----
    # the session's phase (profiles, requests open, booking before the schedule), its caps, a
    # cancelled event, slots and participants of this session, codes of the reference tables (HS,
    # countries, languages, IANA time zones), the times within the event
    "POST /api/v1/events/{public_id}/b2b": "slot length and caps in range, one session per event",
    "POST /api/v1/events/{public_id}/b2b/phase": "slots exist before requests open, event not cancelled",
    "POST /api/v1/events/{public_id}/b2b/slots": "times with a zone, within the event, no overlap, 15-30 min",
    "POST /api/v1/events/{public_id}/b2b/tables": "a number or labels, unique labels, at most 200",
    "POST /api/v1/events/{public_id}/b2b/interpreters": "language pairs of ISO 639-1 codes",
    "POST /api/v1/events/{public_id}/b2b/participants": "a confirmed registration, phase",
    "PATCH /api/v1/events/{public_id}/b2b/profile": "HS codes, countries, languages, time zone exist; phase",
    "PUT /api/v1/events/{public_id}/b2b/availability": "slots of this session; phase",
    "POST /api/v1/events/{public_id}/b2b/requests": "requests open, request cap, not one's own organization",
    "POST /api/v1/events/{public_id}/b2b/requests/{request_id}/accept": "answering phase, still pending",
    "POST /api/v1/events/{public_id}/b2b/requests/{request_id}/decline": "answering phase, still pending",
    "POST /api/v1/events/{public_id}/b2b/requests/{request_id}/withdraw": "phase, still live",
    "POST /api/v1/events/{public_id}/b2b/requests/{request_id}/booking": "accepted, free slot, caps, phase",
    "POST /api/v1/events/{public_id}/b2b/meetings/{meeting_id}/cancel": "not final for participants",
    "POST /api/v1/events/{public_id}/b2b/meetings/{meeting_id}/outcome": "held meeting, RFQ reference codes",
    "POST /api/v1/events/{public_id}/b2b/meetings/{meeting_id}/organize": "a slot of this session, free",
    # ---- end of events: B2B meetings ----
    # --- committees: the workspace ---
    # the owner is a member organization of the committee or a person with an account (not both), a
    # title that is not blank
    "POST /api/v1/committees/{slug}/plan": "owner a member organization or an existing person",
    "PUT /api/v1/committees/{slug}/plan/{item_id}": "owner a member organization or an existing person",
    # a year from last year to five years ahead (relative to today), targets from 0 below 10^13
    "PUT /api/v1/committees/{slug}/targets": "year relative to today, targets in range",
    # a title and a text in each language used, at least one language
    "POST /api/v1/committees/{slug}/news": "a title and a text in at least one language",
    # a reason that is not blank
    "POST /api/v1/committees/{slug}/news/{public_id}/return": "a reason that is not blank",
    # --- end committees: the workspace ---
    # ---- projects ----
    # a title in at least one language, a currency and a committee of the reference tables, a value
    # with its currency, the caller an owner or administrator of the organization
    "POST /api/v1/projects": "a title, reference codes, value with currency, the caller's organization",
    "PATCH /api/v1/projects/{public_id}": "a title, reference codes, value with currency",
    # the moves allowed from the current stage and their rules (partners, two countries, a signing
    # date not in the future, a published event, a reason to stop)
    "POST /api/v1/projects/{public_id}/stage": "stage moves and their rules",
    # an organization the caller speaks for, other than the owner
    "POST /api/v1/projects/{public_id}/interest": "an organization of the caller's, not the owner",
    # a title that is not blank; a project not completed or stopped
    "POST /api/v1/projects/{public_id}/milestones": "a title that is not blank",
    # a done date not in the future
    "POST /api/v1/projects/{public_id}/milestones/{milestone_id}/status": "done date not in the future",
    # ---- end of projects ----
    # ---- delegations ----
    # a day within the delegation's dates, a host among its members, a published event, a title in a language
    "POST /api/v1/delegations/{public_id}/programme": "day within the visit, host a member, a title",
    "PUT /api/v1/delegations/{public_id}/programme/{item_id}": "day within the visit, host a member, a title",
    # a known country and places, the last day on or after the first, the secretary's own committee
    "POST /api/v1/delegations": "reference codes, dates in order, the secretary's committee",
    "PATCH /api/v1/delegations/{public_id}": "reference codes, dates in order, the secretary's committee",
    # one step of the status at a time; outcomes link requests and deals of member organizations
    "POST /api/v1/delegations/{public_id}/status": "one step of the status at a time",
    "POST /api/v1/delegations/{public_id}/outcomes": "a request or deal of a member organization",
    # an organization the caller administers; a published delegation that is still planned
    "POST /api/v1/delegations/{public_id}/join": "the caller's organization, a planned delegation",
    "POST /api/v1/delegations/{public_id}/members": "an organization that exists, a role of the list",
    # ---- end of delegations ----
}
POSITIVE_STATUSES = ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]


def _config(headers: dict):
    import schemathesis

    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "workers": 1,
            "continue-on-failure": True,
            # Plain bodies: the site gzips text for clients that accept it (requests asks for it by
            # default), and the WSGI transport hands the compressed bytes over as they are.
            "headers": {"Accept-Encoding": "identity", **headers},
            # NUL is never text: the request guard refuses it in any field (tests/test_abuse.py), which
            # the schema cannot say of every string, so valid data is generated without it.
            "generation": {
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
                "allow-x00": False,
            },
            "phases": {"stateful": {"max-steps": MAX_STEPS}},
            "cache": {"enabled": False},  # no state carried over from an earlier run
            "operations": [
                {
                    "include-name": name,
                    "checks": {"positive_data_acceptance": {"expected-statuses": POSITIVE_STATUSES}},
                }
                for name in BUSINESS_RULE_REFUSALS
            ],
            "warnings": False,
        }
    )


def _public_operations() -> set[tuple[str, str]]:
    """Operations anyone may call: no security requirement, an empty (optional) one, or the optional
    session scheme of the public endpoints."""
    from django.test import Client

    schema = Client().get(SCHEMA_PATH).json()
    public = set()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            requirements = operation.get("security", schema.get("security", []))
            if not requirements or any(not req or "OptionalSession" in req for req in requirements):
                public.add((method.upper(), path))
    return public


class _Run:
    def __init__(self, label: str):
        from schemathesis.engine.statistic import Statistic

        self.label = label
        self.statistic = Statistic()
        self.errors: list[str] = []
        self.phases: Counter = Counter()
        self.seconds = 0.0
        self.slowest: list = []

    def failures(self) -> list[dict]:
        records = []
        for operation, groups in sorted(self.statistic.failures.items()):
            for group in groups.values():
                response = group.response
                for failure in group.failures:
                    records.append(
                        {
                            "as": self.label,
                            "operation": failure.operation or operation,
                            "check": failure.title,
                            "message": failure.message[:600],
                            "status": response.status_code if response is not None else None,
                            "response": response.content[:400].decode(errors="replace") if response else "",
                            "reproduce": (group.code_sample or "")[:900],
                        }
                    )
        return records


def _application(environ, start_response):
    """The site, closing the database connection a request opened in a worker thread (the stateful
    phase runs in one): the in-process client never closes the response, which would otherwise."""
    from django.db import connections

    from config.wsgi import application

    try:
        return application(environ, start_response)
    finally:
        if threading.current_thread() is not threading.main_thread():
            connections.close_all()


def _run(label: str, headers: dict, only: set[tuple[str, str]] | None = None) -> _Run:
    import schemathesis
    from schemathesis.engine import events, from_schema

    schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, _application, config=_config(headers))
    if only is not None:
        # an exclusion: the per-operation settings of the config add include filters of their own
        schema = schema.exclude(lambda ctx: (ctx.operation.method.upper(), ctx.operation.path) not in only)
    run = _Run(label)
    started = time.monotonic()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished) and event.is_test_scenario:
            run.statistic.on_scenario_finished(event.recorder)
            run.phases[event.phase.value] += len(event.recorder.cases)
            run.slowest.append((round(event.elapsed_time, 1), event.phase.value, event.recorder.label))
        elif isinstance(event, events.NonFatalError):
            run.errors.append(f"[{label}] {event.label}: {event.info.title}: {event.info.message}")
        elif isinstance(event, events.FatalError):
            run.errors.append(f"[{label}] fatal: {event.exception!r}")
    run.seconds = time.monotonic() - started
    return run


@pytest.fixture
def _wsgi_probe_kwargs(monkeypatch):
    """The ignored_auth check re-sends a request without its credentials, passing the network options
    (max_redirects, verify, cert) on to the in-process WSGI client, which refuses them: they mean
    nothing in-process, so they are dropped there."""
    from schemathesis.transport.wsgi import WSGITransport

    send = WSGITransport.send

    def in_process_send(self, case, *, session=None, **kwargs):
        for name in ("max_redirects", "verify", "cert", "proxies"):
            kwargs.pop(name, None)
        return send(self, case, session=session, **kwargs)

    monkeypatch.setattr(WSGITransport, "send", in_process_send)


@pytest.mark.django_db(transaction=True)
def test_schema_holds_for_every_operation(api_persona, _wsgi_probe_kwargs, capsys):
    runs = [
        _run("token", {"Authorization": f"Bearer {api_persona}"}),
        _run("anonymous", {}, only=_public_operations()),
    ]
    failures = [record for run in runs for record in run.failures()]
    errors = [error for run in runs for error in run.errors]
    summary = {
        "cases": sum(run.statistic.total_cases for run in runs),
        "distinct_failures": len(failures),
        "errors": len(errors),
        "seconds": round(sum(run.seconds for run in runs), 1),
        "runs": {
            run.label: {
                "cases": run.statistic.total_cases,
                "by_phase": dict(run.phases),
                "operations": len(run.statistic.tested_operations),
                "distinct_failures": len(run.statistic.unique_failures_map),
                "seconds": round(run.seconds, 1),
                "slowest": sorted(run.slowest, reverse=True)[:15],
            }
            for run in runs
        },
        "failures": failures,
        "error_messages": errors,
    }
    out = Path(settings.VAR_DIR) / "schemathesis"
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    with capsys.disabled():
        print(
            f"\nschemathesis: {summary['cases']} cases "
            + ", ".join(f"{label} {run['cases']}" for label, run in summary["runs"].items())
            + f"; {summary['distinct_failures']} distinct failures, {summary['errors']} errors,"
            f" {summary['seconds']} s (details: {out / 'summary.json'})"
        )
    lines = [f"[{r['as']}] {r['operation']}: {r['check']}: {r['message']}" for r in failures]
    assert not failures and not errors, "\n".join(lines + errors)


@pytest.fixture
def api_persona(aigerim, kz_org, li_wei, cn_org):
    """aigerim's exporter with a published offer and a draft, requests received (one answered and
    accepted into a deal, one quoted with a message, one open) and one sent, notifications and a saved
    search. Returns the raw API token issued to aigerim for kz_org."""
    from scotemp.accounts import actions as account_actions
    from scotemp.deals import actions as deal_actions
    from scotemp.deals.tests.helpers import open_deal, quoted_inquiry, send_rfq
    from scotemp.trade.actions import create_saved_search
    from scotemp.trade.tests.lead_data import make_lead, wheat_offer, wheat_request

    make_lead(aigerim, kz_org, wheat_offer())
    make_lead(aigerim, kz_org, wheat_offer(title="Ячмень пивоваренный", hs_code="100390"), publish=False)
    make_lead(li_wei, cn_org, wheat_request())
    open_deal(li_wei, cn_org, aigerim, kz_org)
    inquiry, _quotation = quoted_inquiry(li_wei, cn_org, aigerim, kz_org)
    deal_actions.post_message(li_wei, inquiry, "Можно ли отгрузить в марте?")
    send_rfq(li_wei, cn_org, kz_org)
    send_rfq(aigerim, kz_org, cn_org)
    create_saved_search(aigerim, "Пшеница", {"q": "пшеница"}, organization=kz_org)
    _token, raw = account_actions.create_api_token(aigerim, kz_org.public_id, "schema check", scope="write")
    return raw


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_schema_of_the_api_has_its_own_name():
    """The OpenAPI document names each body and answer schema by its class name: two classes of one
    name (an ``InquiryOut`` of the deals and one of the freight requests) silently share one
    component, and the document then describes one of them wrongly."""
    from ninja import Schema

    from config.api import api  # noqa: F401  (imports every app's API)

    owners = {}
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("scotemp."):
            owners.setdefault(cls.__name__, set()).add(cls.__module__)
    shared = {name: sorted(modules) for name, modules in owners.items() if len(modules) > 1}
    assert not shared, shared
