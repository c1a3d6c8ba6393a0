"""A Russian label starts with a capital letter where the English one does ("HS code" → "Код ТН ВЭД
(ГС)", not "код ТН ВЭД (ГС)"): labels, headings and buttons read as in any Russian interface. Checked
over the compiled Russian catalogue, every entry whose English text starts with a capital letter."""

import gettext

from django.conf import settings


def _catalogue(language):
    path = settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.mo"
    with open(path, "rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def test_russian_texts_start_with_a_capital_where_english_does():
    lower = []
    for key, text in _catalogue("ru").items():
        msgid = key[0] if isinstance(key, tuple) else key
        msgid = msgid.split("\x04", 1)[-1]  # without its context
        english, russian = msgid.lstrip(), text.lstrip()
        if not english or not russian or not english[0].isalpha() or not russian[0].isalpha():
            continue
        if english[0].isupper() and russian[0].islower():
            lower.append(f"{msgid!r} → {text!r}")
    assert not lower, "Russian texts starting with a lower-case letter:\n" + "\n".join(sorted(lower))
