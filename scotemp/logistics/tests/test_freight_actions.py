"""Freight actions: lane rates (publish, edit, withdraw, CSV all or nothing, providers only), the
request fan-out, provider isolation, the quote/decline/book state machine and idempotent creation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from scotemp.core.models import AuditEntry
from scotemp.logistics.actions import freight as actions
from scotemp.logistics.models import FreightInquiry, FreightQuote, LaneRate
from scotemp.logistics.queries import freight as freight_queries
from scotemp.notifications.models import Notification
from scotemp.reference.models import Location

from .freight_helpers import (
    lane_values,
    make_provider,
    make_provider_of,
    quote_values,
    request_values,
    send_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def forwarder():
    return make_provider("Sibir Forwarding", country="RU")


@pytest.fixture
def carrier():
    return make_provider("Almaty Rail Carrier", country="KZ", activity="carrier")


# --- lane rates ----------------------------------------------------------------------------------


def test_provider_publishes_edits_and_withdraws_a_lane_rate(forwarder):
    org, user = forwarder
    rate = actions.publish_lane_rate(user, org, lane_values())
    assert rate in LaneRate.objects.current()
    actions.edit_lane_rate(user, rate, {"price": Decimal("6900")})
    rate.refresh_from_db()
    assert rate.price == Decimal("6900")
    actions.withdraw_lane_rate(user, rate)
    actions.withdraw_lane_rate(user, rate)  # twice changes nothing
    assert rate not in LaneRate.objects.current()
    verbs = list(
        AuditEntry.objects.filter(subject_id=rate.pk, verb__startswith="lane_rate.").values_list(
            "verb", flat=True
        )
    )
    assert sorted(verbs) == ["lane_rate.edited", "lane_rate.published", "lane_rate.withdrawn"]
    with pytest.raises(ValidationError) as exc:
        actions.edit_lane_rate(user, rate, {"price": Decimal("1")})
    assert exc.value.code == "conflict"


def test_non_provider_is_refused(aigerim, kz_org):
    with pytest.raises(PermissionDenied, match="Only service providers"):
        actions.publish_lane_rate(aigerim, kz_org, lane_values())
    assert not LaneRate.objects.exists()


def test_stranger_cannot_publish_for_a_provider(forwarder, li_wei):
    org, _user = forwarder
    with pytest.raises(PermissionDenied):
        actions.publish_lane_rate(li_wei, org, lane_values())


@pytest.mark.parametrize(
    "overrides, field",
    [
        (
            {
                "valid_from": timezone.localdate() + datetime.timedelta(days=5),
                "valid_until": timezone.localdate() + datetime.timedelta(days=1),
            },
            "valid_until",
        ),
        ({"price": Decimal("0")}, "price"),
        ({"price": Decimal("-5")}, "price"),
        ({"transit_days_min": 20, "transit_days_max": 10}, "transit_days_max"),
        ({"destination": "CNCKG"}, "destination"),
        (
            {
                "valid_from": timezone.localdate() - datetime.timedelta(days=30),
                "valid_until": timezone.localdate() - datetime.timedelta(days=1),
            },
            "valid_until",
        ),
    ],
)
def test_lane_rate_rules_name_the_field(forwarder, overrides, field):
    org, user = forwarder
    if overrides.get("destination") == "CNCKG":
        overrides["destination"] = Location.objects.get(locode="CNCKG")
    with pytest.raises(ValidationError) as exc:
        actions.publish_lane_rate(user, org, lane_values(**overrides))
    assert field in exc.value.message_dict
    assert not LaneRate.objects.exists()


def test_many_lane_rates_all_or_nothing(forwarder):
    org, user = forwarder
    good = lane_values()
    bad = lane_values(price=Decimal("0"))
    with pytest.raises(ValidationError) as exc:
        actions.publish_lane_rates(user, org, [good, good, bad])
    assert "row 4: price" in exc.value.message_dict
    assert not LaneRate.objects.exists()
    assert len(actions.publish_lane_rates(user, org, [good, lane_values(equipment="40HC")])) == 2
    assert LaneRate.objects.filter(provider=org).count() == 2


# --- requests --------------------------------------------------------------------------------------


def test_request_to_lane_providers_fans_out_one_inquiry_each(li_wei, cn_org, forwarder, carrier):
    f_org, f_user = forwarder
    c_org, c_user = carrier
    actions.publish_lane_rate(f_user, f_org, lane_values())
    # The carrier serves Germany by a service offer; a third provider serves another lane only.
    actions.publish_service_offer(
        c_user,
        c_org,
        {"kind": "forwarding", "title": "Rail to Europe", "description": "Block trains", "language": "en"},
        countries=["RU"],
    )
    other_org, other_user = make_provider("Tashkent Trucks", country="UZ")
    actions.publish_lane_rate(
        other_user, other_org, lane_values(destination=Location.objects.get(locode="UZTAS"))
    )
    req = actions.send_freight_request(li_wei, cn_org, request_values(), to_lane=True)
    assert set(req.inquiries.values_list("provider_id", flat=True)) == {f_org.pk, c_org.pk}
    assert Notification.objects.filter(user=f_user, kind="logistics.freight_inquiry_received").count() == 1


def test_request_to_lane_without_providers_is_refused(li_wei, cn_org):
    with pytest.raises(ValidationError) as exc:
        actions.send_freight_request(li_wei, cn_org, request_values(), to_lane=True)
    assert "providers" in exc.value.message_dict


def test_request_to_a_non_provider_is_refused(li_wei, cn_org, kz_org):
    with pytest.raises(ValidationError) as exc:
        send_request(li_wei, cn_org, kz_org)
    assert "providers" in exc.value.message_dict


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"weight_kg": Decimal("-1")}, "weight_kg"),
        ({"weight_kg": Decimal("99999999")}, "weight_kg"),
        ({"units": 0}, "units"),
        ({"ready_date": datetime.date(2020, 1, 1)}, "ready_date"),
        ({"goods": "  "}, "goods"),
    ],
)
def test_absurd_requests_are_refused(li_wei, cn_org, forwarder, overrides, field):
    with pytest.raises(ValidationError) as exc:
        send_request(li_wei, cn_org, forwarder[0], **overrides)
    assert field in exc.value.message_dict


def test_submission_key_sends_once(li_wei, cn_org, forwarder):
    values = request_values()
    first = actions.send_freight_request(
        li_wei, cn_org, values, [forwarder[0].public_id], submission_key="k1"
    )
    again = actions.send_freight_request(
        li_wei, cn_org, values, [forwarder[0].public_id], submission_key="k1"
    )
    assert first.pk == again.pk
    assert FreightInquiry.objects.count() == 1


def test_provider_sees_only_its_own_inquiry(li_wei, cn_org, forwarder, carrier):
    f_org, f_user = forwarder
    c_org, c_user = carrier
    req = send_request(li_wei, cn_org, f_org, c_org)
    mine = req.inquiries.get(provider=f_org)
    theirs = req.inquiries.get(provider=c_org)
    actions.send_freight_quote(c_user, theirs, quote_values())
    assert list(freight_queries.inquiries_for(f_user)) == [mine]
    assert not FreightQuote.objects.visible_to(f_user).exists()
    from django.http import Http404

    with pytest.raises(Http404):
        freight_queries.request_for_shipper(f_user, req.public_id)
    with pytest.raises(Http404):
        freight_queries.inquiry_for_viewer(f_user, theirs.public_id)


# --- quotes, decline, book ----------------------------------------------------------------------------


@pytest.fixture
def two_quotes(li_wei, cn_org, forwarder, carrier):
    f_org, f_user = forwarder
    c_org, c_user = carrier
    req = send_request(li_wei, cn_org, f_org, c_org)
    a = actions.send_freight_quote(f_user, req.inquiries.get(provider=f_org), quote_values())
    b = actions.send_freight_quote(
        c_user, req.inquiries.get(provider=c_org), quote_values(price=Decimal("6800"))
    )
    return req, a, b


def test_revision_supersedes_and_double_click_sends_once(two_quotes, forwarder):
    _req, a, _b = two_quotes
    _org, user = forwarder
    same = actions.send_freight_quote(user, a.inquiry, quote_values())
    assert same.pk == a.pk
    v2 = actions.send_freight_quote(user, a.inquiry, quote_values(price=Decimal("7000")))
    a.refresh_from_db()
    assert (a.status, v2.version, v2.status) == ("superseded", 2, "current")


def test_only_the_provider_quotes_and_only_the_shipper_books(two_quotes, li_wei, forwarder):
    _req, a, _b = two_quotes
    with pytest.raises(PermissionDenied):
        actions.send_freight_quote(li_wei, a.inquiry, quote_values())
    with pytest.raises(PermissionDenied):
        actions.book_freight_quote(forwarder[1], a)


def test_booking_marks_others_not_chosen_and_twice_is_a_conflict(two_quotes, li_wei, carrier):
    req, a, b = two_quotes
    actions.book_freight_quote(li_wei, b)
    req.refresh_from_db()
    a.refresh_from_db()
    b.refresh_from_db()
    assert (req.status, b.status, b.inquiry.status) == ("booked", "booked", "booked")
    assert (a.status, FreightInquiry.objects.get(pk=a.inquiry_id).status) == ("not_chosen", "not_chosen")
    for quote in (a, b):
        with pytest.raises(ValidationError) as exc:
            actions.book_freight_quote(li_wei, quote)
        assert exc.value.code == "conflict"
    with pytest.raises(ValidationError) as exc:
        actions.send_freight_quote(carrier[1], b.inquiry, quote_values(price=Decimal("1")))
    assert exc.value.code == "conflict"
    details = freight_queries.booking_details(b)
    assert details["provider"] == b.inquiry.provider and details["origin"].pk == "CNCKG"
    assert details["units"] == 2 and details["price"] == Decimal("6800")
    with pytest.raises(ValueError):
        freight_queries.booking_details(a)


def test_booking_creates_the_shipment_both_sides_follow(two_quotes, li_wei, carrier):
    from scotemp.logistics.models import Shipment

    req, _a, b = two_quotes
    actions.book_freight_quote(li_wei, b)
    shipment = Shipment.objects.get(freight_quote=b)
    assert (shipment.shipper_id, shipment.provider_id) == (req.shipper_id, b.inquiry.provider_id)
    assert (shipment.origin_id, shipment.destination_id) == (req.origin_id, req.destination_id)
    assert shipment.cargo_description == req.goods and shipment.status == "booked"
    if req.ready_date and b.transit_days_max:
        assert (shipment.planned_arrival - shipment.planned_departure).days == b.transit_days_max
    # A refused second booking leaves no second shipment behind.
    with pytest.raises(ValidationError):
        actions.book_freight_quote(li_wei, b)
    assert Shipment.objects.filter(freight_quote__inquiry__request=req).count() == 1


def test_expired_quote_cannot_be_booked(two_quotes, li_wei):
    _req, a, _b = two_quotes
    FreightQuote.objects.filter(pk=a.pk).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="expired") as exc:
        actions.book_freight_quote(li_wei, a)
    assert exc.value.code == "conflict"


def test_decline_withdraws_the_quote_and_tells_the_shipper(two_quotes, forwarder, li_wei):
    _req, a, _b = two_quotes
    with pytest.raises(ValidationError):
        actions.decline_freight_inquiry(forwarder[1], a.inquiry, "  ")
    actions.decline_freight_inquiry(forwarder[1], a.inquiry, "No wagons in December")
    a.refresh_from_db()
    assert a.status == "withdrawn"
    assert Notification.objects.filter(user=li_wei, kind="logistics.freight_declined").exists()
    with pytest.raises(ValidationError) as exc:
        actions.decline_freight_inquiry(forwarder[1], a.inquiry, "again")
    assert exc.value.code == "conflict"


def test_comparison_converts_and_ranks(two_quotes, cn_org):
    req, a, b = two_quotes
    comparison = freight_queries.comparison_of(req, "USD")
    assert [row.quote for row in comparison.rows] == [b, a]
    assert comparison.rows[0].total == Decimal("13600.00")  # 6800 per container × 2


def test_shipper_that_is_also_a_provider(li_wei, cn_org, forwarder):
    make_provider_of(cn_org)
    req = send_request(li_wei, cn_org, forwarder[0])
    assert req.inquiries.count() == 1
