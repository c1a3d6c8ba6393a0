""" "My matches" read in SQL written once (``queries.matches.OrganizationMatches``,
``queries.light.matches_by_id``) and written by ``{% match_rows %}``: the same rows, order, counts and
values as the querysets they replace, for members only, in a fixed number of queries."""

import random
import uuid

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.template.defaultfilters import floatformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from scotemp.core.permissions import bind_organization
from scotemp.directory.models import OrganizationProfile
from scotemp.trade import actions
from scotemp.trade.choices import MatchAction
from scotemp.trade.matching.explain import explain, explain_text
from scotemp.trade.models import Match, MatchDecision
from scotemp.trade.queries.light import MATCH_COLUMNS, matches_by_id, verified_subquery
from scotemp.trade.queries.matches import match_views, organization_matches
from scotemp.trade.templatetags.match_rows import _e, _score
from scotemp.trade.tests.test_matching_pages import english, lead
from scotemp.trade.tests.test_my_matches import many  # noqa: F401 - the fixture
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def reference(user, org_id: int, *, bookmarked: bool = False) -> list[int]:
    """The organization's matches as the querysets read them before: each side through the permission
    mechanism, best first, without the pairs it dismissed (only those it bookmarked on request)."""
    sell = Match.objects.on_side(user, "sell_organization").filter(sell_organization_id=org_id)
    buy = Match.objects.on_side(user, "buy_organization").filter(buy_organization_id=org_id)
    same_pair = MatchDecision.objects.filter(
        organization_id=org_id, sell_lead_id=OuterRef("sell_lead_id"), buy_lead_id=OuterRef("buy_lead_id")
    )
    rows = sell | buy
    if bookmarked:
        rows = rows.filter(Exists(same_pair.filter(action=MatchAction.BOOKMARKED)))
    else:
        rows = rows.exclude(Exists(same_pair.filter(action=MatchAction.DISMISSED)))
    return list(rows.order_by("-score", "pk").values_list("pk", flat=True))


@pytest.fixture
def crowd(li_wei, aigerim, cn_org, kz_org):
    """``cn_org`` matched on both sides with other organizations, many scores tied; ``kz_org``'s own
    matches with third parties; decisions of both organizations, some on the same pairs."""
    rng = random.Random(7)
    request = lead(cn_org, "buy", "100199", title_en="Wheat for flour mills")
    offer = lead(cn_org, "sell", "100630", title_en="Rice, 25 kg bags", origin_country_id="CN")
    kz_request = lead(kz_org, "buy", "100630", title_en="Rice for Almaty")
    parts = [
        {"code": "hs_heading", "points": 40.0, "hs": "1001"},
        {"code": "quantity", "points": 20.0, "percent": 80},
    ]
    for i in range(40):
        other = MembershipFactory(user=UserFactory(), organization__country_id="KZ").organization
        if i % 3 == 0:
            OrganizationProfile.objects.create(organization=other, verification_status="verified")
        score = rng.choice([50.0, 61.5, 61.5, 70.25, 88.0, 99.5])
        if i % 2:
            Match.objects.create(
                sell_lead=lead(other, "sell", "100199"), buy_lead=request, score=score, parts=parts
            )
        else:
            Match.objects.create(
                sell_lead=offer, buy_lead=lead(other, "buy", "100630"), score=score, parts=parts
            )
        if i % 5 == 0:
            Match.objects.create(
                sell_lead=lead(other, "sell", "100630"), buy_lead=kz_request, score=score, parts=parts
            )
    cn_rows = list(
        Match.objects.filter(Q(sell_organization=cn_org) | Q(buy_organization=cn_org)).order_by("pk")
    )
    for match in cn_rows[:6]:
        actions.decide_match(li_wei, match, cn_org.pk, MatchAction.DISMISSED)
    for match in cn_rows[6:10]:
        actions.decide_match(li_wei, match, cn_org.pk, MatchAction.BOOKMARKED)
    kz_rows = list(Match.objects.filter(buy_organization=kz_org).order_by("pk"))
    for match in kz_rows[:3]:
        actions.decide_match(aigerim, match, kz_org.pk, MatchAction.DISMISSED)
    for match in kz_rows[3:6]:
        actions.decide_match(aigerim, match, kz_org.pk, MatchAction.BOOKMARKED)
    # A pair of the two: the seller dismissed it, the buyer bookmarked it; and one the other way round.
    kz_offer = lead(kz_org, "sell", "100199", title_en="Milling wheat, class 3")
    for score, (seller, buyer) in ((75.0, ("dismissed", "bookmarked")), (61.5, ("bookmarked", "dismissed"))):
        both = Match.objects.create(sell_lead=kz_offer, buy_lead=request, score=score, parts=parts)
        actions.decide_match(aigerim, both, kz_org.pk, MatchAction(seller))
        actions.decide_match(li_wei, both, cn_org.pk, MatchAction(buyer))
        request = lead(cn_org, "buy", "100199", title_en="Durum wheat")
    return cn_org, kz_org


@pytest.mark.parametrize("bookmarked", [False, True])
def test_pages_and_counts_are_those_of_the_querysets(li_wei, aigerim, crowd, bookmarked):
    cn_org, kz_org = crowd
    for user, org in ((li_wei, cn_org), (aigerim, kz_org)):
        expected = reference(user, org.pk, bookmarked=bookmarked)
        rows = organization_matches(user, org, bookmarked=bookmarked)
        assert rows.count() == len(rows) == len(expected) > 0
        for size in (1, 7, 20):
            got = [m.pk for start in range(0, len(expected) + size, size) for m in rows[start : start + size]]
            assert got == expected, (user, size)
        assert rows[5:5] == [] and rows[len(expected) : len(expected) + 20] == []


def test_outsiders_operators_and_other_tokens_read_nothing(li_wei, aigerim, operator, outsider, crowd):
    cn_org, _kz_org = crowd
    for user in (aigerim, operator, outsider):
        for bookmarked in (False, True):
            rows = organization_matches(user, cn_org, bookmarked=bookmarked)
            assert (rows.count(), rows[0:20]) == (0, [])
    third = MembershipFactory(user=li_wei, role="owner").organization
    bind_organization(li_wei, third.pk)  # a token of Li Wei's for another organization
    assert (organization_matches(li_wei, cn_org).count(), organization_matches(li_wei, cn_org)[0:20]) == (
        0,
        [],
    )


def test_rows_read_by_id_hold_the_values_of_the_queryset(li_wei, crowd):
    cn_org, _kz_org = crowd
    ids = reference(li_wei, cn_org.pk)[:25]
    rows = matches_by_id(ids)
    queryset = Match.objects.annotate(
        sell_verified=verified_subquery("sell"), buy_verified=verified_subquery("buy")
    )
    expected = {v["id"]: v for v in queryset.filter(pk__in=ids).values(*MATCH_COLUMNS)}
    assert set(rows) == set(expected) == set(ids)
    assert any(v["sell_verified"] for v in expected.values())
    for language in ("en", "ru", "zh-hans"):
        with translation.override(language):
            for pk, v in expected.items():
                m = rows[pk]
                assert (m.score, m.parts, m.sell_verified, m.buy_verified) == (
                    v["score"],
                    v["parts"],
                    v["sell_verified"],
                    v["buy_verified"],
                )
                assert isinstance(m.sell_verified, bool) and isinstance(m.parts, list)
                for side in ("sell", "buy"):
                    lead_, model = (
                        getattr(m, f"{side}_lead"),
                        getattr(Match.objects.get(pk=pk), f"{side}_lead"),
                    )
                    assert isinstance(lead_.public_id, uuid.UUID) and lead_.public_id == model.public_id
                    assert (lead_.kind, lead_.title_en, lead_.hs_code.description) == (
                        model.kind,
                        model.title_en,
                        model.hs_code.description,
                    )
                    organization = lead_.organization
                    assert (organization.name, organization.country.name) == (
                        model.organization.name,
                        model.organization.country.name,
                    )
    assert matches_by_id([]) == {}


def test_explanations_follow_the_language_and_the_parts(li_wei, crowd):
    cn_org, _kz_org = crowd
    page = organization_matches(li_wei, cn_org)[0:5]
    for language in ("en", "ru", "zh-hans", "en"):
        with translation.override(language):
            for view in match_views(page, cn_org.pk):
                assert view.phrases == explain(view.match.parts, view.own.kind)
                assert view.brief == explain_text(view.match.parts, view.own.kind)
    with translation.override("ru"):
        russian = match_views(page, cn_org.pk)[0].brief
    assert match_views(page, cn_org.pk)[0].brief != russian  # English again, not the remembered Russian


def test_page_and_api_cost_the_same_queries_at_two_sizes(client, li_wei, many):  # noqa: F811
    many(24)
    client.force_login(english(li_wei))
    client.get(reverse("trade:matches"))  # the corridor network and the statements, once per process
    counts = []
    for n in (24, 200):
        if n != 24:
            Match.objects.all().delete()
            many(n)
        with CaptureQueriesContext(connection) as page:
            response = client.get(reverse("trade:matches") + "?page=2")
        with CaptureQueriesContext(connection) as api:
            body = client.get("/api/v1/matches?limit=100").json()
        assert response.content.decode().count('class="card match"') == min(20, n - 20)
        assert len(body["results"]) == min(100, n)
        counts.append((len(page.captured_queries), len(api.captured_queries)))
    assert counts[0] == counts[1], counts
    # Session, user, memberships; the organization's membership, count, page ids, rows, decisions;
    # the header's two unread counts (the API: no header, the caller's organization instead).
    assert counts[0][0] <= 10 and counts[0][1] <= 10, counts


@pytest.mark.parametrize("seed", range(3))
def test_scores_round_as_floatformat_does(seed):
    rng = random.Random(seed)
    values = [rng.uniform(0, 100) for _ in range(3000)] + [round(rng.uniform(0, 100), 1) for _ in range(3000)]
    values += [0, 0.0, 0.5, 1.5, 2.5, 99.5, 100, 100.0, 12.345, 999.5, 1000.4, 123456.5, -0.4, -2.5]
    for language in ("en", "ru", "zh-hans"):
        with translation.override(language):
            assert [_score(v) for v in values] == [floatformat(v, 0) for v in values]


def test_values_are_escaped_as_conditional_escape_does():
    lazy_text = lazy(lambda: "<b>lazy</b> & 'quoted'", str)()
    for value in (
        "<script>\"x\" & 'y'</script>",
        mark_safe("<b>safe</b>"),
        lazy_text,
        42,
        uuid.uuid4(),
        None,
        "",
    ):
        assert _e(value) == conditional_escape(value)
