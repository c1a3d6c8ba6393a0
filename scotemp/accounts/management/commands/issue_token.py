"""``manage.py issue_token EMAIL [--org ID] [--name NAME] [--scope read|write] [--expires-in DAYS]``:
print a new API token for scripts."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from scotemp.accounts.actions import create_api_token
from scotemp.accounts.models import ApiToken, Organization, TokenScope, User


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise CommandError(f"--expires-in takes a number of days, not {value!r}.") from None
    if not 1 <= days <= ApiToken.MAX_LIFETIME_DAYS:
        raise CommandError(f"--expires-in must be between 1 and {ApiToken.MAX_LIFETIME_DAYS} days.")
    return days


class Command(BaseCommand):
    help = (
        "Create a personal access token for a user and print it (only once). The token acts for one of "
        "the user's organizations and only for it: give --org (public id or numeric id) when they "
        "belong to several. It is read-only unless --scope write, and never expires unless --expires-in "
        "DAYS. With -v 2, also says what the token may do and until when (on stderr)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The user's e-mail address.")
        parser.add_argument("--org", help="Organization public id (UUID) or numeric id.")
        parser.add_argument(
            "--name", default="issued by manage.py", help="A label shown in the settings page."
        )
        parser.add_argument(
            "--scope",
            choices=TokenScope.values,
            default=TokenScope.READ,
            help="read (GET requests only, the default) or write (also POST, PATCH, DELETE).",
        )
        parser.add_argument(
            "--expires-in",
            type=_days,
            metavar="DAYS",
            help=f"The token stops working after DAYS days (1 to {ApiToken.MAX_LIFETIME_DAYS}).",
        )

    def handle(self, *args, email, org=None, name, scope, expires_in=None, **options):
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
        expires_at = timezone.now() + datetime.timedelta(days=expires_in) if expires_in else None
        try:
            token, raw = create_api_token(
                user, organization.public_id, name, scope=scope, expires_at=expires_at
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        if options["verbosity"] >= 2:
            self.stderr.write(self._describe(token, user, organization))
        self.stdout.write(raw)

    @staticmethod
    def _describe(token, user, organization) -> str:
        access = (
            "read and write (GET, POST, PATCH, DELETE)"
            if token.scope == TokenScope.WRITE
            else "read only (GET requests)"
        )
        until = (
            f"until {timezone.localtime(token.expires_at):%Y-%m-%d %H:%M %Z}"
            if token.expires_at
            else "with no expiry (revoke it in the settings page when it is no longer needed)"
        )
        return (
            f"Token “{token.name}” for {user.email}, acting for {organization.name} "
            f"({organization.public_id}) only: {access}, {until}."
        )

    @staticmethod
    def _find(organizations, ident: str):
        ident = ident.strip()
        if ident.isdigit():
            return organizations.filter(pk=int(ident)).first() if len(ident) < 19 else None
        try:
            return organizations.filter(public_id=uuid.UUID(ident)).first()
        except ValueError:
            return None
