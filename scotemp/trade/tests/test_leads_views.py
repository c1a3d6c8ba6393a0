"""Lead pages: form, detail (public vs members), contacts for signed-in users, edit, mine, buttons."""

from django.urls import reverse

from scotemp.trade.models import Lead

from .lead_data import make_lead, wheat_offer


def post_data(data):
    """Form data as a browser sends it (lists repeated, attributes as rows)."""
    out = {}
    for key, value in data.items():
        if key == "attributes":
            out["attributes_key"] = list(value)
            out["attributes_value"] = list(value.values())
        elif value is True:
            out[key] = "on"
        elif value not in (None, False):
            out[key] = value
    return out


def test_new_lead_page_creates_a_draft_or_publishes(client, aigerim, kz_org):
    client.force_login(aigerim)
    page = client.get(reverse("trade:lead_new"))
    assert page.status_code == 200
    assert b"hs-picker.js" in page.content and b'data-hs-picker="/api/v1/hs"' in page.content
    response = client.post(reverse("trade:lead_new"), post_data(wheat_offer()))
    lead = Lead.objects.get()
    assert response.status_code == 302 and response.url == reverse("trade:lead_detail", args=[lead.public_id])
    assert lead.status == "draft" and lead.attributes == {"protein": "12.5%", "moisture": "14%"}
    client.post(reverse("trade:lead_new"), {**post_data(wheat_offer()), "publish": "1"})
    assert Lead.objects.filter(status="published").count() == 1


def test_invalid_form_shows_field_errors_and_saves_nothing(client, aigerim, kz_org):
    client.force_login(aigerim)
    data = post_data(wheat_offer(incoterm="CIF", quantity="-1", valid_until="2999-01-01"))
    response = client.post(reverse("trade:lead_new"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"incoterm", "quantity", "valid_until"}
    assert not Lead.objects.exists()


def test_new_lead_needs_an_organization(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("trade:lead_new"))
    assert response.status_code == 302
    assert client.get(reverse("trade:lead_new")).status_code == 302


def test_detail_public_and_private(client, aigerim, kz_org, li_wei, outsider):
    published = make_lead(aigerim, kz_org)
    draft = make_lead(aigerim, kz_org, publish=False)
    anonymous = client.get(reverse("trade:lead_detail", args=[published.public_id]))
    assert anonymous.status_code == 200
    content = anonymous.content.decode()
    assert "Пшеница продовольственная 3 класса" in content
    assert "$235.00" in content and "5,000" in content  # money and num filters, English
    assert "FCA" in content and "Almaty" in content
    assert aigerim.email not in content and "Sign in to see the contact details." in content
    assert 'data-action="pause"' not in content
    assert client.get(reverse("trade:lead_detail", args=[draft.public_id])).status_code == 404
    for user in (li_wei, outsider):
        client.force_login(user)
        assert client.get(reverse("trade:lead_detail", args=[draft.public_id])).status_code == 404
        page = client.get(reverse("trade:lead_detail", args=[published.public_id])).content.decode()
        assert aigerim.email in page  # signed in: contact details
        assert 'data-action="pause"' not in page
    client.force_login(aigerim)
    page = client.get(reverse("trade:lead_detail", args=[draft.public_id])).content.decode()
    assert 'data-action="publish"' in page


def test_detail_in_the_viewers_language_falls_back_to_the_authors(client, aigerim, kz_org, li_wei):
    lead = make_lead(aigerim, kz_org, wheat_offer(title_zh_hans="三级食用小麦"))
    client.force_login(li_wei)  # works in Chinese
    page = client.get(reverse("trade:lead_detail", args=[lead.public_id])).content.decode()
    assert "三级食用小麦" in page
    other = make_lead(aigerim, kz_org)
    page = client.get(reverse("trade:lead_detail", args=[other.public_id])).content.decode()
    assert 'lang="ru"' in page and "Пшеница продовольственная 3 класса" in page


def test_edit_only_by_members(client, aigerim, kz_org, li_wei):
    lead = make_lead(aigerim, kz_org)
    client.force_login(li_wei)
    assert client.get(reverse("trade:lead_edit", args=[lead.public_id])).status_code == 404
    response = client.post(
        reverse("trade:lead_edit", args=[lead.public_id]), post_data(wheat_offer(quantity="1"))
    )
    assert response.status_code == 404
    client.force_login(aigerim)
    page = client.get(reverse("trade:lead_edit", args=[lead.public_id]))
    assert page.status_code == 200 and page.context["form"].initial["hs_code"] == "100199"
    response = client.post(
        reverse("trade:lead_edit", args=[lead.public_id]), post_data(wheat_offer(quantity="4000"))
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.quantity == 4000 and lead.status == "published"


def test_lifecycle_buttons(client, aigerim, kz_org, li_wei):
    lead = make_lead(aigerim, kz_org)
    client.force_login(li_wei)
    assert client.post(reverse("trade:lead_pause", args=[lead.public_id])).status_code == 404
    client.force_login(aigerim)
    response = client.post(reverse("trade:lead_pause", args=[lead.public_id]))
    assert response.status_code == 302
    assert Lead.objects.get(pk=lead.pk).status == "paused"
    response = client.post(reverse("trade:lead_pause", args=[lead.public_id]), follow=True)
    assert "приостановить можно только опубликованное" in response.content.decode()  # refused, in Russian
    response = client.post(reverse("trade:lead_duplicate", args=[lead.public_id]))
    copy = Lead.objects.exclude(pk=lead.pk).get()
    assert response.url == reverse("trade:lead_edit", args=[copy.public_id]) and copy.status == "draft"
    assert client.get(reverse("trade:lead_pause", args=[lead.public_id])).status_code == 405


def test_my_leads_by_status(client, aigerim, kz_org, li_wei, cn_org, django_assert_max_num_queries):
    make_lead(aigerim, kz_org)
    make_lead(aigerim, kz_org, publish=False)
    make_lead(li_wei, cn_org, wheat_offer(title="中国的报价", language="zh-hans"))
    client.force_login(aigerim)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("trade:my_leads"))
    assert page.status_code == 200
    assert len(page.context["leads"]) == 2 and "中国的报价" not in page.content.decode()
    drafts = client.get(reverse("trade:my_leads"), {"status": "draft"})
    assert [lead.status for lead in drafts.context["leads"]] == ["draft"]
