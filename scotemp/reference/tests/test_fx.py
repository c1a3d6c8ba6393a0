import datetime
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scotemp.reference.fx import DEMO_RATES_CSV, Conversion, convert, rates_for
from scotemp.reference.models import FxRate

pytestmark = pytest.mark.django_db

D = datetime.date


def rate(base, quote, day, value, source="test bank", is_demo=False):
    return FxRate.objects.create(
        base_id=base, quote_id=quote, date=day, rate=Decimal(value), source=source, is_demo=is_demo
    )


def test_same_currency_is_rate_one_without_a_rate_row():
    assert convert(Decimal("10.005"), "KZT", "KZT", D(2026, 3, 1)) == Conversion(
        Decimal("10.01"), Decimal(1), D(2026, 3, 1), "", False
    )


def test_direct_pair_takes_the_latest_rate_on_or_before_the_day():
    rate("USD", "KZT", D(2026, 3, 1), "500")
    rate("USD", "KZT", D(2026, 3, 3), "510")
    rate("USD", "KZT", D(2026, 3, 9), "530")  # after the day asked for: not used

    result = convert(Decimal("2.5"), "USD", "KZT", D(2026, 3, 5))
    assert (result.amount, result.rate, result.rate_date) == (Decimal("1275.00"), Decimal(510), D(2026, 3, 3))
    assert convert(Decimal(1), "USD", "KZT", D(2026, 3, 3)).rate == 510
    assert convert(Decimal(1), "USD", "KZT", D(2026, 2, 28)) is None


def test_inverse_pair_keeps_rate_precision_and_rounds_the_amount_half_up():
    rate("USD", "CNY", D(2026, 1, 2), "7.2")
    result = convert(Decimal("100"), "CNY", "USD", D(2026, 1, 10))
    assert result.rate == Decimal(1) / Decimal("7.2")
    assert result.amount == Decimal("13.89")  # 13.888…
    assert result.source == "test bank"


def test_cross_via_usd_uses_the_older_date_and_marks_demo():
    rate("USD", "CNY", D(2026, 1, 5), "7.0")
    rate("RUB", "USD", D(2026, 1, 3), "0.0125", source="demo (invented)", is_demo=True)
    result = convert(Decimal("1000"), "RUB", "CNY", D(2026, 1, 6))
    assert result.rate == Decimal("0.0125") * Decimal("7.0")
    assert result.amount == Decimal("87.50")
    assert result.rate_date == D(2026, 1, 3)
    assert result.is_demo is True
    assert result.source == "demo (invented); test bank"
    # The other way round crosses through both inverses.
    back = convert(Decimal("87.50"), "CNY", "RUB", D(2026, 1, 6))
    assert back.amount == Decimal("1000.00")


def test_no_rate_for_either_leg_is_none():
    rate("USD", "CNY", D(2026, 1, 5), "7.0")
    assert convert(Decimal(1), "RUB", "CNY", D(2026, 1, 6)) is None
    assert convert(Decimal(1), "CNY", "KZT", D(2026, 1, 6)) is None


def test_rates_for_twenty_currencies_in_one_query():
    codes = ["CNY", "RUB", "KZT", "UZS", "KGS", "INR", "EUR", "BYN", "PKR", "IRR", "TJS"]
    codes += ["GBP", "JPY", "TRY", "AED", "MNT", "AZN", "AMD", "LKR", "NPR"]
    for index, code in enumerate(codes):
        rate("USD", code, D(2026, 4, 1), str(index + 2))
        rate("USD", code, D(2026, 4, 2), str(index + 3))
    with CaptureQueriesContext(connection) as queries:
        table = rates_for({*codes, "USD", "XOF"}, "CNY", D(2026, 4, 2))
    assert len(queries) == 2
    assert "XOF" not in table  # no rate stored
    assert table["USD"].rate == Decimal("3")
    assert table["CNY"] == Conversion(Decimal("1.00"), Decimal(1), D(2026, 4, 2), "", False)
    assert table["RUB"].rate == Decimal(1) / Decimal(4) * Decimal(3)
    assert table["RUB"] == convert(Decimal(1), "RUB", "CNY", D(2026, 4, 2))


GOOD_CSV = """date,base,quote,rate,source
2026-01-01,USD,CNY,7.10,
2026-01-02,USD,CNY,7.12,PBoC
2026-01-02,USD,KZT,512.5,
"""


def load(tmp_path, text, *args, **options):
    path = tmp_path / "rates.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("load_fx", str(path), *args, stdout=out, **options)
    return out.getvalue()


def test_load_fx_writes_rows_and_is_idempotent(tmp_path):
    output = load(tmp_path, GOOD_CSV, "--source", "NBK")
    assert "3 rows read" in output and "3 rows written (3 new, 0 changed)" in output
    row = FxRate.objects.get(base="USD", quote="CNY", date=D(2026, 1, 2))
    assert (row.rate, row.source, row.is_demo) == (Decimal("7.12"), "PBoC", False)
    assert FxRate.objects.get(quote="KZT").source == "NBK"

    again = load(tmp_path, GOOD_CSV, "--source", "NBK")
    assert "0 rows written" in again and "3 unchanged" in again
    assert FxRate.objects.count() == 3

    # A corrected rate updates the row in place.
    load(tmp_path, GOOD_CSV.replace("512.5", "513"), "--source", "NBK")
    assert FxRate.objects.get(quote="KZT").rate == 513
    assert FxRate.objects.count() == 3


def test_load_fx_demo_marks_rows_and_defaults_source(tmp_path):
    load(tmp_path, "date,base,quote,rate\n2026-01-01,USD,RUB,85\n", demo=True)
    row = FxRate.objects.get()
    assert (row.is_demo, row.source) == (True, "demo")


def test_bad_file_writes_nothing_and_names_every_bad_line(tmp_path):
    rate("USD", "CNY", D(2026, 1, 1), "7.00")
    bad = (
        "date,base,quote,rate\n"
        "2026-01-01,USD,CNY,7.10\n"  # line 2: fine
        "2026-13-01,USD,CNY,7.10\n"  # line 3: bad date
        "2026-01-03,USD,ABC,7.10\n"  # line 4: unknown currency
        "2026-01-04,USD,CNY,-1\n"  # line 5: negative rate
        "2026-01-05,USD,CNY,abc\n"  # line 6: not a number
        "2026-01-01,USD,CNY,7.20\n"  # line 7: duplicate of line 2
    )
    with pytest.raises(CommandError) as error:
        load(tmp_path, bad, "--source", "NBK")
    message = str(error.value)
    for line in (3, 4, 5, 6, 7):
        assert f"line {line}:" in message
    assert "line 2:" not in message
    assert "ABC" in message
    # Nothing written, not even the good line's update.
    assert FxRate.objects.get().rate == Decimal("7.00")


def test_missing_source_and_header_are_errors(tmp_path):
    with pytest.raises(CommandError, match="line 2: no source"):
        load(tmp_path, "date,base,quote,rate\n2026-01-01,USD,RUB,85\n")
    with pytest.raises(CommandError, match="missing: rate"):
        load(tmp_path, "date,base,quote\n2026-01-01,USD,RUB\n")
    assert not FxRate.objects.exists()


def test_demo_file_loads_and_converts():
    assert not FxRate.objects.exists()  # load_reference, run at session start, leaves the demo rates out
    call_command("load_fx", str(DEMO_RATES_CSV), demo=True, stdout=io.StringIO())
    assert FxRate.objects.count() == 11 * 365
    assert not FxRate.objects.filter(is_demo=False).exists()
    assert set(FxRate.objects.values_list("source", flat=True)) == {"demo (invented)"}
    result = convert(Decimal("1000000"), "KZT", "CNY", D(2026, 6, 15))
    usd_kzt = FxRate.objects.get(base="USD", quote="KZT", date=D(2026, 6, 15)).rate
    usd_cny = FxRate.objects.get(base="USD", quote="CNY", date=D(2026, 6, 15)).rate
    expected = (Decimal("1000000") / usd_kzt * usd_cny).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert result.amount == expected
    assert result.is_demo
