import datetime

import pytest

from scotemp.reference.models import Country
from scotemp.reference.queries import country_status, sco_countries, sco_counts

pytestmark = pytest.mark.django_db

D = datetime.date


def test_india_observer_then_member():
    india = Country.objects.get(iso2="IN")
    assert india.sco_status_on(D(2016, 1, 1)) == "observer"
    assert india.sco_status_on(D(2018, 1, 1)) == "member"
    assert india.sco_status_on(D(2017, 6, 8)) == "observer"
    assert india.sco_status_on(D(2017, 6, 9)) == "member"
    assert india.sco_status_on(D(2005, 7, 4)) is None


def test_belarus_becomes_member_on_4_july_2024():
    assert country_status("BY", D(2024, 7, 3)) == "observer"
    assert country_status("BY", D(2024, 7, 4)) == "member"
    assert country_status("BY", D(2012, 1, 1)) == "dialogue_partner"


def test_laos_partner_from_tianjin_summit_only():
    assert country_status("LA", D(2025, 8, 31)) is None
    assert country_status("LA", D(2025, 9, 1)) == "partner"
    assert country_status("LA", D(2020, 1, 1)) is None


def test_observers_and_dialogue_partners_merged_on_1_september_2025():
    assert country_status("MN", D(2025, 8, 31)) == "observer"
    assert country_status("MN", D(2025, 9, 1)) == "partner"
    assert country_status("TR", D(2025, 8, 31)) == "dialogue_partner"
    assert country_status("TR", D(2025, 9, 1)) == "partner"


def test_ten_members_and_seventeen_partners_today():
    assert sco_counts(D(2026, 1, 1)) == {"members": 10, "partners": 17}
    members = {s.country.iso2 for s in sco_countries(D(2026, 1, 1), "member")}
    assert members == {"CN", "KZ", "KG", "RU", "TJ", "UZ", "IN", "PK", "IR", "BY"}
    partners = {s.country.iso2 for s in sco_countries(D(2026, 1, 1), "partner")}
    assert {"AF", "MN", "LA", "TR", "AE"} <= partners
    assert all(s.status == "partner" for s in sco_countries(D(2026, 1, 1), "partner"))


def test_history_counts_on_earlier_dates():
    assert sco_counts(D(2002, 1, 1)) == {"members": 6, "partners": 0}
    assert sco_counts(D(2018, 1, 1))["members"] == 8
    assert sco_counts(D(2024, 1, 1))["members"] == 9
    # before Tianjin: 2 observers (Afghanistan, Mongolia) and 14 dialogue partners
    assert sco_counts(D(2025, 8, 1)) == {"members": 10, "partners": 16}


def test_members_listed_first_in_accession_order():
    statuses = sco_countries(D(2026, 1, 1))
    assert [s.is_member for s in statuses[:10]] == [True] * 10
    assert statuses[9].country.iso2 == "BY"


def test_partners_carry_the_date_they_first_joined():
    by_iso = {s.country.iso2: s for s in sco_countries(D(2026, 1, 1))}
    assert by_iso["MN"].since == D(2025, 9, 1)
    assert by_iso["MN"].joined == D(2004, 6, 17)
    assert by_iso["IN"].joined == D(2005, 7, 5)


def test_status_notes_read_in_the_readers_language(client):
    """Each status period's source note exists in Russian and Chinese and the countries page shows the
    reader's (no English left in them: the page test, tests/test_no_english.py, checks the page)."""
    import re

    from scotemp.reference.models import SCOStatusPeriod

    periods = list(SCOStatusPeriod.objects.all())
    assert periods
    for period in periods:
        assert period.note_en and period.note_ru and period.note_zh_hans, period
        assert not re.search(r"[A-Za-z]{2,}", period.note_ru.replace("ШОС", "")), period.note_ru
        assert not re.search(r"[A-Za-z]{2,}", period.note_zh_hans), period.note_zh_hans
    kazakhstan = SCOStatusPeriod.objects.get(country_id="KZ")
    for language in ("ru", "zh-hans"):
        page = client.get("/reference/countries/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        note = kazakhstan.note_ru if language == "ru" else kazakhstan.note_zh_hans
        assert note in page
        assert kazakhstan.note_en not in page
