"""Every catalogue is complete: no untranslated or fuzzy entry, and the committed .mo matches its .po."""

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"))
TRANSLATED = [po for po in CATALOGUES if po.parts[-3] in {"zh_Hans", "ru"}]


def test_catalogues_exist_for_chinese_and_russian():
    assert {po.parts[-3] for po in TRANSLATED} == {"zh_Hans", "ru"}


@pytest.mark.parametrize("po_path", TRANSLATED, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_no_untranslated_or_fuzzy_entries(po_path):
    with po_path.open("rb") as fh:
        catalog = read_po(fh)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, f"{po_path}: {len(problems)} problems, e.g. {problems[:5]}"


@pytest.mark.parametrize("po_path", TRANSLATED, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_compiled_catalogue_is_current(po_path):
    def entries(messages):
        # Keyed by context too: "Quoted" as an inquiry status and as a date label are two entries.
        return {
            (m.context, m.id if isinstance(m.id, str) else m.id[0]): tuple(m.string)
            if isinstance(m.string, (list, tuple))
            else m.string
            for m in messages
            if m.id
        }

    with po_path.open("rb") as fh:
        source = entries(read_po(fh))
    with po_path.with_suffix(".mo").open("rb") as fh:
        compiled = entries(read_mo(fh))
    stale = [msgid for msgid, text in source.items() if compiled.get(msgid) != text]
    assert not stale, f"{po_path.with_suffix('.mo')} is stale (run `make messages`): {stale[:5]}"
