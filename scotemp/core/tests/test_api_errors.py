"""Schema errors read in the caller's language and name the parameter or field at fault."""

import pytest
from django.utils import translation


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_an_out_of_range_page_is_a_translated_422_naming_it(client, language):
    response = client.get("/api/v1/leads", {"page": 10**22}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 422
    body = response.json()
    with translation.override(language):
        expected = translation.gettext("Enter a value of at most %(limit)s.") % {"limit": "10000"}
    assert body["errors"] == {"page": [expected]} or body["errors"]["page"] == [
        translation.gettext("Enter a whole number.")
    ]
    if language != "en":
        assert "Input should" not in response.content.decode()


@pytest.mark.django_db
def test_a_value_outside_its_choices_names_the_field_in_russian(client, aigerim, kz_org):
    client.force_login(aigerim)
    response = client.post(
        "/api/v1/tokens",
        {"organization": str(kz_org.public_id), "name": "ERP", "scope": "admin"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 422, response.content
    [message] = response.json()["errors"]["scope"]
    with translation.override("ru"):
        prefix = translation.gettext("Choose one of: %(choices)s.").split("%(choices)s")[0]
    assert message.startswith(prefix) and "read" in message and "write" in message
    assert "Input should" not in response.content.decode()
