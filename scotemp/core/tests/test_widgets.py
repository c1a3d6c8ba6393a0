"""Date pickers keep their value in every language: a browser's date input reads only YYYY-MM-DD."""

import datetime

import pytest
from django.utils import translation

from scotemp.deals.forms import QuotationForm
from scotemp.directory.forms import CertificationForm
from scotemp.trade.forms import LeadForm


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
@pytest.mark.parametrize(
    ("form_class", "field"),
    [(LeadForm, "delivery_from"), (QuotationForm, "valid_until"), (CertificationForm, "valid_until")],
)
def test_date_inputs_render_iso_dates_in_every_language(db, language, form_class, field):
    with translation.override(language):
        html = str(form_class(initial={field: datetime.date(2026, 12, 1)})[field])
    assert 'type="date"' in html and 'value="2026-12-01"' in html
