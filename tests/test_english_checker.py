"""The checker behind the no-English tests (tests/english.py) finds what it must and leaves alone what
is not the platform's English."""

from tests.english import english_in_html, english_in_text, english_words


def test_words_codes_and_addresses():
    assert english_words("Единица: TNE, USD, FCA KZALA, HS 1001 90, B2B") == []
    assert english_words("aigerim@astyk.kz https://temp.example.org/leads/ localhost:8000 spec.pdf") == []
    assert english_words("Номер PI-3B0B3B89-v2 · SCO TEMP · Incoterms® 2020") == []
    assert english_words("5 000 t · Unit: тонна") == ["t", "Unit"]


def test_pages():
    page = (
        '<html lang="ru"><head><title>Milling wheat · SCO TEMP</title></head><body>'
        '<h1 lang="">Milling wheat</h1><p>Продавец: <span lang="">Tashkent Mill</span></p>'
        '<p lang="en">Hello</p><code>Authorization: Bearer</code>'
        '<input type="submit" value="Send"><img alt="Logo"><span data-text="COUNT of MAX"></span>'
        '<a data-action="publish" title="Открыть">Price per</a><script>var a = "Hello";</script>'
        "</body></html>"
    )
    found = english_in_html(page)
    assert [f.split(":")[0] for f in found] == [
        "<input value> 'Send'",
        "<img alt> 'Logo'",
        "<span data-text> 'COUNT of MAX'",
        "<a> 'Price per'",
    ]


def test_text():
    assert english_in_text("Покупатель: Tashkent Mill\nOpen it", user_texts=["Tashkent Mill"]) == [
        "'Open it': Open, it"
    ]
