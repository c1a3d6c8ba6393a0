"""Profile writes: all or nothing, identifier uniqueness and the handover flow, description fallback,
completeness, contacts only for signed-in viewers, search index and verification kept in step."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone, translation

from scotemp.accounts.choices import Role
from scotemp.accounts.models import Membership, Organization
from scotemp.committees.models import Committee, CommitteeMembership
from scotemp.directory import actions, queries
from scotemp.directory.choices import HandoverStatus, VerificationStatus
from scotemp.directory.models import Certification, HandoverRequest, OrganizationProfile, SearchToken
from scotemp.directory.search import index_tokens
from scotemp.reference.models import Country
from tests.factories import MembershipFactory, UserFactory

USCC = "91110000600037341L"


def full_changes(**overrides):
    changes = {
        "name_latin": "Astyk Export LLP",
        "registry_type": "kz_bin",
        "registry_id": "180140012349",
        "description_ru": "Экспорт пшеницы и ячменя.",
        "city": "KZALA",
        "address": "Алматы, пр. Абая, 10",
        "contact_email": "sales@astyk.kz",
        "contact_phone": "8 727 258 34 34",  # as dialled in Kazakhstan
        "year_founded": 2009,
        "staff_range": "10-49",
        "activities": ["exporter", "wholesaler"],
        "exports": "1001, 1003",
        "imports": "3102",
        "certifications": [
            {"scheme": "iso9001", "number": "KZ-1", "issuer": "TÜV", "valid_from": None, "valid_until": None}
        ],
    }
    changes.update(overrides)
    return changes


def test_update_profile_saves_everything(aigerim, kz_org):
    actions.update_profile(aigerim, kz_org.public_id, **full_changes())
    kz_org.refresh_from_db()
    profile = OrganizationProfile.objects.get(organization=kz_org)
    assert kz_org.registry_id == "180140012349" and kz_org.city_id == "KZALA"
    assert profile.contact_email == "sales@astyk.kz" and profile.year_founded == 2009
    assert profile.contact_phone == "+7 7272 58 34 34"  # stored in the international format
    assert sorted(profile.activities.values_list("activity", flat=True)) == ["exporter", "wholesaler"]
    assert sorted(profile.products.values_list("direction", "hs_code")) == [
        ("export", "1001"),
        ("export", "1003"),
        ("import", "3102"),
    ]
    assert profile.certifications.get().number == "KZ-1"


def test_invalid_certification_leaves_everything_unchanged(aigerim, kz_org):
    actions.update_profile(aigerim, kz_org.public_id, **full_changes())
    bad = [
        {"scheme": "haccp", "number": "", "issuer": "", "valid_from": None, "valid_until": None},
        {
            "scheme": "iso14001",
            "number": "",
            "issuer": "",
            "valid_from": datetime.date(2025, 5, 1),
            "valid_until": datetime.date(2024, 5, 1),
        },
    ]
    with pytest.raises(ValidationError) as exc:
        actions.update_profile(
            aigerim,
            kz_org.public_id,
            **full_changes(name="Renamed", address="Elsewhere", exports="0902", certifications=bad),
        )
    assert list(exc.value.message_dict) == ["certifications.1.valid_until"]
    kz_org.refresh_from_db()
    profile = OrganizationProfile.objects.get(organization=kz_org)
    assert kz_org.name == "ТОО «Астык Экспорт»" and profile.address == "Алматы, пр. Абая, 10"
    assert sorted(profile.products.filter(direction="export").values_list("hs_code", flat=True)) == [
        "1001",
        "1003",
    ]
    assert list(Certification.objects.filter(profile=profile).values_list("scheme", flat=True)) == ["iso9001"]


def test_every_error_is_named_by_field(aigerim, kz_org):
    with pytest.raises(ValidationError) as exc:
        actions.update_profile(
            aigerim,
            kz_org.public_id,
            name="",
            city="CNCKG",  # Chongqing is not in Kazakhstan
            registry_type="cn_uscc",
            registry_id=USCC,
            exports="10, 9999, abcd",
            year_founded=1200,
            activities=["pirate"],
        )
    errors = exc.value.message_dict
    assert set(errors) == {"name", "city", "registry_type", "exports", "year_founded", "activities"}
    assert len(errors["exports"]) == 3
    assert "is not in" in errors["city"][0]


def test_permissions(aigerim, kz_org, outsider, li_wei):
    for user in (outsider, li_wei):
        with pytest.raises(Http404):
            actions.update_profile(user, kz_org.public_id, name="Hijacked")
    member = MembershipFactory(organization=kz_org, role=Role.MEMBER).user
    with pytest.raises(PermissionDenied):
        actions.update_profile(member, kz_org.public_id, name="Hijacked")
    admin = MembershipFactory(organization=kz_org, role=Role.ADMIN).user
    actions.update_profile(admin, kz_org.public_id, website="astyk.kz")
    kz_org.refresh_from_db()
    assert kz_org.website == "https://astyk.kz" and kz_org.name != "Hijacked"


def test_duplicate_identifier_is_refused_and_handover_makes_the_requester_owner(
    li_wei, cn_org, operator, django_capture_on_commit_callbacks
):
    actions.update_profile(li_wei, cn_org.public_id, registry_type="cn_uscc", registry_id=USCC)
    newcomer = UserFactory(email="real.owner@cqgrain.cn", language="zh-hans")
    with pytest.raises(actions.DuplicateRegistryId) as exc:
        actions.register_organization(
            newcomer,
            name="重庆粮油食品有限公司（重复）",
            country=Country.objects.get(iso2="CN"),
            type="trader",
            registry_type="cn_uscc",
            registry_id=USCC.lower(),
        )
    assert exc.value.existing == cn_org
    assert exc.value.error_dict["registry_id"][0].code == "conflict"
    assert not Organization.objects.filter(memberships__user=newcomer).exists()

    request = actions.request_handover(
        newcomer, cn_org.public_id, "I am the director; the licence is attached."
    )
    assert actions.request_handover(newcomer, cn_org.public_id, "again").pk == request.pk  # one pending
    assert list(queries.handover_queue()) == [HandoverRequest.objects.get()]
    with pytest.raises(Http404):  # the queue exists for operators only
        actions.decide_handover(li_wei, request.public_id, approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_handover(operator, request.public_id, approve=True)
    assert Membership.objects.get(user=newcomer, organization=cn_org).role == Role.OWNER
    assert Membership.objects.get(user=li_wei, organization=cn_org).role == Role.OWNER  # kept
    request.refresh_from_db()
    assert request.status == HandoverStatus.APPROVED and request.decided_by == operator
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [newcomer.email]
    assert cn_org.name in mail.outbox[0].subject
    with pytest.raises(ValidationError) as again:
        actions.decide_handover(operator, request.public_id, approve=False, note="late")
    assert again.value.code == "conflict"


def test_rejected_handover_needs_a_note_and_changes_no_membership(li_wei, cn_org, outsider, operator):
    request = actions.request_handover(outsider, cn_org.public_id, "Mine.")
    with pytest.raises(ValidationError) as exc:
        actions.decide_handover(operator, request.public_id, approve=False)
    assert "note" in exc.value.message_dict
    actions.decide_handover(operator, request.public_id, approve=False, note="No proof.")
    assert not Membership.objects.filter(user=outsider).exists()
    with pytest.raises(ValidationError):
        actions.request_handover(li_wei, cn_org.public_id, "I own it already")


def test_same_identifier_in_another_country_is_fine(aigerim, kz_org, li_wei, cn_org):
    actions.update_profile(aigerim, kz_org.public_id, registry_type="kz_bin", registry_id="180140012349")
    actions.update_profile(
        li_wei, cn_org.public_id, country="TR", registry_type="other", registry_id="180140012349"
    )
    with pytest.raises(actions.DuplicateRegistryId):
        actions.update_profile(li_wei, cn_org.public_id, country="KZ", registry_type="kz_bin")


def test_changing_country_rechecks_the_identifier_type(li_wei, cn_org):
    actions.update_profile(li_wei, cn_org.public_id, registry_type="cn_uscc", registry_id=USCC)
    with pytest.raises(ValidationError) as exc:
        actions.update_profile(li_wei, cn_org.public_id, country="KZ", city="")
    assert "registry_type" in exc.value.message_dict
    cn_org.refresh_from_db()
    assert cn_org.country_id == "CN"


def test_register_organization_creates_profile_and_index(outsider):
    org = actions.register_organization(
        outsider,
        name="ООО «Байкал Агро»",
        country=Country.objects.get(iso2="RU"),
        type="trader",
        registry_type="ru_inn",
        registry_id="7707083893",
    )
    assert org.registry_id == "7707083893" and OrganizationProfile.objects.filter(organization=org).exists()
    tokens = set(SearchToken.objects.filter(organization=org).values_list("token", flat=True))
    assert index_tokens("Байкал") <= tokens
    assert Membership.objects.get(organization=org).user == outsider


def test_update_reindexes_search(aigerim, kz_org):
    actions.update_profile(aigerim, kz_org.public_id, trading_names=["Алтын Дән"])
    tokens = set(SearchToken.objects.filter(organization=kz_org).values_list("token", flat=True))
    assert index_tokens("алтын") <= tokens


def test_identity_change_of_verified_profile_goes_back_to_review(aigerim, kz_org):
    actions.update_profile(aigerim, kz_org.public_id, registry_type="kz_bin", registry_id="180140012349")
    OrganizationProfile.objects.filter(organization=kz_org).update(
        verification_status=VerificationStatus.VERIFIED,
        verified_at=timezone.now(),
        verified_until=timezone.now().date() + datetime.timedelta(days=300),
    )
    actions.update_profile(aigerim, kz_org.public_id, address="New address")  # not identity: stays verified
    assert OrganizationProfile.objects.get(organization=kz_org).is_verified
    actions.update_profile(aigerim, kz_org.public_id, registry_id="120540006784")
    profile = OrganizationProfile.objects.get(organization=kz_org)
    assert profile.verification_status == VerificationStatus.PENDING
    assert profile.address == "New address"


# --- reads ---------------------------------------------------------------------------------------------


def test_description_in_viewer_language_or_fallback(aigerim, kz_org):
    actions.update_profile(aigerim, kz_org.public_id, description_ru="Экспорт зерна.", description_en="")
    kz_org.refresh_from_db()
    shown = queries.profile_for_display(kz_org, aigerim, language="ru")
    assert (shown.description, shown.description_language, shown.is_fallback) == (
        "Экспорт зерна.",
        "ru",
        False,
    )
    shown = queries.profile_for_display(kz_org, aigerim, language="zh-hans")
    assert shown.description == "Экспорт зерна." and shown.is_fallback and shown.description_language == "ru"
    actions.update_profile(aigerim, kz_org.public_id, description_en="Grain exports.")
    kz_org.refresh_from_db()
    shown = queries.profile_for_display(kz_org, aigerim, language="zh-hans")
    assert shown.description == "Grain exports." and shown.description_language == "en"  # en before ru
    with translation.override("ru"):
        assert queries.profile_for_display(kz_org, aigerim).description == "Экспорт зерна."


def test_contacts_only_for_signed_in_viewers(aigerim, kz_org, outsider):
    actions.update_profile(aigerim, kz_org.public_id, contact_email="sales@astyk.kz")
    assert queries.profile_for_display(kz_org, AnonymousUser()).contacts is None
    assert queries.profile_for_display(kz_org, outsider).contacts.email == "sales@astyk.kz"


def test_display_shows_heading_names_certificate_validity_and_committees(aigerim, kz_org):
    past = timezone.now().date() - datetime.timedelta(days=1)
    certs = [
        {"scheme": "haccp", "number": "", "issuer": "", "valid_from": None, "valid_until": past},
        {"scheme": "iso9001", "number": "", "issuer": "", "valid_from": None, "valid_until": None},
    ]
    actions.update_profile(aigerim, kz_org.public_id, exports=["1001"], certifications=certs)
    committees = list(Committee.objects.order_by("position")[:2])
    CommitteeMembership.objects.create(committee=committees[0], organization=kz_org, status="approved")
    CommitteeMembership.objects.create(committee=committees[1], organization=kz_org, status="pending")
    with translation.override("ru"):
        shown = queries.profile_for_display(kz_org, aigerim)
    assert shown.exports[0].code == "1001" and "шеница" in shown.exports[0].name
    assert [c.slug for c in shown.committees] == [committees[0].slug]
    assert [(c.scheme, c.is_valid) for c in shown.certifications] == [("haccp", False), ("iso9001", True)]


def test_completeness(aigerim, kz_org):
    before = queries.profile_completeness(kz_org)
    assert "Add a description in at least one language" in before.missing
    assert "Upload registration documents" in before.missing
    actions.update_profile(aigerim, kz_org.public_id, **full_changes(website="https://astyk.kz"))
    kz_org.refresh_from_db()
    after = queries.profile_completeness(kz_org)
    assert after.percent > before.percent
    assert after.missing_keys == ["documents"]
    assert after.percent == 90
