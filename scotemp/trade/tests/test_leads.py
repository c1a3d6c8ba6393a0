"""Lead validation (every rule, on its field), atomicity, the lifecycle table and permissions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from scotemp.trade import actions
from scotemp.trade.choices import LeadStatus
from scotemp.trade.forms import LeadForm, lead_values
from scotemp.trade.models import Lead
from tests.factories import MembershipFactory

from .lead_data import make_lead, wheat_offer, wheat_request

TODAY = timezone.localdate


def days(n):
    return (TODAY() + datetime.timedelta(days=n)).isoformat()


def errors_of(data):
    form = LeadForm(data)
    assert not form.is_valid()
    return {field: [e.code for e in errs] for field, errs in form.errors.as_data().items()}, form.errors


# --- validation ---------------------------------------------------------------------------------------


def test_valid_offer_and_request(db):
    assert LeadForm(wheat_offer()).is_valid()
    assert LeadForm(wheat_request()).is_valid()


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"hs_code": "999999"}, "hs_code", "hs_unknown"),
        ({"hs_code": "10x1"}, "hs_code", "hs_not_digits"),
        ({"hs_code": "1001"}, "hs_code", "hs_sell_subheading"),  # a sell offer needs 6 digits
        ({"hs_code": "10"}, "hs_code", "hs_sell_subheading"),
        ({"incoterm": "DAT"}, "incoterm", "incoterm_withdrawn"),
        ({"incoterm": "XYZ"}, "incoterm", "incoterm_unknown"),
        ({"incoterm": "FOB", "incoterm_place": "KZALA"}, "incoterm", "incoterm_not_port"),
        ({"incoterm_place": "ZZZZZ"}, "incoterm_place", "place_unknown"),
        ({"quantity": "0"}, "quantity", "quantity_not_positive"),
        ({"quantity": "-5"}, "quantity", "quantity_not_positive"),
        ({"min_order": "6000"}, "min_order", "min_order_above_quantity"),
        ({"min_order": "0"}, "min_order", "min_order_not_positive"),
        ({"currency": ""}, "currency", "price_no_currency"),
        ({"currency": "XQQ"}, "currency", "currency_unknown"),
        ({"price": "-1"}, "price", "price_not_positive"),
        ({"price_on_request": True}, "price_on_request", "price_and_on_request"),
        ({"price": "", "currency": ""}, "price", "price_missing"),
        ({"unit": "QQQ"}, "unit", "unit_unknown"),
        ({"delivery_from": days(-1)}, "delivery_from", "delivery_past"),
        ({"delivery_until": days(-1), "delivery_from": ""}, "delivery_until", "delivery_past"),
        (
            {"delivery_from": days(20), "delivery_until": days(10)},
            "delivery_until",
            "delivery_end_before_start",
        ),
        ({"valid_until": days(-1)}, "valid_until", "valid_until_past"),
        ({"valid_until": days(400)}, "valid_until", "valid_until_too_far"),
        ({"countries": ["CN", "QQ"]}, "countries", "country_unknown"),
        ({"attributes": {"x" * 41: "1"}}, "attributes", "attribute_key_length"),
        ({"attributes": {f"k{i}": "v" for i in range(21)}}, "attributes", "attributes_too_many"),
        ({"attributes": [{"key": "", "value": "12%"}]}, "attributes", "attribute_no_key"),
        (
            {"attributes": [{"key": "Grade", "value": "1"}, {"key": "grade", "value": "2"}]},
            "attributes",
            "attribute_duplicate",
        ),
        ({"payment_terms": ["barter"]}, "payment_terms", "invalid_choice"),
    ],
)
def test_each_rule_gives_an_error_on_its_field(db, changes, field, code):
    codes, errors = errors_of(wheat_offer(**changes))
    assert code in codes.get(field, []), errors
    assert set(codes) == {field}, errors  # only the broken field complains
    assert errors[field][0]  # a message, not just a code


def test_messages_name_the_rule(db):
    _codes, errors = errors_of(wheat_offer(incoterm="DAT"))
    assert "DPU" in errors["incoterm"][0]
    _codes, errors = errors_of(wheat_offer(incoterm="CIF", incoterm_place="KZALA"))
    assert "port" in errors["incoterm"][0] and "Almaty" in errors["incoterm"][0]
    _codes, errors = errors_of(wheat_offer(valid_until=days(400)))
    assert "one year" in errors["valid_until"][0]


def test_messages_are_translated(db):
    from django.utils import translation

    with translation.override("ru"):
        _codes, errors = errors_of(wheat_offer(hs_code="999999", incoterm="DAT"))
    assert errors["hs_code"] == ["Кода ГС «999999» нет в номенклатуре ГС 2022."]
    assert "используйте DPU" in errors["incoterm"][0]


def test_buy_request_may_use_a_heading_and_price_on_request(db):
    form = LeadForm(wheat_request(hs_code="1001"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["hs_code"].code == "1001"
    assert form.cleaned_data["currency"] is None


def test_sea_rule_with_a_port_is_fine(db):
    assert LeadForm(wheat_offer(incoterm="FOB", incoterm_place="CNSHA")).is_valid()


def test_attributes_rows_from_the_page(db):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for key, value in wheat_offer(attributes=None).items():
        if isinstance(value, list):
            data.setlist(key, value)
        elif value is not None:
            data[key] = value
    data.setlist("attributes_key", ["protein", "", "gluten"])
    data.setlist("attributes_value", ["12.5%", "", "23%"])
    form = LeadForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["attributes"] == {"protein": "12.5%", "gluten": "23%"}


# --- create, atomicity, committee, language -------------------------------------------------------------


def test_create_draft_writes_the_authors_language_and_suggests_the_committee(aigerim, kz_org):
    lead = make_lead(aigerim, kz_org, wheat_offer(title_en="Milling wheat, class 3"), publish=False)
    lead.refresh_from_db()
    assert lead.status == LeadStatus.DRAFT and lead.published_at is None
    assert lead.title_ru == "Пшеница продовольственная 3 класса" and lead.title_en == "Milling wheat, class 3"
    assert lead.title_zh_hans == ""
    assert (lead.hs_heading, lead.hs_chapter) == ("1001", "10")
    assert lead.committee is not None and "10" in set(
        lead.committee.hs_chapters.values_list("code", flat=True)
    )
    assert list(lead.countries.values_list("iso2", flat=True)) == ["CN"]
    assert lead.attributes == {"protein": "12.5%", "moisture": "14%"}
    assert lead.price_unit_id == "TNE" and lead.author == aigerim


def test_committee_can_be_chosen(aigerim, kz_org):
    lead = make_lead(aigerim, kz_org, wheat_offer(committee="agri-supply-chain"))
    assert lead.committee.slug == "agri-supply-chain"


def test_nothing_is_half_saved(aigerim, kz_org):
    form = LeadForm(wheat_offer())
    assert form.is_valid()
    values = lead_values(form)
    values["valid_until"] = TODAY() - datetime.timedelta(days=1)  # slipped past the form
    with pytest.raises(ValidationError) as exc:
        actions.create_lead(aigerim, kz_org, values, publish=True)
    assert "valid_until" in exc.value.message_dict
    assert not Lead.objects.exists()
    # A refused edit leaves the row as it was.
    lead = make_lead(aigerim, kz_org)
    actions.close_lead(aigerim, lead)
    values = lead_values(form)
    values["quantity"] = 1
    with pytest.raises(ValidationError):
        actions.update_lead(aigerim, lead, values)
    lead.refresh_from_db()
    assert lead.quantity == 5000 and lead.status == LeadStatus.CLOSED


# --- lifecycle ------------------------------------------------------------------------------------------

ALLOWED = {
    (LeadStatus.DRAFT, "publish"): LeadStatus.PUBLISHED,
    (LeadStatus.DRAFT, "close"): LeadStatus.CLOSED,
    (LeadStatus.PUBLISHED, "pause"): LeadStatus.PAUSED,
    (LeadStatus.PUBLISHED, "close"): LeadStatus.CLOSED,
    (LeadStatus.PUBLISHED, "renew"): LeadStatus.PUBLISHED,
    (LeadStatus.PAUSED, "publish"): LeadStatus.PUBLISHED,
    (LeadStatus.PAUSED, "close"): LeadStatus.CLOSED,
    (LeadStatus.PAUSED, "renew"): LeadStatus.PAUSED,
    (LeadStatus.EXPIRED, "renew"): LeadStatus.PUBLISHED,
    (LeadStatus.EXPIRED, "close"): LeadStatus.CLOSED,
}


@pytest.mark.parametrize("start", LeadStatus.values)
@pytest.mark.parametrize("action", ["publish", "pause", "close", "renew"])
def test_transition_table(aigerim, kz_org, start, action):
    lead = make_lead(aigerim, kz_org, publish=False)
    Lead.objects.filter(pk=lead.pk).update(status=start)
    expected = ALLOWED.get((start, action))
    if expected is None:
        with pytest.raises(ValidationError) as exc:
            getattr(actions, f"{action}_lead")(aigerim, lead)
        assert exc.value.code == "conflict" and exc.value.messages[0]
        lead.refresh_from_db()
        assert lead.status == start
    else:
        result = getattr(actions, f"{action}_lead")(aigerim, lead)
        lead.refresh_from_db()
        assert result.status == lead.status == expected


def test_stale_object_is_checked_against_the_locked_row(aigerim, kz_org):
    lead = make_lead(aigerim, kz_org)
    stale = Lead.objects.get(pk=lead.pk)
    actions.close_lead(aigerim, lead)
    with pytest.raises(ValidationError):
        actions.pause_lead(aigerim, stale)  # stale.status still says "published"


def test_publish_needs_a_valid_until_in_the_future(aigerim, kz_org):
    lead = make_lead(aigerim, kz_org, publish=False)
    Lead.objects.filter(pk=lead.pk).update(valid_until=TODAY() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        actions.publish_lead(aigerim, lead)
    assert "valid_until" in exc.value.message_dict


def test_renew_limits(aigerim, kz_org):
    lead = make_lead(aigerim, kz_org)
    with pytest.raises(ValidationError) as exc:
        actions.renew_lead(aigerim, lead, TODAY() + datetime.timedelta(days=370))
    assert "valid_until" in exc.value.message_dict
    renewed = actions.renew_lead(aigerim, lead, TODAY() + datetime.timedelta(days=300))
    assert renewed.valid_until == TODAY() + datetime.timedelta(days=300)


def test_duplicate_makes_a_draft_copy(aigerim, kz_org):
    lead = make_lead(aigerim, kz_org)
    actions.close_lead(aigerim, lead)
    copy = actions.duplicate_lead(aigerim, lead)
    assert copy.pk != lead.pk and copy.public_id != lead.public_id
    assert copy.status == LeadStatus.DRAFT and copy.published_at is None
    assert copy.title_ru == lead.title_ru and copy.hs_code_id == lead.hs_code_id
    assert list(copy.countries.values_list("iso2", flat=True)) == ["CN"]
    assert Lead.objects.get(pk=lead.pk).status == LeadStatus.CLOSED


# --- permissions ----------------------------------------------------------------------------------------


def test_only_members_of_the_owner_change_a_lead(aigerim, kz_org, li_wei, outsider):
    lead = make_lead(aigerim, kz_org)
    for user in (li_wei, outsider):
        for action in ("pause", "close", "renew", "duplicate"):
            with pytest.raises(PermissionDenied):
                getattr(actions, f"{action}_lead")(user, lead)
        with pytest.raises(PermissionDenied):
            actions.create_lead(user, kz_org, {})
    lead.refresh_from_db()
    assert lead.status == LeadStatus.PUBLISHED


def test_plain_member_may_change_the_organizations_leads(aigerim, kz_org):
    colleague = MembershipFactory(organization=kz_org, role="member").user
    lead = make_lead(aigerim, kz_org)
    assert actions.pause_lead(colleague, lead).status == LeadStatus.PAUSED


def test_visibility(aigerim, kz_org, li_wei, outsider):
    from django.contrib.auth.models import AnonymousUser

    published = make_lead(aigerim, kz_org)
    draft = make_lead(aigerim, kz_org, publish=False)
    for user in (AnonymousUser(), outsider, li_wei):
        assert set(Lead.objects.visible_to(user)) == {published}
    assert set(Lead.objects.visible_to(aigerim)) == {published, draft}


# --- expiry ---------------------------------------------------------------------------------------------


def test_expire_leads(aigerim, kz_org):
    old = make_lead(aigerim, kz_org)
    fresh = make_lead(aigerim, kz_org)
    paused = make_lead(aigerim, kz_org)
    actions.pause_lead(aigerim, paused)
    yesterday = TODAY() - datetime.timedelta(days=1)
    Lead.objects.filter(pk__in=[old.pk, paused.pk]).update(valid_until=yesterday)
    assert actions.expire_leads() == [old.pk]
    statuses = dict(Lead.objects.values_list("pk", "status"))
    assert statuses == {old.pk: "expired", fresh.pk: "published", paused.pk: "paused"}
    assert actions.expire_leads() == []  # idempotent
    assert not Lead.objects.open().filter(pk=old.pk).exists()


def test_expire_command_and_task(aigerim, kz_org):
    from scotemp.trade.tasks.leads import expire_leads

    lead = make_lead(aigerim, kz_org)
    Lead.objects.filter(pk=lead.pk).update(valid_until=TODAY() - datetime.timedelta(days=1))
    call_command("expire_leads", verbosity=0)
    assert Lead.objects.get(pk=lead.pk).status == LeadStatus.EXPIRED
    other = make_lead(aigerim, kz_org)
    in_ten_days = (TODAY() + datetime.timedelta(days=70)).isoformat()
    result = expire_leads.enqueue(today=in_ten_days)  # immediate backend in tests
    assert result.return_value == [other.pk]
    assert Lead.objects.get(pk=other.pk).status == LeadStatus.EXPIRED
