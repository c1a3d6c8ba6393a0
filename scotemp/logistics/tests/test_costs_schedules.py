"""The duty and VAT schedules: the shipped samples as loaded by load_reference, the rate grammar, and
the operator's imports (all rows or none, errors naming line and field)."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from scotemp.logistics.actions.costs import parse_rate
from scotemp.logistics.actions.costs.parsing import RateError, parse_validity
from scotemp.logistics.choices.costs import CompoundRule, DutyKind, Quota, RateConfidence
from scotemp.logistics.models import CustomsUnionMember, DutyRate, VatRate, VatReducedRate

CUR = {"CNY", "EUR", "USD"}
UNITS = {"KGM", "TNE", "H87"}


def test_rate_grammar():
    assert parse_rate("5%", CUR, UNITS).ad_valorem_pct == Decimal(5)
    specific = parse_rate("0 yuan/kg", CUR, UNITS)
    assert (specific.kind, specific.specific_amount, specific.specific_currency, specific.specific_unit) == (
        DutyKind.SPECIFIC, Decimal(0), "CNY", "KGM",
    )  # fmt: skip
    temporary = parse_rate("2% (temporary 0%)", CUR, UNITS)
    assert (temporary.ad_valorem_pct, temporary.provisional_pct) == (Decimal(2), Decimal(0))
    assert parse_rate("10% + 0.5 EUR/kg", CUR, UNITS).compound_rule == CompoundRule.SUM
    greater = parse_rate("20%, min 6.9 EUR/pc", CUR, UNITS)
    assert (greater.kind, greater.compound_rule, greater.specific_unit) == (
        DutyKind.COMPOUND, CompoundRule.GREATER, "H87",
    )  # fmt: skip
    assert parse_rate("", CUR, UNITS).kind == DutyKind.UNKNOWN
    for bad in ("five percent", "5 XXX/kg", "5 EUR/furlong", "-3%", "5000%"):
        with pytest.raises(RateError):
            parse_rate(bad, CUR, UNITS)


def test_validity_grammar():
    assert parse_validity("2025")[:2] == (datetime.date(2025, 1, 1), None)
    assert parse_validity("from 2018-09-01")[0] == datetime.date(2018, 9, 1)
    start, end, note = parse_validity("2024-01-01 to 2026-12-31; 13% from 2027-01-01")
    assert (start, end) == (datetime.date(2024, 1, 1), datetime.date(2026, 12, 31))
    assert "13% from 2027" in note
    assert parse_validity("Iranian year 1403 (from 2024-03-20)")[0] == datetime.date(2024, 3, 20)
    assert parse_validity("") == (None, None, "")


@pytest.mark.django_db
def test_shipped_samples_are_loaded_with_their_sources():
    cotton = DutyRate.objects.filter(jurisdiction="CN", hs_prefix="520300")
    assert {(r.quota, r.ad_valorem_pct) for r in cotton} == {
        (Quota.IN_QUOTA, Decimal(1)), (Quota.OUT_OF_QUOTA, Decimal(40)),
    }  # fmt: skip
    oil = DutyRate.objects.get(jurisdiction="CN", hs_prefix="270900")
    assert (oil.kind, oil.specific_currency_id, oil.specific_unit_id) == (DutyKind.SPECIFIC, "CNY", "KGM")
    copper = DutyRate.objects.get(jurisdiction="CN", hs_prefix="740311")
    assert (copper.ad_valorem_pct, copper.provisional_pct) == (Decimal(2), Decimal(0))
    wheat = DutyRate.objects.get(jurisdiction="CN", hs_prefix="1001")
    assert wheat.kind == DutyKind.UNKNOWN and wheat.ad_valorem_pct is None
    assert wheat.confidence == RateConfidence.UNVERIFIED and wheat.indicative
    tyres = DutyRate.objects.get(jurisdiction="EAEU", hs_prefix="401110")
    assert tyres.confidence == RateConfidence.APPROXIMATE and "min 6.9 EUR/pc" in tyres.notes
    assert DutyRate.objects.get(jurisdiction="UZ", hs_prefix="").kind == DutyKind.UNKNOWN
    members = set(CustomsUnionMember.objects.filter(union="EAEU").values_list("country_id", flat=True))
    assert members == {"RU", "KZ", "KG", "BY", "AM"}
    assert all("eaeunion.org" in m.source for m in CustomsUnionMember.objects.all())
    tj = VatRate.objects.get(country="TJ")
    assert (tj.standard_pct, tj.valid_to) == (Decimal(14), datetime.date(2026, 12, 31))
    assert VatRate.objects.get(country="KG").confidence == RateConfidence.UNVERIFIED
    grains = VatReducedRate.objects.get(country="CN", hs_prefix="10")
    assert grains.rate_pct == Decimal(9) and grains.indicative


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    counts = (DutyRate.objects.count(), VatRate.objects.count(), VatReducedRate.objects.count())
    from scotemp.logistics.actions.costs import load_schedules

    load_schedules()
    assert (DutyRate.objects.count(), VatRate.objects.count(), VatReducedRate.objects.count()) == counts


@pytest.mark.django_db
def test_import_tariffs_writes_all_rows_or_none(tmp_path):
    good = tmp_path / "kz.csv"
    good.write_text(
        "hs_code,description,mfn_rate,year,source,confidence,notes\n"
        "100199,Wheat,5%,2026,https://example.test/cct,verified,\n"
        '4011,Tyres,"10%, min 5 EUR/pc",2026,https://example.test/cct,approximate,\n'
    )
    call_command("import_tariffs", str(good), jurisdiction="EAEU", verbosity=0)
    assert DutyRate.objects.get(jurisdiction="EAEU", hs_prefix="100199").ad_valorem_pct == Decimal(5)
    assert DutyRate.objects.get(jurisdiction="EAEU", hs_prefix="4011").compound_rule == CompoundRule.GREATER

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "hs_code,description,mfn_rate,year,source,confidence,notes\n"
        "0902,Tea,12%,2026,https://example.test/cct,verified,\n"
        "9,Too short,5%,2026,https://example.test/cct,verified,\n"
        "0901,Coffee,lots,2026,https://example.test/cct,verified,\n"
        "0903,Mate,5%,2026,,verified,\n"
    )
    before = DutyRate.objects.count()
    with pytest.raises(CommandError) as info:
        call_command("import_tariffs", str(bad), jurisdiction="EAEU", verbosity=0)
    message = str(info.value)
    assert "line 3, hs_code" in message and "line 4, mfn_rate" in message and "line 5, source" in message
    assert DutyRate.objects.count() == before
    # The valid first row was not written either: the sample's blank tea row stays blank.
    assert DutyRate.objects.get(jurisdiction="EAEU", hs_prefix="0902").ad_valorem_pct is None


@pytest.mark.django_db
def test_import_tariffs_refuses_another_jurisdiction(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text(
        "hs_code,jurisdiction,mfn_rate,year,source,confidence\n1001,CN,5%,2026,https://example.test,verified\n"
    )
    with pytest.raises(CommandError, match="line 2, jurisdiction"):
        call_command("import_tariffs", str(path), jurisdiction="EAEU", verbosity=0)


@pytest.mark.django_db
def test_import_vat_with_a_reduced_rate(tmp_path):
    path = tmp_path / "vat.csv"
    path.write_text(
        "iso2,standard_rate_pct,hs_prefix,description,effective_from,source,source_date,confidence,notes\n"
        "UZ,12,,,2023-01-01,https://example.test/uz,2023-05-17,verified,\n"
        "UZ,0,0701,Fresh vegetables,2023-01-01,https://example.test/uz,2023-05-17,approximate,\n"
    )
    call_command("import_vat", str(path), verbosity=0)
    assert VatReducedRate.objects.get(country="UZ", hs_prefix="0701").rate_pct == Decimal(0)
    bad = tmp_path / "bad.csv"
    bad.write_text("iso2,standard_rate_pct,source\nXX,12,https://example.test\nUZ,abc,https://example.test\n")
    with pytest.raises(CommandError) as info:
        call_command("import_vat", str(bad), verbosity=0)
    assert "line 2, iso2" in str(info.value) and "line 3, standard_rate_pct" in str(info.value)


@pytest.mark.django_db
def test_operator_edits_the_schedules_in_the_admin(client):
    from django.urls import reverse

    from tests.factories import UserFactory

    admin = UserFactory(email="root@scotemp.org", is_staff=True, is_superuser=True)
    client.force_login(admin)
    for model in ("dutyrate", "vatrate", "vatreducedrate", "customsunion"):
        assert client.get(reverse(f"admin:logistics_{model}_changelist")).status_code == 200
    row = DutyRate.objects.get(jurisdiction="CN", hs_prefix="760110")
    assert client.get(reverse("admin:logistics_dutyrate_change", args=[row.pk])).status_code == 200
