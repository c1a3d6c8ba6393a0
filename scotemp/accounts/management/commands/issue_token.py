"""``manage.py issue_token EMAIL [--org ID] [--name NAME]``: print a new API token for scripts."""

import uuid

from django.core.management.base import BaseCommand, CommandError

from scotemp.accounts.actions import create_api_token
from scotemp.accounts.models import Organization, User


class Command(BaseCommand):
    help = (
        "Create a personal access token for a user and print it (only once). The token acts for one of "
        "the user's organizations: give --org (public id or numeric id) when they belong to several."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The user's e-mail address.")
        parser.add_argument("--org", help="Organization public id (UUID) or numeric id.")
        parser.add_argument(
            "--name", default="issued by manage.py", help="A label shown in the settings page."
        )

    def handle(self, *args, email, org=None, name, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the e-mail address {email}.")
        organizations = Organization.objects.of_member(user).order_by("name")
        if org:
            organization = self._find(organizations, org)
            if organization is None:
                raise CommandError(f"{user.email} is not a member of an organization with id {org}.")
        else:
            found = list(organizations[:2])
            if not found:
                raise CommandError(f"{user.email} belongs to no organization; a token must act for one.")
            if len(found) > 1:
                choices = "\n".join(f"  {o.public_id}  {o.name}" for o in organizations)
                raise CommandError(
                    f"{user.email} belongs to several organizations; choose one with --org:\n{choices}"
                )
            organization = found[0]
        _token, raw = create_api_token(user, organization.public_id, name)
        if options["verbosity"] >= 2:
            self.stderr.write(
                f"Token for {user.email} acting for {organization.name} ({organization.public_id}):"
            )
        self.stdout.write(raw)

    @staticmethod
    def _find(organizations, ident: str):
        ident = ident.strip()
        if ident.isdigit():
            return organizations.filter(pk=int(ident)).first()
        try:
            return organizations.filter(public_id=uuid.UUID(ident)).first()
        except ValueError:
            return None
