import pytest

from scotemp.accounts.models import Membership
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32 + b"\xff\xd9"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Every test stores uploads in its own MEDIA_ROOT, so 'nothing on disk' can be checked."""
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def en_owner(db):
    """An owner who works in English, of an organization of their own."""
    org = OrganizationFactory(name="Caspian Steel LLP", registry_id="123456789012")
    user = UserFactory(email="owner@caspian.test", language="en")
    MembershipFactory(user=user, organization=org, role="owner")
    return user


def org_of(user):
    return Membership.objects.filter(user=user).select_related("organization").first().organization
