"""Shipment pages: the public tracking link (milestones only, noindex, 404 when revoked), the list
and detail in Russian and Chinese, the CSV upload with per-row errors."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scotemp.logistics.actions import shipments as ship_actions
from scotemp.logistics.models import TrackingEvent

from .shipment_helpers import ev, start, wheat_shipment

H = datetime.timedelta(hours=1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def shipment(aigerim, kz_org, cn_org):
    s = wheat_shipment(aigerim, kz_org, consignee=cn_org)
    t0 = start()
    ship_actions.post_events(
        aigerim,
        s,
        [
            ev("ACT", "DEPA", t0, "KZALA", description="Train 1234 left on time"),
            ev("ACT", "LOAD", t0 - H, "KZALA", equipment_reference="CSQU3054383"),
            ev("ACT", "XGCH", t0 + 28 * H, "KZ-ALTYNKOL"),
        ],
    )
    pdf = SimpleUploadedFile("invoice.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf")
    ship_actions.add_document(aigerim, s, kind="invoice", file=pdf)
    s.refresh_from_db()
    return s


def test_public_link_shows_milestones_only(client, shipment):
    response = client.get(f"/logistics/track/{shipment.tracking_token}/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"].startswith("noindex")
    html = response.content.decode()
    assert 'name="robots" content="noindex' in html
    assert "KZ-ALTYNKOL" in html and shipment.reference in html
    for secret in (
        "invoice.pdf",
        "CSQU3054383",
        "Train 1234",
        shipment.shipper.name,
        shipment.consignee.name,
    ):
        assert secret not in html, secret


def test_revoked_or_wrong_link_is_404(client, aigerim, shipment):
    token = shipment.tracking_token
    assert client.get(f"/logistics/track/{token[:-1]}x/").status_code == 404
    ship_actions.revoke_tracking_link(aigerim, shipment)
    assert client.get(f"/logistics/track/{token}/").status_code == 404
    new = ship_actions.regenerate_tracking_link(aigerim, shipment)
    assert client.get(f"/logistics/track/{token}/").status_code == 404
    assert client.get(f"/logistics/track/{new}/").status_code == 200


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_pages_in_language(client, aigerim, shipment, language):
    client.force_login(aigerim)
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for path in (
        "/logistics/shipments/",
        shipment.get_absolute_url(),
        "/logistics/shipments/new/",
        f"/logistics/track/{shipment.tracking_token}/",
    ):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, path
        html = response.content.decode()
        for english in (
            "Timeline",
            "Estimated arrival",
            "Shipments",
            "Milestones",
            "Post an event",
            "Gauge change",
        ):
            assert f">{english}<" not in html, (path, english)


def test_detail_is_404_for_a_stranger(client, outsider, shipment):
    client.force_login(outsider)
    assert client.get(shipment.get_absolute_url()).status_code == 404
    document = shipment.documents.get()
    assert client.get(f"{shipment.get_absolute_url()}documents/{document.public_id}/").status_code == 404


def test_csv_upload_reports_rows(client, aigerim, shipment):
    client.force_login(aigerim)
    t0 = start()
    good = f"ACT,GTOT,{(t0 + 30 * H).isoformat()},CNHRS,CSQU3054383,c-1,"
    bad = f"ACT,GTOT,{(t0 + 31 * H).isoformat()},CNHRS,NOTONTHISSHIP1,c-2,"
    text = "classifier,event_type,event_at,location_code,equipment_reference,provider_event_id,description\n"
    upload = SimpleUploadedFile("events.csv", (text + good + "\n" + bad + "\n").encode(), "text/csv")
    response = client.post(f"{shipment.get_absolute_url()}events/csv/", {"file": upload})
    assert response.status_code == 400
    assert "Строка 3, equipment_reference" in response.content.decode()  # Aigerim reads Russian
    before = TrackingEvent.objects.filter(shipment=shipment).count()
    upload = SimpleUploadedFile("events.csv", (text + good + "\n").encode(), "text/csv")
    response = client.post(f"{shipment.get_absolute_url()}events/csv/", {"file": upload})
    assert response.status_code == 302
    assert TrackingEvent.objects.filter(shipment=shipment).count() == before + 1


def test_event_form_posts(client, aigerim, shipment):
    client.force_login(aigerim)
    at = (start() + 40 * H).astimezone(datetime.UTC)
    response = client.post(
        f"{shipment.get_absolute_url()}events/",
        {
            "classifier": "ACT",
            "event_type": "DEPA",
            "event_at": at.strftime("%Y-%m-%dT%H:%M"),
            "location_code": "CNHRS",
        },
    )
    assert response.status_code == 302
    event = TrackingEvent.objects.get(shipment=shipment, event_type="DEPA", location_code="CNHRS")
    assert event.event_at == at and event.source == "page"


def test_consignee_reads_but_has_no_event_form(client, li_wei, shipment):
    client.force_login(li_wei)
    response = client.get(shipment.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{shipment.get_absolute_url()}events/" not in html  # no event form for the consignee
    assert "tracking-link" not in html  # the public link is the shipper's to manage
    assert "invoice.pdf" in html  # a party sees the documents
    response = client.post(f"{shipment.get_absolute_url()}tracking-link/", {"action": "revoke"})
    assert response.status_code == 403
