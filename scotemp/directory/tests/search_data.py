"""A small directory in three scripts for the search tests; every expected result set is built from it.

The same module serves SQLite and PostgreSQL runs, so identical expectations prove identical results.
"""

import datetime

from django.utils import timezone

from scotemp.accounts.models import Organization
from scotemp.committees.models import Committee, CommitteeMembership, CommitteeMembershipStatus
from scotemp.directory.models import OrganizationProfile, ProfileActivity, ProfileProduct
from scotemp.directory.search import reindex_organizations

ORGS = {
    # key: (name, latin, country, city, registry_id, description fields, activities, products, verified)
    "cq_al": (
        "重庆铝业有限公司",
        "Chongqing Aluminium Co., Ltd.",
        "CN",
        "CNCKG",
        "91500000MA5U7K2Q1X",
        {"description_zh_hans": "生产铝锭和铝型材。", "description_en": "Aluminium ingots and profiles."},
        ["manufacturer", "exporter"],
        [("7601", "export"), ("7604", "export")],
        True,
    ),
    "xa_al": (
        "西安铝业集团",
        "Xi'an Aluminium Group",
        "CN",
        None,
        "",
        # 铝业 in the name, 业有 and 有限 only in the description: "铝业有限" must not match.
        {"description_zh_hans": "物业有限公司的合作伙伴。"},
        ["manufacturer"],
        [("7601", "import")],
        False,
    ),
    "ru_al": (
        "АО «Сибирский Алюминий»",
        "Siberian Aluminium JSC",
        "RU",
        "RUKJA",
        "7707083893",
        {"description_ru": "Производство первичного алюминия, поставки в Китай."},
        ["manufacturer", "exporter"],
        [("7601", "export")],
        False,
    ),
    "kz_grain": (
        "ТОО «Берёзка Зерно»",
        "Beryozka Zerno LLP",
        "KZ",
        "KZALA",
        "180340021791",
        {"description_ru": "Экспорт пшеницы и ячменя."},
        ["exporter"],
        [("1001", "export"), ("1003", "export")],
        True,
    ),
    "in_tex": (
        "Ganga Textiles Pvt. Ltd.",
        "Ganga Textiles Pvt. Ltd.",
        "IN",
        None,
        "",
        {"description_en": "Cotton fabrics and home textiles."},
        ["exporter", "manufacturer"],
        [("5208", "export"), ("5201", "import")],
        True,
    ),
    "tr_metal": (
        "Anadolu Metals A.Ş.",
        "Anadolu Metals",
        "TR",
        None,
        "",
        {"description_en": "Aluminium and steel trading."},
        ["importer"],
        [("7601", "import")],
        False,
    ),
}


def build_directory() -> dict[str, Organization]:
    """Create the organizations above with profiles, activities, products, one committee membership
    (cq_al in the test committee), distinct creation and verification dates; index them."""
    orgs = {}
    now = timezone.now()
    for i, (key, spec) in enumerate(ORGS.items()):
        name, latin, country, city, registry, descriptions, activities, products, verified = spec
        org = Organization.objects.create(
            name=name,
            name_latin=latin,
            country_id=country,
            city_id=city,
            registry_id=registry,
            type="trader",
            **descriptions,
        )
        Organization.objects.filter(pk=org.pk).update(created_at=now - datetime.timedelta(days=10 - i))
        profile = OrganizationProfile.objects.create(
            organization=org,
            verification_status="verified" if verified else "unverified",
            verified_at=now - datetime.timedelta(days=30 + 5 * i) if verified else None,
        )
        ProfileActivity.objects.bulk_create(
            [ProfileActivity(profile=profile, activity=a) for a in activities]
        )
        ProfileProduct.objects.bulk_create(
            [ProfileProduct(profile=profile, hs_code_id=code, direction=d) for code, d in products]
        )
        orgs[key] = org
    committee = Committee.objects.create(
        slug="test-aluminium", name="Aluminium (test)", description="Aluminium industry."
    )
    CommitteeMembership.objects.create(
        committee=committee, organization=orgs["cq_al"], status=CommitteeMembershipStatus.APPROVED
    )
    CommitteeMembership.objects.create(
        committee=committee, organization=orgs["ru_al"], status=CommitteeMembershipStatus.PENDING
    )
    reindex_organizations(o.pk for o in orgs.values())
    return orgs
