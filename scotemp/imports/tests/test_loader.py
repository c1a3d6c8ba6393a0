"""The requirements file: every row is checked before anything is written, a bad row names its row and
column, reloading is idempotent and leaves the operator's edits alone."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from scotemp.imports.actions.loading import COLUMNS, DATA_FILE, load_requirements, read_requirements
from scotemp.imports.models import ImportRequirement

pytestmark = pytest.mark.django_db

GOOD = {
    "key": "9999-test",
    "hs_scope": "99",
    "kind": "other",
    "authority": "other",
    "summary_en": "Test.",
    "summary_zh_hans": "测试。",
    "summary_ru": "Тест.",
    "confidence": "unverified",
}


def _csv(*rows) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def test_the_shipped_file_is_valid_and_every_verified_row_has_source_and_date():
    rows = read_requirements(DATA_FILE.read_text(encoding="utf-8"))
    assert len(rows) >= 20
    for row in rows:
        if row["confidence"] == "verified":
            assert row["source_url"] and row["checked_on"], row["key"]
        else:
            assert not row["checked_on"], f"{row['key']}: unverified rows carry no check date"


@pytest.mark.parametrize(
    "change, column",
    [
        ({"kind": "licence"}, "kind"),
        ({"hs_scope": "123"}, "hs_scope"),
        ({"authority": ""}, "authority"),
        ({"checked_on": "04.12.2026"}, "checked_on"),
        ({"source_url": "not a url"}, "source_url"),
        ({"confidence": "verified"}, "confidence"),
        ({"summary_ru": ""}, "summary_ru"),
        ({"key": "Bad Key"}, "key"),
    ],
)
def test_a_bad_row_names_row_and_column_and_nothing_is_written(change, column):
    before = ImportRequirement.objects.count()
    text = _csv(GOOD, {**GOOD, "key": "9999-second", **change})
    with pytest.raises(ValidationError) as error:
        load_requirements(text)
    message = error.value.messages[0]
    assert message.startswith(f"Row 3, column “{column}”"), message
    assert ImportRequirement.objects.count() == before, "all or nothing"


def test_duplicate_key_is_refused():
    with pytest.raises(ValidationError) as error:
        load_requirements(_csv(GOOD, GOOD))
    assert "Row 3, column “key”" in error.value.messages[0]


def test_reload_is_idempotent_and_keeps_the_operators_edits():
    counts = load_requirements(DATA_FILE.read_text(encoding="utf-8"))
    assert counts["requirements added"] == 0 and counts["requirements updated"] == 0
    row = ImportRequirement.objects.get(key="1001-tariff-quota")
    row.summary_en, row.operator_edited = "Edited by the operator.", True
    row.save()
    counts = load_requirements(DATA_FILE.read_text(encoding="utf-8"))
    assert counts["requirements kept (edited)"] == 1
    row.refresh_from_db()
    assert row.summary_en == "Edited by the operator."
    # A row changed in the file and not edited is updated.
    other = ImportRequirement.objects.get(key="1005-tariff-quota")
    other.summary_en = "stale"
    other.save()
    assert load_requirements(DATA_FILE.read_text(encoding="utf-8"))["requirements updated"] == 1
