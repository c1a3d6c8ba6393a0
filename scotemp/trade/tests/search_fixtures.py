"""Leads for the search tests, written directly (the lead actions are tested elsewhere)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from scotemp.trade.models import Lead
from scotemp.trade.search import reindex_leads


def make_lead(org, title, *, language="en", hs="100199", kind="sell", **extra):
    values = dict(
        organization=org,
        kind=kind,
        status="published",
        language=language,
        hs_code_id=hs,
        quantity=Decimal("1000"),
        unit_id="TNE",
        incoterm_id=extra.pop("incoterm", "FCA"),
        incoterm_place_id=extra.pop("place", "KZALA"),
        origin_country_id=extra.pop("origin", "KZ"),
        valid_until=extra.pop("valid_until", timezone.localdate() + datetime.timedelta(days=60)),
        published_at=extra.pop("published_at", timezone.now()),
    )
    lang = language.replace("-", "_")
    values[f"title_{lang}"] = title
    values[f"description_{lang}"] = extra.pop("description", "")
    countries = extra.pop("countries", [])
    values.update(extra)
    lead = Lead.objects.create(**values)
    if countries:
        lead.countries.set(countries)
    reindex_leads([lead.pk])
    return lead
