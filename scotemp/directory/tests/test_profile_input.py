"""What people type into the profile editor is read as they mean it, or refused with the rule:
websites without a scheme, phone numbers as dialled at home, founding years, long descriptions."""

import datetime

import pytest
from django.urls import reverse

from scotemp.core.templatetags.long_text import split_for_more
from scotemp.core.text import DESCRIPTION_MAX_LENGTH
from scotemp.directory.models import OrganizationProfile

from .test_profile_views import edit_url, form_data


@pytest.fixture
def owner_client(client, aigerim):
    client.force_login(aigerim)
    return client


def test_website_without_scheme_and_phone_as_dialled_at_home_are_accepted(owner_client, kz_org):
    response = owner_client.post(
        edit_url(kz_org), form_data(kz_org, website="astyk.kz", contact_phone="8 701 234 56 78")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    kz_org.refresh_from_db()
    assert kz_org.website == "https://astyk.kz"
    assert OrganizationProfile.objects.get(organization=kz_org).contact_phone == "+7 701 234 5678"
    page = owner_client.get(edit_url(kz_org)).content.decode()
    assert 'type="url"' not in page  # the browser's own check would refuse "astyk.kz" before sending
    assert 'type="tel"' in page


def test_invalid_phone_is_refused_in_the_users_language_and_nothing_is_saved(owner_client, kz_org):
    response = owner_client.post(
        edit_url(kz_org), form_data(kz_org, contact_phone="+7 123", website="astyk.kz")
    )
    assert response.status_code == 400  # the form comes back with its errors
    text = response.content.decode()
    assert "номер телефона" in text.lower()  # Aigerim works in Russian
    kz_org.refresh_from_db()
    assert kz_org.website == ""


def test_founding_year_cannot_be_in_the_future(owner_client, kz_org):
    next_year = datetime.date.today().year + 1
    response = owner_client.post(edit_url(kz_org), form_data(kz_org, year_founded=str(next_year)))
    assert response.status_code == 400  # the form comes back with its errors
    assert str(next_year - 1) in response.content.decode()  # "между 1800 и <this year>"
    this_year = owner_client.post(edit_url(kz_org), form_data(kz_org, year_founded=str(next_year - 1)))
    assert this_year.status_code == 302


def test_too_long_description_is_refused_and_comes_back_whole_with_a_counter(owner_client, kz_org):
    long_text = "Экспорт пшеницы. " * 3000  # 51,000 characters
    response = owner_client.post(edit_url(kz_org), form_data(kz_org, description_ru=long_text))
    assert response.status_code == 400  # the form comes back with its errors
    page = response.content.decode()
    assert long_text.strip() in page  # nothing cut: the author shortens it
    assert f'data-max-length="{DESCRIPTION_MAX_LENGTH}"' in page and 'maxlength="5000"' not in page
    assert 'class="char-counter' in page
    kz_org.refresh_from_db()
    assert kz_org.description_ru != long_text.strip()


def test_long_description_is_folded_behind_read_more(client, aigerim, kz_org):
    paragraphs = [f"Абзац {i}: " + "зерно высшего качества, " * 20 for i in range(8)]
    kz_org.description_ru = "\n\n".join(paragraphs)
    kz_org.save()
    client.force_login(aigerim)
    page = client.get(reverse("directory:organization", args=[kz_org.public_id])).content.decode()
    assert '<details class="read-more">' in page and "Читать дальше" in page
    assert "Абзац 7" in page  # the rest is on the page, folded


@pytest.mark.parametrize(
    "text, head_ends_with",
    [
        ("Короткий текст.", "Короткий текст."),
        ("Первое предложение. " * 60, "."),
        ("第一句话。" * 300, "。"),
    ],
)
def test_split_for_more_cuts_at_a_boundary(text, head_ends_with):
    head, rest = split_for_more(text)
    assert head.endswith(head_ends_with)
    assert (head + " " + rest).split() == text.split() or head + rest == text.strip()
