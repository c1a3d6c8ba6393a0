"""factory_boy factories for the domain models. Reference rows come from load_reference."""

import factory
from django.contrib.auth import get_user_model

from scotemp.accounts.choices import OrganizationType, Role
from scotemp.accounts.models import Membership, Organization
from scotemp.reference.models import Country

DEFAULT_PASSWORD = "demo-pass-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Faker("name")
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Mark the e-mail verified for allauth, so the user can sign in."""
        if create:
            from allauth.account.models import EmailAddress

            self.save()
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": extracted is not False, "primary": True}
            )


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Test Trading Co. {n}")
    country = factory.LazyFunction(lambda: Country.objects.get(iso2="CN"))
    type = OrganizationType.TRADER


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.MEMBER
