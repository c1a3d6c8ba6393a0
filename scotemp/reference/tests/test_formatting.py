import datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from scotemp.core.formatting import babel_locale, currency_name, format_date, format_decimal, format_money

NBSP = "\xa0"
NNBSP = "\u202f"  # CLDR puts a narrow no-break space before "г."


def test_babel_locales():
    assert babel_locale("zh-hans") == "zh_Hans_CN"
    assert babel_locale("ru") == "ru_RU"
    assert babel_locale("en") == "en"


def test_money_in_three_languages():
    assert format_money(1234567.5, "USD", "en") == "$1,234,567.50"
    assert format_money(Decimal("1234567.5"), "USD", "ru") == f"1{NBSP}234{NBSP}567,50{NBSP}$"
    assert format_money(1234567.5, "USD", "zh-hans") == "US$1,234,567.50"
    assert format_money(1234567.5, "CNY", "zh-hans") == "¥1,234,567.50"


def test_minor_units_respected():
    assert format_money(1234.5, "JPY", "en") == "¥1,235"
    assert format_money(1234.5, "KWD", "en").endswith("1,234.500")
    assert format_money(None, "USD", "en") == ""


def test_active_language_is_the_default():
    with translation.override("ru"):
        assert format_decimal(1234567.891) == f"1{NBSP}234{NBSP}567,891"
        assert format_date(datetime.date(2025, 9, 1)) == f"1 сент. 2025{NNBSP}г."
        assert currency_name("RUB") == "российский рубль"
    with translation.override("zh-hans"):
        assert format_date(datetime.date(2025, 9, 1)) == "2025年9月1日"
        assert currency_name("CNY") == "人民币"


def test_template_filters():
    template = Template('{% load formatting %}{{ a|money:"USD" }}|{{ n|num:2 }}|{{ d|ldate:"long" }}')
    context = Context({"a": 1234567.5, "n": 5000, "d": datetime.date(2024, 7, 4)})
    with translation.override("en"):
        assert template.render(context) == "$1,234,567.50|5,000.00|July 4, 2024"
    with translation.override("ru"):
        assert template.render(context) == f"1{NBSP}234{NBSP}567,50{NBSP}$|5{NBSP}000,00|4 июля 2024{NNBSP}г."
