"""The demo profiles: valid identifiers, descriptions in the right language column, idempotent."""

from django.core.management import call_command

from scotemp.accounts.models import Organization
from scotemp.directory.models import Certification, ProfileProduct
from scotemp.directory.registry import clean_registry_id


def test_seed_demo_profiles(db):
    call_command("seed_demo", verbosity=0)
    orgs = list(Organization.objects.all())
    assert len(orgs) > 250
    for org in orgs:
        assert org.registry_id, org
        assert clean_registry_id(org.country_id, org.registry_type, org.registry_id) == org.registry_id
    aigerim_org = Organization.objects.get(name_latin="Astyk Trade Almaty LLP")
    assert aigerim_org.description_ru.startswith("Экспорт продовольственной пшеницы")
    assert not aigerim_org.description_en
    assert set(aigerim_org.profile.products.values_list("hs_code", flat=True)) == {"1001", "1003"}
    liwei_org = Organization.objects.get(name_latin="Chongqing Yuliang Foods Co., Ltd.")
    assert liwei_org.description_zh_hans.startswith("面粉") and not liwei_org.description_en
    counts = (ProfileProduct.objects.count(), Certification.objects.count())
    ids = dict(Organization.objects.values_list("pk", "registry_id"))
    call_command("seed_demo", verbosity=0)
    assert (ProfileProduct.objects.count(), Certification.objects.count()) == counts
    assert dict(Organization.objects.values_list("pk", "registry_id")) == ids
