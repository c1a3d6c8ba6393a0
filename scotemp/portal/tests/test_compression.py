import gzip

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from scotemp.core.compression import TextGZipMiddleware
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_a_page_is_served_gzip_encoded_when_the_client_accepts_it(client):
    plain = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert not plain.has_header("Content-Encoding")
    assert "Accept-Encoding" in plain["Vary"]

    packed = client.get("/", HTTP_ACCEPT_LANGUAGE="en", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 3
    html = gzip.decompress(packed.content).decode()
    assert html.startswith("<!doctype html>") and "The platform today" in html


def test_api_answers_are_compressed_too(client):
    for _ in range(3):
        OrganizationFactory()
    response = client.get("/api/v1/organizations", HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).startswith(b"{")


def test_short_and_non_text_answers_are_not_compressed(client):
    # The favicon redirect: an empty body.
    response = client.get("/favicon.ico", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 301 and not response.has_header("Content-Encoding")

    middleware = TextGZipMiddleware(lambda request: None)
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip")
    picture = HttpResponse(b"\x89PNG" + bytes(5000), content_type="image/png")
    assert not middleware.process_response(request, picture).has_header("Content-Encoding")
    assert picture.content == b"\x89PNG" + bytes(5000)
    text = HttpResponse("a" * 5000, content_type="text/plain; charset=utf-8")
    assert middleware.process_response(request, text)["Content-Encoding"] == "gzip"
