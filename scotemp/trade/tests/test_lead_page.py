"""The lead page's own read (``queries.lead_page``): the same rows as the ORM read of the lead, who
may read and edit it (as the permission mechanism decides), the parts that depend on the reader,
and a fixed query budget."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from scotemp.directory.models import OrganizationProfile
from scotemp.trade import queries
from scotemp.trade.models import Lead
from scotemp.trade.queries.lead_page import lead_page, may_edit
from scotemp.trade.views.leads import DEFAULT_PLACE

from .lead_data import make_lead, wheat_offer, wheat_request

pytestmark = pytest.mark.django_db


def _fields(instance) -> dict | None:
    if instance is None:
        return None
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def _shown(lead) -> dict:
    """Every row the page reads from the lead, as field values."""
    organization = lead.organization
    profile = getattr(organization, "profile", None) if queries.leads._has_profile(organization) else None
    return {
        "lead": _fields(lead),
        "organization": _fields(organization),
        "organization.country": _fields(organization.country),
        "profile": _fields(profile),
        "hs_code": _fields(lead.hs_code),
        "place": _fields(lead.incoterm_place),
        "place.country": _fields(lead.incoterm_place.country),
        "origin_country": _fields(lead.origin_country),
        "unit": _fields(lead.unit),
        "price_unit": _fields(lead.price_unit),
        "incoterm": _fields(lead.incoterm),
        "committee": _fields(lead.committee),
        "author": (lead.author.full_name, lead.author.email) if lead.author else None,
        "names": (lead.organization.country.name, lead.incoterm_place.name, lead.hs_code.description),
    }


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_the_page_reads_what_the_orm_reads(aigerim, kz_org, li_wei, cn_org, language):
    OrganizationProfile.objects.create(
        organization=kz_org, verification_status="verified", contact_person="Айгерим", contact_phone="+7 700"
    )
    offer = make_lead(aigerim, kz_org, wheat_offer(countries=["UZ", "CN", "KG"]))
    request = make_lead(li_wei, cn_org, wheat_request())  # no profile, no origin, no price unit
    Lead.objects.filter(pk=request.pk).update(author=None)
    translation.activate(language)
    for lead in (offer, request):
        expected = queries.lead_for_viewer(li_wei, lead.public_id)
        page = lead_page(li_wei, lead.public_id, "KZALA")
        with CaptureQueriesContext(connection) as extra:
            assert _shown(page.lead) == _shown(expected)
        assert not extra.captured_queries  # every relation the page shows is loaded
        assert page.countries == list(expected.countries.all())
        path, hs = [], expected.hs_code
        while hs is not None:
            path.insert(0, hs)
            hs = hs.parent
        assert [_fields(h) for h in page.hs_path] == [_fields(h) for h in path]
        place = page.viewer_place
        assert place is None if expected.incoterm_place_id == "KZALA" else place.pk == "KZALA"
    assert len(page.hs_path) == 2 and len(lead_page(li_wei, offer.public_id, None).hs_path) == 3


def test_who_may_read_and_edit(aigerim, kz_org, li_wei, cn_org, operator, outsider):
    published = make_lead(aigerim, kz_org)
    draft = make_lead(aigerim, kz_org, publish=False)
    readers = ((aigerim, {kz_org.pk}), (li_wei, {cn_org.pk}), (operator, set()), (outsider, set()))
    for user, org_ids in readers:
        for lead in (published, draft):
            visible = Lead.objects.visible_to(user).filter(pk=lead.pk).exists()
            editable = Lead.objects.editable_by(user, role="member").filter(pk=lead.pk).exists()
            assert may_edit(user, lead, frozenset(org_ids)) is editable
            if visible:
                assert lead_page(user, lead.public_id, None).lead == lead
            else:
                with pytest.raises(Http404):
                    lead_page(user, lead.public_id, None)


def _get(client, lead):
    response = client.get(reverse("trade:lead_detail", args=[lead.public_id]))
    assert response.status_code == 200
    return response


def _page(client, lead) -> str:
    return _get(client, lead).content.decode()


def _route(client, lead) -> tuple:
    context = _get(client, lead).context
    return context.get("route_from"), context.get("route_to")


def test_the_parts_of_the_reader(client, aigerim, kz_org, li_wei, cn_org, operator):
    kz_org.city_id = "KZALA"
    kz_org.save()
    offer = make_lead(aigerim, kz_org, wheat_offer(incoterm_place="KZALA"))
    request = make_lead(li_wei, cn_org, wheat_request())
    client.force_login(aigerim)
    own = _page(client, offer)
    assert 'data-action="pause"' in own and 'id="matches"' in own and "request-quotation" not in own
    assert _route(client, offer) == (None, None)  # the reader's city is the offer's place
    other = _page(client, request)
    assert "send-offer" in other and 'data-action="pause"' not in other and 'id="matches"' not in other
    assert _route(client, request) == ("KZALA", "CNHRS")  # from the reader's city to the buyer's place
    client.force_login(li_wei)  # an organization without a city: the route ends at the hub
    other = _page(client, offer)
    assert "request-quotation" in other and 'data-action="pause"' not in other and 'id="matches"' not in other
    assert _route(client, offer) == ("KZALA", DEFAULT_PLACE)
    client.force_login(operator)
    page = _page(client, offer)  # operators edit every lead but are nobody's party
    assert 'data-action="pause"' in page and 'id="matches"' not in page and "request-quotation" not in page
    client.logout()
    visitor = _page(client, offer)
    assert "Sign in to see the contact details." in visitor and aigerim.email not in visitor
    assert 'data-action="pause"' not in visitor and 'id="matches"' not in visitor
    assert _route(client, request) == (DEFAULT_PLACE, "CNHRS")


@pytest.mark.parametrize("owner", [False, True])
def test_query_budget_of_the_signed_in_page(
    client, aigerim, kz_org, li_wei, owner, django_assert_max_num_queries
):
    lead = make_lead(aigerim, kz_org, wheat_offer(countries=["CN", "UZ", "KG"]))
    client.force_login(aigerim if owner else li_wei)
    _page(client, lead)
    # Session, user, memberships; the lead; viewer's place, units, Incoterm, committee, countries;
    # the HS path; the header's two counts; the import checklist; for the owner, the matches section
    # (memberships and matches).
    with django_assert_max_num_queries(15 if owner else 13):
        _page(client, lead)
