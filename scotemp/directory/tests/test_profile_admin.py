from django.urls import reverse

from scotemp.directory import actions
from scotemp.directory.models import OrganizationProfile


def test_admin_pages_load(client, operator, aigerim, kz_org, outsider):
    operator.is_superuser = True
    operator.save()
    actions.update_profile(aigerim, kz_org.public_id, exports="1001", activities=["exporter"])
    actions.request_handover(outsider, kz_org.public_id, "Mine.")
    client.force_login(operator)
    profile = OrganizationProfile.objects.get(organization=kz_org)
    for url in (
        reverse("admin:directory_organizationprofile_changelist"),
        reverse("admin:directory_organizationprofile_change", args=[profile.pk]),
        reverse("admin:directory_handoverrequest_changelist"),
    ):
        assert client.get(url).status_code == 200, url
